/* pgpulse */
-- Ungranted locks and the granted locks on the same objects (the ones that block them).
-- The EXISTS is evaluated once: while nobody waits, pg_locks is not read at all.
-- Relation names resolve only in the connected database (relation OIDs are per database).
-- Parameter: 1 = maximum number of rows.
WITH /* pgpulse */ waiting AS MATERIALIZED (
    SELECT l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid, l.transactionid,
           l.classid, l.objid, l.objsubid
      FROM pg_locks l
     WHERE NOT l.granted
       AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.wait_event_type = 'Lock')
)
SELECT l.pid, l.locktype, l.mode, l.granted, l.database AS database_oid, l.relation AS relation_oid,
       CASE WHEN l.relation IS NOT NULL AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
            THEN format('%I.%I', n.nspname, c.relname) END AS relation,
       l.transactionid::text AS transactionid, l.virtualxid, l.page, l.tuple,
       l.waitstart
  FROM pg_locks l
  LEFT JOIN pg_class c ON c.oid = l.relation
  LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE l.pid <> pg_backend_pid()
   AND EXISTS (SELECT 1 FROM waiting w
                WHERE (w.locktype, w.database, w.relation, w.page, w.tuple, w.virtualxid,
                       w.transactionid, w.classid, w.objid, w.objsubid)
                      IS NOT DISTINCT FROM
                      (l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid,
                       l.transactionid, l.classid, l.objid, l.objsubid))
 ORDER BY l.granted DESC, l.pid
 LIMIT ?
