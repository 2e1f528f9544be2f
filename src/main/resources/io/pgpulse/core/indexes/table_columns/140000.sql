/* pgpulse */
-- Columns of the tables a plan reads ($1: table names; plans without VERBOSE print no schema),
-- with the planner's statistics where this role may see them: pg_stats shows only columns of
-- tables the role can SELECT, so n_distinct is NULL otherwise.
SELECT /* pgpulse */ n.nspname::text AS schema_name,
       c.relname::text AS table_name,
       pg_catalog.pg_table_is_visible(c.oid) AS visible,
       c.reltuples::float8 AS reltuples,
       a.attname::text AS column_name,
       a.attnum::int AS attnum,
       s.n_distinct::float8 AS n_distinct,
       s.null_frac::float8 AS null_frac
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_stats s
         ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
        AND s.inherited = (c.relkind = 'p')
 WHERE c.relkind IN ('r', 'p', 'm')
   AND c.relname::text = ANY (?::text[])
 ORDER BY n.nspname, c.relname, a.attnum
