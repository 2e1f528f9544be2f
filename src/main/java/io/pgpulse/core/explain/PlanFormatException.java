package io.pgpulse.core.explain;

import java.util.OptionalInt;

/** A plan that cannot be read, with where and why in the message (and the line, when one is known). */
public final class PlanFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** 1-based line of the text that was read; 0 when the problem is not on one line. */
    private final int line;

    public PlanFormatException(String message) {
        this(message, 0, null);
    }

    public PlanFormatException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public PlanFormatException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = Math.max(0, line);
    }

    /** The line the message is about, counted from 1 in the text that was read. */
    public OptionalInt line() {
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }
}
