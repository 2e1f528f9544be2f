/* pgpulse */
-- Everything the capability probe decides from settings and the catalog; changes nothing.
-- pg_has_role(..., 'USAGE') is true only when the privileges are inherited: a NOINHERIT member
-- of pg_read_all_stats is a MEMBER without USAGE and still sees "<insufficient privilege>".
SELECT /* pgpulse */ current_user AS role_name,
       current_database() AS database,
       -- Superuser-only setting: pg_settings hides it (NULL here) from roles without pg_read_all_settings.
       (SELECT s.setting FROM pg_settings s WHERE s.name = 'shared_preload_libraries') AS shared_preload_libraries,
       current_setting('compute_query_id') AS compute_query_id,
       current_setting('track_activity_query_size') AS track_activity_query_size,
       (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user) AS is_superuser,
       pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS reads_all_stats,
       pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS member_of_read_all_stats,
       pg_has_role(current_user, 'pg_signal_backend', 'USAGE') AS can_signal_backends,
       (SELECT e.extversion FROM pg_extension e WHERE e.extname = 'pg_stat_statements') AS pgss_version,
       (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'pg_stat_statements') AS pgss_schema,
       (SELECT e.extversion FROM pg_extension e WHERE e.extname = 'hypopg') AS hypopg_version,
       EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = 'hypopg') AS hypopg_available,
       (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE p.proname = 'pg_stat_statements' AND n.nspname =
               (SELECT n2.nspname FROM pg_extension e JOIN pg_namespace n2 ON n2.oid = e.extnamespace
                 WHERE e.extname = 'pg_stat_statements')
           AND has_function_privilege(p.oid, 'EXECUTE')) > 0 AS pgss_executable
