/* pgpulse */
-- Foreign keys of user tables with their referencing columns in order and the referencing
-- table's size: a DELETE or key UPDATE on the referenced table scans the referencing table for
-- matches unless an index leads with these columns.
SELECT /* pgpulse */ n.nspname::text AS schema_name,
       t.relname::text AS table_name,
       con.conname::text AS constraint_name,
       rn.nspname::text AS referenced_schema,
       rt.relname::text AS referenced_table,
       con.conkey::int[] AS attnums,
       ARRAY(SELECT a.attname::text
               FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
              ORDER BY k.ord) AS column_names,
       pg_catalog.pg_relation_size(t.oid) AS table_size_bytes,
       t.reltuples::float8 AS table_rows
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
 WHERE con.contype = 'f'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY n.nspname, t.relname, con.conname
