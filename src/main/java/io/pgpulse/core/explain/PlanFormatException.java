package io.pgpulse.core.explain;

/** A plan that cannot be read, with where and why in the message. */
public final class PlanFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public PlanFormatException(String message) {
        super(message);
    }

    public PlanFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
