/* pgpulse */
-- Counters without texts (showtext = false never touches the query-text file). Only entries whose
-- fingerprint the client does not already hold are sent: an unchanged entry costs no bytes.
-- The fingerprint mixes the key and calls with shifts and xor only (no overflow errors); the
-- client computes the same value (StatementFingerprint).
-- The fingerprints only count while stats_reset and the server start are the ones the client
-- saw: after a reset or restart every entry is sent, even one whose calls happen to match.
-- Parameters: 1 = bigint[] of fingerprints the client already has, 2 = the stats_reset it saw,
-- 3 = the server start time it saw.
SELECT /* pgpulse */ s.userid, s.dbid, s.queryid, s.toplevel, s.calls, s.total_exec_time, s.total_plan_time,
       s.rows, s.shared_blks_hit, s.shared_blks_read, s.temp_blks_read, s.temp_blks_written,
       s.wal_bytes, s.min_exec_time, s.max_exec_time, NULL::timestamptz AS stats_since
  FROM {{pgss}}.pg_stat_statements(false) s
  LEFT JOIN unnest(?::bigint[]) AS known(fp)
    ON known.fp = (s.queryid # (s.calls << 17) # (s.userid::bigint << 40) # (s.dbid::bigint << 8)
                   # CASE WHEN s.toplevel THEN 1::bigint ELSE 0::bigint END)
   AND ?::timestamptz IS NOT DISTINCT FROM (SELECT i.stats_reset FROM {{pgss}}.pg_stat_statements_info i)
   AND ?::timestamptz = pg_postmaster_start_time()
 WHERE known.fp IS NULL AND s.queryid IS NOT NULL
