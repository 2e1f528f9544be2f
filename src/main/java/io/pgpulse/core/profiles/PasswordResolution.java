package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.connection.input.Secret;
import java.util.Objects;

/** Where a connection's password comes from, or why the user has to be asked. */
public sealed interface PasswordResolution permits PasswordResolution.Resolved, PasswordResolution.PasswordNeeded {

    /** The target to connect to; it carries the password when there is one. */
    ConnectionTarget target();

    enum Origin {
        /** Typed or pasted as part of the connection input. */
        CONNECTION_INPUT,
        ENVIRONMENT,
        PGPASS,
        SERVICE_FILE,
        KEYCHAIN,
        /** Entered at the prompt after a {@link PasswordNeeded}. */
        TYPED
    }

    /** @param target carries the password */
    record Resolved(ConnectionTarget target, Origin origin) implements PasswordResolution {

        public Resolved {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(origin, "origin");
            if (target.password() == null) {
                throw new IllegalArgumentException("a resolved target has a password");
            }
        }
    }

    enum Reason {
        /** The profile is set to ask every session. */
        ASK_EVERY_SESSION,
        /** The profile relies on PGPASSWORD or .pgpass, and neither has a password for it. */
        NOT_IN_PGPASS_OR_ENV,
        /** The keychain answered but has no password for the profile. */
        NOT_IN_KEYCHAIN,
        /** The profile keeps its password in the keychain, but there is no keychain this session. */
        KEYCHAIN_UNAVAILABLE,
        /** The keychain failed or did not answer in time. */
        KEYCHAIN_FAILED,
        /** Ad-hoc input without a profile, and no password anywhere. */
        NOT_FOUND
    }

    /**
     * The UI should prompt. The server may not want a password at all (trust, peer or certificate
     * authentication), so a caller may first try {@link #target()} as it is and prompt only when
     * authentication fails, as psql does.
     *
     * @param message     why, worded for the prompt
     * @param canRemember whether a "remember in the keychain" option can work this session
     */
    record PasswordNeeded(ConnectionTarget target, Reason reason, String message, boolean canRemember)
            implements PasswordResolution {

        public PasswordNeeded {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        /** The target with what the user typed. */
        public Resolved supply(Secret typed) {
            Objects.requireNonNull(typed, "typed");
            return new Resolved(target.withPassword(typed, PasswordSource.PROMPT), Origin.TYPED);
        }
    }
}
