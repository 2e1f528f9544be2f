/* pgpulse */
-- Per-role and per-database connection limits that are set (-1 means none), with current use.
SELECT /* pgpulse */ 'role' AS kind, r.rolname AS name, r.rolconnlimit AS conn_limit,
       (SELECT count(*) FROM pg_stat_activity a WHERE a.usesysid = r.oid) AS in_use
  FROM pg_roles r
 WHERE r.rolconnlimit >= 0 AND r.rolcanlogin
UNION ALL
SELECT 'database', d.datname, d.datconnlimit,
       (SELECT count(*) FROM pg_stat_activity a WHERE a.datid = d.oid)
  FROM pg_database d
 WHERE d.datconnlimit >= 0
