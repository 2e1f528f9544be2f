package io.pgpulse.core.activity;

import java.time.Instant;

/**
 * What happened to one target of a cancel or terminate. Only {@link Sent} means a signal left the
 * server; every other outcome sent nothing.
 */
public sealed interface SignalResult {
    SessionRef target();

    /** One sentence for the person who asked, naming the pid. */
    String message();

    default boolean sent() {
        return this instanceof Sent;
    }

    record Sent(SessionRef target, Signal signal) implements SignalResult {
        @Override
        public String message() {
            return signal == Signal.CANCEL
                    ? "pid " + target.pid() + ": cancel sent; its statement stops at the next check"
                    : "pid " + target.pid() + ": terminate sent; the session ends and its transaction is rolled back";
        }
    }

    /** The session had already ended. */
    record NotFound(SessionRef target) implements SignalResult {
        @Override
        public String message() {
            return "pid " + target.pid() + " is no longer running; nothing was sent";
        }
    }

    /** The pid now belongs to a session that started at {@code currentStart}. */
    record PidReused(SessionRef target, Instant currentStart, String message) implements SignalResult {
    }

    /** This role may not signal the target, or the target is the monitor itself. */
    record NotPermitted(SessionRef target, String reason) implements SignalResult {
        @Override
        public String message() {
            return reason;
        }
    }

    record Failed(SessionRef target, String error) implements SignalResult {
        @Override
        public String message() {
            return "pid " + target.pid() + ": the request failed (" + error + "); refresh to see whether it took effect";
        }
    }
}
