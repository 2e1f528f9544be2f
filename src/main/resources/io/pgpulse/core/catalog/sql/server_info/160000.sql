/* pgpulse */
-- 16 added reserved_connections (slots for pg_use_reserved_connections members).
SELECT /* pgpulse */ current_setting('server_version_num')::int AS version_num,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS superuser_reserved_connections,
       current_setting('reserved_connections')::int AS reserved_connections,
       pg_postmaster_start_time() AS started_at,
       statement_timestamp() AS server_time,
       (SELECT count(*) FROM pg_stat_activity a WHERE a.backend_type = 'client backend') AS client_backends
