package io.pgpulse.core.sampling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One backend from pg_stat_activity (the monitor's own sessions are never included).
 * Timestamps and texts are null where the server reports none or hides them from this role.
 *
 * @param queryId   pg_stat_activity.query_id, null when not computed
 * @param query     the query text, truncated to the sampler's limit
 * @param blockedBy pids this backend waits for (only computed for lock waits)
 */
public record ActivityRow(
        int pid,
        Instant backendStart,
        Instant xactStart,
        Instant queryStart,
        Instant stateChange,
        String state,
        String waitEventType,
        String waitEvent,
        String backendType,
        String database,
        String user,
        String application,
        String clientAddr,
        Long queryId,
        String query,
        List<Integer> blockedBy) {

    public ActivityRow {
        blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
    }

    public boolean isClientBackend() {
        return "client backend".equals(backendType);
    }

    public boolean isWaitingOnLock() {
        return "Lock".equals(waitEventType);
    }

    /** How long the current transaction has been open at {@code now}; null without a transaction. */
    public Duration transactionAge(Instant now) {
        return xactStart == null ? null : nonNegative(Duration.between(xactStart, now));
    }

    public Duration stateAge(Instant now) {
        return stateChange == null ? null : nonNegative(Duration.between(stateChange, now));
    }

    public Duration queryAge(Instant now) {
        return queryStart == null ? null : nonNegative(Duration.between(queryStart, now));
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
