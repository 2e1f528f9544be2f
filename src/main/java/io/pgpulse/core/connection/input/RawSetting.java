package io.pgpulse.core.connection.input;

/**
 * One {@code key=value} as written, before the key is checked.
 *
 * @param origin where it was written, phrased to follow a noun: "in the URI", "in environment
 *               variable PGHOST", "in service 'prod' (/home/a/.pg_service.conf line 3)"
 */
record RawSetting(String key, String value, String origin) {
}
