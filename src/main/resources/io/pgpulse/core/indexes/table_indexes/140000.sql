/* pgpulse */
-- Existing indexes of the tables a plan reads ($1: table names), key columns in order (NULL for an
-- expression) and the operator class of each, so the advisor can tell whether one already serves.
SELECT /* pgpulse */ n.nspname::text AS schema_name,
       t.relname::text AS table_name,
       i.relname::text AS index_name,
       x.indisvalid AS valid,
       x.indisunique AS is_unique,
       x.indisprimary AS is_primary,
       am.amname::text AS access_method,
       x.indpred IS NOT NULL AS partial,
       ARRAY(SELECT a.attname::text
               FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
              WHERE k.ord <= x.indnkeyatts
              ORDER BY k.ord) AS key_columns,
       ARRAY(SELECT oc.opcname::text
               FROM unnest(x.indclass::oid[]) WITH ORDINALITY AS o(opc, ord)
               JOIN pg_catalog.pg_opclass oc ON oc.oid = o.opc
              ORDER BY o.ord) AS opclasses
  FROM pg_catalog.pg_index x
  JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = i.relam
 WHERE t.relname::text = ANY (?::text[])
 ORDER BY n.nspname, t.relname, i.relname
