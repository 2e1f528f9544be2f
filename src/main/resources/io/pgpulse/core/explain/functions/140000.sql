/* pgpulse */
-- Functions a statement may call, looked up by name before EXPLAIN ANALYZE: unqualified names
-- through the search path (pg_catalog included, as the server resolves them), qualified names in
-- their schema. Every overload is returned; one volatile overload is enough to refuse.
-- The body is read only for plain functions written in SQL or PL/pgSQL outside the system
-- schemas, so that a function declared STABLE that calls pg_sleep() is caught. prosrc is the body
-- itself; SQL-standard bodies (BEGIN ATOMIC) leave it empty, and pg_get_functiondef shows them
-- unquoted.
-- $1: unqualified names, $2/$3: schemas and names of qualified calls (parallel arrays).
SELECT /* pgpulse */ n.nspname::text AS schema_name,
       p.proname::text AS function_name,
       p.provolatile::text AS volatility,
       CASE WHEN p.prokind = 'f' AND l.lanname IN ('sql', 'plpgsql')
                 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            THEN COALESCE(NULLIF(btrim(p.prosrc), ''), pg_catalog.pg_get_functiondef(p.oid)) END AS definition
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
 WHERE (p.proname::text = ANY (?::text[]) AND n.nspname = ANY (pg_catalog.current_schemas(true)))
    OR EXISTS (SELECT 1
                 FROM unnest(?::text[], ?::text[]) AS q(schema_name, function_name)
                WHERE q.schema_name = n.nspname::text AND q.function_name = p.proname::text)
