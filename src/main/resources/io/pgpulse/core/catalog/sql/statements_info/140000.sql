/* pgpulse */
SELECT /* pgpulse */ i.dealloc, i.stats_reset
  FROM {{pgss}}.pg_stat_statements_info i
