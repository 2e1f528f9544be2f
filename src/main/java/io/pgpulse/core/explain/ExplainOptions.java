package io.pgpulse.core.explain;

import java.time.Duration;
import java.util.Objects;

/**
 * EXPLAIN options and the limits the runner enforces.
 *
 * @param analyze          execute the statement (only when safe and confirmed)
 * @param statementTimeout {@code SET LOCAL statement_timeout} for the EXPLAIN transaction
 * @param lockTimeout      {@code SET LOCAL lock_timeout}: planning takes share locks, and waiting behind a
 *                         migration's ACCESS EXCLUSIVE lock would queue everyone else behind PgPulse
 */
public record ExplainOptions(boolean analyze, boolean buffers, boolean verbose, boolean settings,
        Duration statementTimeout, Duration lockTimeout) {
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(500);

    public ExplainOptions {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (statementTimeout.toMillis() < 1 || lockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("Timeouts must be at least 1 ms");
        }
        if (statementTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("The EXPLAIN statement timeout is at most one hour");
        }
    }

    /** Plain EXPLAIN: the plan only, nothing executed. */
    public static ExplainOptions plain() {
        return new ExplainOptions(false, false, false, false, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_TIMEOUT);
    }

    public ExplainOptions withAnalyze(boolean value) {
        return new ExplainOptions(value, buffers, verbose, settings, statementTimeout, lockTimeout);
    }

    public ExplainOptions withBuffers(boolean value) {
        return new ExplainOptions(analyze, value, verbose, settings, statementTimeout, lockTimeout);
    }

    public ExplainOptions withVerbose(boolean value) {
        return new ExplainOptions(analyze, buffers, value, settings, statementTimeout, lockTimeout);
    }

    public ExplainOptions withSettings(boolean value) {
        return new ExplainOptions(analyze, buffers, verbose, value, statementTimeout, lockTimeout);
    }

    public ExplainOptions withStatementTimeout(Duration value) {
        return new ExplainOptions(analyze, buffers, verbose, settings, value, lockTimeout);
    }

    public ExplainOptions withLockTimeout(Duration value) {
        return new ExplainOptions(analyze, buffers, verbose, settings, statementTimeout, value);
    }
}
