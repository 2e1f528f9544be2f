/* pgpulse */
-- The monitor's own sessions carry its application_name and are left out.
-- pg_blocking_pids() takes the lock manager's partition locks, so it is only called for
-- sessions that are actually waiting on a heavyweight lock.
-- Parameters: 1 = maximum query text length, 2 = maximum number of rows.
SELECT /* pgpulse */ a.pid, a.backend_start, a.xact_start, a.query_start, a.state_change, a.state,
       a.wait_event_type, a.wait_event, a.backend_type, a.datname, a.usename,
       a.application_name, host(a.client_addr) AS client_addr, a.query_id,
       left(a.query, ?) AS query,
       CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END AS blocked_by
  FROM pg_stat_activity a
 WHERE a.pid <> pg_backend_pid()
   AND a.application_name IS DISTINCT FROM current_setting('application_name')
 ORDER BY a.xact_start NULLS LAST, a.pid
 LIMIT ?
