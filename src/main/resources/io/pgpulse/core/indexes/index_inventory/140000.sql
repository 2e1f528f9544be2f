/* pgpulse */
-- Every index on user tables of this database, with what index health needs to judge it: key
-- columns (attnum 0 is an expression), operator classes, collations and options as comparable
-- text, predicate and expressions, whether a constraint depends on it, scans since the last
-- statistics reset, size, and whether a CREATE INDEX is building it right now.
SELECT /* pgpulse */ n.nspname::text AS schema_name,
       t.relname::text AS table_name,
       i.relname::text AS index_name,
       x.indisvalid AS valid,
       x.indisunique AS is_unique,
       x.indisprimary AS is_primary,
       x.indisexclusion AS is_exclusion,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                WHERE con.conindid = x.indexrelid AND con.contype IN ('p', 'u', 'x')) AS backs_constraint,
       am.amname::text AS access_method,
       x.indnkeyatts::int AS key_count,
       x.indnatts::int AS column_count,
       x.indkey::int2[]::int[] AS attnums,
       ARRAY(SELECT a.attname::text
               FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
              ORDER BY k.ord) AS column_names,
       x.indclass::text AS opclasses,
       x.indcollation::text AS collations,
       x.indoption::text AS options,
       pg_catalog.pg_get_expr(x.indexprs, x.indrelid) AS expressions,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid) AS predicate,
       s.idx_scan,
       pg_catalog.pg_relation_size(x.indexrelid) AS size_bytes,
       pg_catalog.pg_get_indexdef(x.indexrelid) AS definition,
       EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p
                WHERE p.index_relid = x.indexrelid OR (p.relid = x.indrelid AND p.index_relid = 0)) AS build_in_progress
  FROM pg_catalog.pg_index x
  JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = i.relam
  LEFT JOIN pg_catalog.pg_stat_all_indexes s ON s.indexrelid = x.indexrelid
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast|temp_)'
   AND t.relkind IN ('r', 'p', 'm')
 ORDER BY n.nspname, t.relname, i.relname
