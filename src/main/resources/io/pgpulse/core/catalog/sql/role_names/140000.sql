/* pgpulse */
-- Names for the userids seen in pg_stat_statements; roles change rarely, so only unknown ids are asked for.
-- Parameter: 1 = bigint[] of role oids.
SELECT /* pgpulse */ r.oid::bigint AS oid, r.rolname FROM pg_roles r WHERE r.oid::bigint = ANY (?::bigint[])
