package io.pgpulse.core.profiles;

/** Where a profile's password is expected to come from; the profile itself never holds it. */
public enum PasswordStorage {
    /** The OS keychain, under the profile's name. */
    KEYCHAIN,
    /** {@code PGPASSWORD}, {@code .pgpass} or the service file, as psql would find it. */
    PGPASS_OR_ENV,
    /** Nowhere: PgPulse asks when it connects and forgets the password when it quits. */
    ASK_EVERY_SESSION
}
