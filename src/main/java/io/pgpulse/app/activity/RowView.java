package io.pgpulse.app.activity;

import java.time.Duration;
import java.time.Instant;

import io.pgpulse.core.analysis.SessionState;
import io.pgpulse.core.sampling.ActivityRow;

/**
 * One session as of one refresh: the row, its ages at the snapshot's clock, and why it stands out.
 *
 * @param waiters      sessions that wait directly for this one
 * @param longRunning  a client query running at least the long-running threshold
 * @param idleTooLong  idle in transaction at least the idle-transaction threshold
 */
public record RowView(
        ActivityRow row,
        SessionState state,
        Duration xactAge,
        Duration queryAge,
        Duration stateAge,
        int waiters,
        boolean longRunning,
        boolean idleTooLong) {

    static RowView of(ActivityRow row, Instant now, int waiters, Thresholds thresholds) {
        SessionState state = SessionState.of(row.state());
        Duration queryAge = row.queryAge(now);
        Duration stateAge = row.stateAge(now);
        boolean longRunning = state == SessionState.ACTIVE && row.isClientBackend() && queryAge != null
                && queryAge.compareTo(thresholds.longRunning()) >= 0;
        boolean idleTooLong = state.isIdleInTransaction() && stateAge != null
                && stateAge.compareTo(thresholds.idleInTransaction()) >= 0;
        return new RowView(row, state, row.transactionAge(now), queryAge, stateAge, waiters, longRunning, idleTooLong);
    }

    public int pid() {
        return row.pid();
    }

    public boolean waiting() {
        return !row.blockedBy().isEmpty();
    }

    /** Holds others up without waiting itself: the session to look at first. */
    public boolean blocker() {
        return waiters > 0 && !waiting();
    }

    /** "client 10.0.0.5", "local socket", or the backend type for background processes. */
    public String client() {
        if (row.clientAddr() != null) {
            return row.clientAddr();
        }
        return row.isClientBackend() ? "local" : "";
    }

    public String waitEvent() {
        if (row.waitEventType() == null) {
            return "";
        }
        return row.waitEvent() == null ? row.waitEventType() : row.waitEventType() + ": " + row.waitEvent();
    }
}
