package io.pgpulse.app.connect;

import java.util.List;
import java.util.Objects;

/** What the dialog shows about the input while it is typed: nothing yet, usable, or why not. */
public sealed interface Validation {

    /** Nothing to check yet; {@code hint} says what to enter. */
    record Empty(String hint) implements Validation {
        public Empty {
            Objects.requireNonNull(hint, "hint");
        }
    }

    /**
     * The input resolves to a server.
     *
     * @param summary  where and as whom PgPulse would connect, e.g. {@code alice@db:5432/shop}; no secret
     * @param details  how it was resolved: TLS mode, where the password comes from
     * @param warnings what the parser wants the user to know, e.g. an ignored world-readable .pgpass
     * @param weakTls  the server's certificate would not be verified
     */
    record Valid(String summary, String details, List<String> warnings, boolean weakTls) implements Validation {
        public Valid {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(details, "details");
            warnings = List.copyOf(warnings);
        }
    }

    /** The input cannot be used; {@code message} is the parser's own, which never holds a password. */
    record Invalid(String message) implements Validation {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }
}
