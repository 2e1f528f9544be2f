package io.pgpulse.core.session;

import java.time.Duration;
import java.time.Instant;

import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.DeltaResult;

/**
 * Turns each snapshot into points of the {@link Series} and hands statement deltas to the
 * history. Rates (new sessions, commits per second) come from two consecutive snapshots; after a
 * statistics reset a counter that went down yields no point rather than a negative one.
 */
final class HistoryRecorder {
    private final HistoryStore history;
    private Snapshot previous;

    HistoryRecorder(HistoryStore history) {
        this.history = history;
    }

    void record(Snapshot s) {
        Instant at = s.takenAt();
        if (s.isFresh(Section.ACTIVITY)) {
            int active = 0, idle = 0, idleTx = 0, aborted = 0, other = 0, blocked = 0;
            for (ActivityRow a : s.activity()) {
                if (a.isWaitingOnLock()) {
                    blocked++;
                }
                if (!a.isClientBackend()) {
                    continue;
                }
                String state = a.state() == null ? "" : a.state();
                switch (state) {
                    case "active" -> active++;
                    case "idle" -> idle++;
                    case "idle in transaction" -> idleTx++;
                    case "idle in transaction (aborted)" -> aborted++;
                    default -> other++;
                }
            }
            // The monitor's own sessions are not in the rows but do use slots: count them as idle.
            int own = Math.max(0, s.server().clientBackends() - (active + idle + idleTx + aborted + other));
            history.record(Series.ACTIVE, at, active);
            history.record(Series.IDLE, at, idle + own);
            history.record(Series.IDLE_IN_TRANSACTION, at, idleTx);
            history.record(Series.IDLE_IN_TRANSACTION_ABORTED, at, aborted);
            history.record(Series.OTHER, at, other);
            history.record(Series.BLOCKED_SESSIONS, at, blocked);
        }
        history.record(Series.CLIENT_BACKENDS, at, s.server().clientBackends());
        history.record(Series.USABLE_LIMIT, at, s.server().usableConnections());
        history.record(Series.MAX_CONNECTIONS, at, s.server().maxConnections());
        history.record(Series.POLL_MILLIS, at, s.stats().elapsed().toNanos() / 1e6);

        if (previous != null && s.isFresh(Section.DATABASES) && previous.isFresh(Section.DATABASES)) {
            double seconds = Duration.between(previous.takenAt(), at).toNanos() / 1e9;
            if (seconds > 0) {
                Totals now = Totals.of(s);
                Totals before = Totals.of(previous);
                rate(Series.NEW_SESSIONS_PER_SECOND, at, now.sessions - before.sessions, seconds);
                rate(Series.COMMITS_PER_SECOND, at, now.commits - before.commits, seconds);
                rate(Series.ROLLBACKS_PER_SECOND, at, now.rollbacks - before.rollbacks, seconds);
                if (now.deadlocks >= before.deadlocks) {
                    history.record(Series.DEADLOCKS, at, now.deadlocks - before.deadlocks);
                }
            }
        }
        if (s.statements() != null && s.statements().latest().kind() == DeltaResult.Kind.DELTA
                && (previous == null || previous.statements() != s.statements())) {
            history.record(s.statements().latest());
        }
        previous = s;
    }

    private void rate(String series, Instant at, long delta, double seconds) {
        if (delta >= 0) {
            history.record(series, at, delta / seconds);
        }
    }

    private record Totals(long sessions, long commits, long rollbacks, long deadlocks) {
        static Totals of(Snapshot s) {
            long sessions = 0, commits = 0, rollbacks = 0, deadlocks = 0;
            for (DatabaseCounters d : s.databases()) {
                sessions += d.sessions();
                commits += d.commits();
                rollbacks += d.rollbacks();
                deadlocks += d.deadlocks();
            }
            return new Totals(sessions, commits, rollbacks, deadlocks);
        }
    }
}
