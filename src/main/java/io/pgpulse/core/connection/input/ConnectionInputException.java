package io.pgpulse.core.connection.input;

import java.util.Objects;

/**
 * Connection input that cannot be used. The message is meant for the user as is: it names the
 * offending part and how to fix it, and never contains a password. There is deliberately no
 * cause: the messages of URI, I/O or driver exceptions may echo the input.
 */
public final class ConnectionInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        MALFORMED_URI,
        MALFORMED_CONNINFO,
        MALFORMED_SERVICE_FILE,
        FORBIDDEN_PROPERTY,
        UNKNOWN_PROPERTY,
        INVALID_VALUE,
        SERVICE_NOT_FOUND
    }

    private final Reason reason;

    public ConnectionInputException(Reason reason, String message) {
        super(Redactor.redact(Objects.requireNonNull(message, "message")));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
