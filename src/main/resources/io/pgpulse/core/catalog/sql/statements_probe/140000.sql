/* pgpulse */
-- Reads one counter row without texts: fails with 55000 when the library is not preloaded and
-- 42501 when the role may not execute the function. LIMIT keeps it cheap at any size.
SELECT /* pgpulse */ s.queryid FROM {{pgss}}.pg_stat_statements(false) s LIMIT 1
