package io.pgpulse.core.connection.input;

/**
 * A recognised setting.
 *
 * @param key    the key as the user wrote it, for messages
 * @param source which layer it came from, in {@link PasswordSource} terms
 */
record Setting(Keyword keyword, String key, String value, String origin, PasswordSource source) {
}
