package io.pgpulse.core.statements;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Outcome of feeding one sample to the {@link DeltaEngine}.
 *
 * @param deltas              statements whose calls went up in the interval, heaviest total
 *                            execution time first; always empty for a baseline
 * @param newEntries          entries first seen in this sample whose counters were counted as
 *                            the interval's work
 * @param reentries           entries that were deallocated and re-created between the polls
 * @param evictions           entries of the previous sample that are gone, without a reset to
 *                            explain it (pg_stat_statements.max was reached)
 * @param unknownStartEntries entries first seen in this sample that provably existed before the
 *                            previous poll; they are only tracked from now on
 */
public record DeltaResult(
        Instant from,
        Instant to,
        Kind kind,
        List<StatementDelta> deltas,
        List<DeltaEvent> events,
        int newEntries,
        int reentries,
        int evictions,
        int unknownStartEntries) {

    public enum Kind {
        /** Nothing to compare against yet; the next sample produces deltas. */
        BASELINE,
        DELTA
    }

    public DeltaResult {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        deltas = List.copyOf(deltas);
        events = List.copyOf(events);
        if (kind == Kind.BASELINE && (!deltas.isEmpty() || !from.equals(to))) {
            throw new IllegalArgumentException("a baseline covers no interval and has no deltas");
        }
        if (kind == Kind.DELTA && !to.isAfter(from)) {
            throw new IllegalArgumentException("interval must be positive: " + from + " .. " + to);
        }
        if (newEntries < 0 || reentries < 0 || evictions < 0 || unknownStartEntries < 0) {
            throw new IllegalArgumentException("entry counts must not be negative");
        }
    }

    static DeltaResult baseline(Instant at, List<DeltaEvent> events) {
        return new DeltaResult(at, at, Kind.BASELINE, List.of(), events, 0, 0, 0, 0);
    }

    /** Length of the interval in seconds; 0 for a baseline. */
    public double intervalSeconds() {
        return secondsBetween(from, to);
    }

    static double secondsBetween(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
