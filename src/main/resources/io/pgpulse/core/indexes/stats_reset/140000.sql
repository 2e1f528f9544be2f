/* pgpulse */
-- When this database's statistics were last reset (NULL: never), the server's clock, and whether
-- this is a standby: idx_scan only counts scans on the server it is read from.
SELECT /* pgpulse */ d.stats_reset,
       now() AS server_now,
       pg_catalog.pg_is_in_recovery() AS in_recovery
  FROM pg_catalog.pg_stat_database d
 WHERE d.datname = current_database()
