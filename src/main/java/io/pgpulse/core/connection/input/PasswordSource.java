package io.pgpulse.core.connection.input;

/** Where a target's password came from, so the app can explain it and knows when to prompt. */
public enum PasswordSource {
    /** No password was found; the app asks for one if the server wants it. */
    NONE,
    /** Typed or pasted by the user: URI userinfo, {@code password=}, or the form. */
    INPUT,
    /** {@code PGPASSWORD}. */
    ENVIRONMENT,
    /** A matching line of the password file ({@code PGPASSFILE} or {@code ~/.pgpass}). */
    PGPASS,
    /** The {@code password} of the selected {@code pg_service.conf} entry. */
    SERVICE_FILE,
    /** Asked for interactively after parsing. */
    PROMPT,
    /** Read from the operating system's keychain for a saved profile. */
    KEYCHAIN
}
