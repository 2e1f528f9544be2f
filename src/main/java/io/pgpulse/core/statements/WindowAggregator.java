package io.pgpulse.core.statements;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sums the deltas retained in history into per-statement totals over sliding windows.
 *
 * <p>Only intervals lying wholly inside a window count: prorating a straddling interval would
 * invent a split of its work that was never measured. With intervals much shorter than the window
 * the edge effect is negligible, and {@link StatementWindow#secondsCovered()} states it exactly.
 */
public final class WindowAggregator {

    public static final List<Duration> STANDARD_WINDOWS =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    private WindowAggregator() {
    }

    /**
     * @param history results in any order; baselines are ignored since they cover no interval
     */
    public static StatementWindow aggregate(List<DeltaResult> history, Duration length, Instant end) {
        Instant start = end.minus(length);
        Map<StatementKey, Totals> totals = new HashMap<>();
        double covered = 0;
        int intervals = 0;
        for (DeltaResult result : history) {
            if (result.kind() != DeltaResult.Kind.DELTA
                    || result.from().isBefore(start) || result.to().isAfter(end)) {
                continue;
            }
            covered += result.intervalSeconds();
            intervals++;
            for (StatementDelta delta : result.deltas()) {
                totals.computeIfAbsent(delta.key(), k -> new Totals()).add(delta);
            }
        }
        List<StatementDelta> statements = new ArrayList<>(totals.size());
        for (Map.Entry<StatementKey, Totals> entry : totals.entrySet()) {
            statements.add(entry.getValue().toDelta(entry.getKey(), covered));
        }
        statements.sort(StatementDelta.HEAVIEST_FIRST);
        return new StatementWindow(length, end, covered, intervals, statements);
    }

    /** One window per length, all ending at {@code end}, in the order of {@code lengths}. */
    public static Map<Duration, StatementWindow> aggregate(
            List<DeltaResult> history, List<Duration> lengths, Instant end) {
        Map<Duration, StatementWindow> windows = new LinkedHashMap<>();
        for (Duration length : lengths) {
            windows.put(length, aggregate(history, length, end));
        }
        return windows;
    }

    private static final class Totals {
        long calls;
        double execTimeMs;
        double planTimeMs;
        long rows;
        long sharedBlksHit;
        long sharedBlksRead;
        long tempBlksRead;
        long tempBlksWritten;
        long walBytes;
        boolean walKnownThroughout = true;

        void add(StatementDelta d) {
            calls += d.calls();
            execTimeMs += d.execTimeMs();
            planTimeMs += d.planTimeMs();
            rows += d.rows();
            sharedBlksHit += d.sharedBlksHit();
            sharedBlksRead += d.sharedBlksRead();
            tempBlksRead += d.tempBlksRead();
            tempBlksWritten += d.tempBlksWritten();
            if (d.walBytes().isPresent()) {
                walBytes += d.walBytes().getAsLong();
            } else {
                walKnownThroughout = false;
            }
        }

        /** A WAL total with unknown parts would understate, so it is reported only when complete. */
        StatementDelta toDelta(StatementKey key, double seconds) {
            return new StatementDelta(key, seconds, calls, execTimeMs, planTimeMs, rows,
                    sharedBlksHit, sharedBlksRead, tempBlksRead, tempBlksWritten,
                    walKnownThroughout ? OptionalLong.of(walBytes) : OptionalLong.empty());
        }
    }
}
