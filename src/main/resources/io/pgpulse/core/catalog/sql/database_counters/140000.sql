/* pgpulse */
-- sessions* counters were added in 14; the shared-objects row (datid 0) is dropped by the join.
SELECT /* pgpulse */ d.datid, d.datname, db.datconnlimit, d.numbackends, d.xact_commit, d.xact_rollback,
       d.deadlocks, d.temp_files, d.temp_bytes, d.sessions, d.sessions_abandoned,
       d.sessions_fatal, d.sessions_killed, d.stats_reset
  FROM pg_stat_database d
  JOIN pg_database db ON db.oid = d.datid
 WHERE db.datallowconn
