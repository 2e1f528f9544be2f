/* pgpulse */
-- Version-independent on purpose: it runs before we know whether the server is supported.
SELECT /* pgpulse */ current_setting('server_version_num')::int AS version_num,
       current_setting('server_version') AS version
