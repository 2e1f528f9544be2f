package io.pgpulse.core.history;

import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;

/**
 * One statement's per-poll figures. A point is recorded only for polls in which the statement ran,
 * so the mean is always defined; a poll without a point means its calls did not change.
 * Not thread-safe.
 */
final class StatementHistory {

    private static final int CALLS_PER_SECOND = 0;
    private static final int MEAN_EXEC_TIME_MS = 1;
    private static final int ROWS = 2;

    private final StatementKey key;
    private final PointRing ring;

    StatementHistory(StatementKey key, int capacity) {
        this.key = key;
        this.ring = new PointRing(capacity, 3);
    }

    boolean append(long epochMillis, StatementDelta delta) {
        if (delta.calls() == 0) {
            return false;
        }
        int slot = ring.append(epochMillis);
        if (slot < 0) {
            return false;
        }
        ring.set(slot, CALLS_PER_SECOND, delta.callsPerSecond());
        ring.set(slot, MEAN_EXEC_TIME_MS, delta.execTimeMs() / delta.calls());
        ring.set(slot, ROWS, delta.rows());
        return true;
    }

    StatementHistorySnapshot snapshot() {
        return new StatementHistorySnapshot(key, ring.copyTimes(0), ring.copyColumn(CALLS_PER_SECOND, 0),
                ring.copyColumn(MEAN_EXEC_TIME_MS, 0), ring.copyColumn(ROWS, 0));
    }

    long approximateBytes() {
        return 64 + ring.approximateBytes();
    }
}
