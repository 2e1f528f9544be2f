/* pgpulse */
-- Statistics freshness of the tables a plan reads, by table name ($1). Plans without VERBOSE do
-- not print schemas, so every table of that name comes back with whether the search path finds it.
SELECT /* pgpulse */ s.schemaname::text AS schema_name,
       s.relname::text AS table_name,
       pg_catalog.pg_table_is_visible(s.relid) AS visible,
       s.n_live_tup,
       s.n_dead_tup,
       s.n_mod_since_analyze,
       c.reltuples::float8 AS reltuples,
       s.last_analyze,
       s.last_autoanalyze,
       now() AS server_now
  FROM pg_catalog.pg_stat_user_tables s
  JOIN pg_catalog.pg_class c ON c.oid = s.relid
 WHERE s.relname::text = ANY (?::text[])
