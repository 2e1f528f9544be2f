/* pgpulse */
-- Where hypopg's functions live (NULL when the extension is not installed in this database).
SELECT /* pgpulse */ (SELECT n.nspname::text
          FROM pg_catalog.pg_extension e
          JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'hypopg') AS hypopg_schema
