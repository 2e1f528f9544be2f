/* pgpulse */
-- Reading any text reads the whole text file on the server, so texts are fetched for all new
-- queryids at once, truncated server-side to keep the transfer small.
-- Parameters: 1 = maximum text length, 2 = bigint[] of queryids.
SELECT /* pgpulse */ DISTINCT ON (s.queryid) s.queryid, left(s.query, ?) AS query, length(s.query) AS full_length
  FROM {{pgss}}.pg_stat_statements(true) s
 WHERE s.queryid = ANY (?::bigint[])
 ORDER BY s.queryid
