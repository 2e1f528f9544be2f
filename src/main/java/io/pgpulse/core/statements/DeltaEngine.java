package io.pgpulse.core.statements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns successive {@link StatementSample}s of one server into per-interval
 * {@link StatementDelta}s, keeping only statements whose calls went up (as pganalyze does) and
 * never reporting a negative or double-counted figure.
 *
 * <p>Rules, in the order they are applied:
 * <ol>
 *   <li>The first sample, and any sample not later than its predecessor, is a baseline.</li>
 *   <li>A changed {@code stats_reset} whose time is after the previous poll means every entry was
 *       wiped inside the interval, so each entry's full counters are the interval's work. If the
 *       reset time is not after the previous poll, that poll already read post-reset counters and
 *       the per-entry rules below apply.</li>
 *   <li>A changed {@code pg_postmaster_start_time()} is reported but decides nothing by itself:
 *       a clean shutdown saves the counters and the restarted server continues them, while a
 *       crash loses them and also moves {@code stats_reset}. Either way the reset rule and the
 *       per-entry rules give the right answer; treating a restart as a reset would double-count
 *       after every clean restart.</li>
 *   <li>An entry not in the previous sample was created since then, since entries are created on
 *       first use: its full counters are the interval's work. On PostgreSQL 17+, a
 *       {@code stats_since} at or before the previous poll proves it existed unseen, so it is only
 *       tracked from now on.</li>
 *   <li>An entry whose {@code stats_since} changed, or any of whose cumulative counters went down,
 *       was deallocated and re-created: its full counters are the interval's work.</li>
 *   <li>Otherwise the delta is current minus previous, component by component.</li>
 * </ol>
 * Before PostgreSQL 17 an entry re-created with counters that climbed past the old ones is
 * indistinguishable from a continuing one; its interval is then under-counted, never
 * over-counted.
 *
 * <p>Not thread-safe: one sampler thread owns an engine. The results are immutable and can be
 * handed to any thread.
 */
public final class DeltaEngine {

    private StatementSample previous;

    public DeltaResult accept(StatementSample sample) {
        Objects.requireNonNull(sample, "sample");
        StatementSample prev = previous;
        previous = sample;
        if (prev == null) {
            return DeltaResult.baseline(sample.takenAt(), List.of());
        }
        if (!sample.takenAt().isAfter(prev.takenAt())) {
            return DeltaResult.baseline(sample.takenAt(),
                    List.of(new DeltaEvent.SampleTimeNotIncreasing(prev.takenAt(), sample.takenAt())));
        }

        List<DeltaEvent> events = new ArrayList<>(2);
        if (!sample.serverStartedAt().equals(prev.serverStartedAt())) {
            events.add(new DeltaEvent.ServerRestart(sample.serverStartedAt()));
        }
        Optional<Instant> resetAt = resetBetween(prev, sample);
        resetAt.ifPresent(at -> events.add(new DeltaEvent.StatsReset(at)));
        boolean wipedInInterval = resetAt.isPresent() && resetAt.get().isAfter(prev.takenAt());

        double seconds = DeltaResult.secondsBetween(prev.takenAt(), sample.takenAt());
        List<StatementDelta> deltas = new ArrayList<>();
        int newEntries = 0;
        int reentries = 0;
        int unknownStart = 0;
        for (StatementCounters current : sample.counters().values()) {
            StatementCounters before = prev.counters().get(current.key());
            StatementDelta delta;
            if (wipedInInterval) {
                delta = whole(current, seconds);
            } else if (before == null) {
                if (existedBefore(current, prev.takenAt())) {
                    unknownStart++;
                    continue;
                }
                delta = whole(current, seconds);
                if (delta.calls() > 0) {
                    newEntries++;
                }
            } else if (recreated(before, current)) {
                delta = whole(current, seconds);
                reentries++;
            } else {
                delta = difference(before, current, seconds);
            }
            if (delta.calls() > 0) {
                deltas.add(delta);
            }
        }
        int evictions = wipedInInterval ? 0 : countMissing(prev, sample);
        deltas.sort(StatementDelta.HEAVIEST_FIRST);
        return new DeltaResult(prev.takenAt(), sample.takenAt(), DeltaResult.Kind.DELTA,
                deltas, events, newEntries, reentries, evictions, unknownStart);
    }

    /** Forgets the previous sample, e.g. after switching to another server. */
    public void clear() {
        previous = null;
    }

    /**
     * Only a change between two known values is a reset; appearing or disappearing means the view
     * became readable or unreadable, which says nothing about the counters.
     */
    private static Optional<Instant> resetBetween(StatementSample prev, StatementSample current) {
        if (prev.statsReset().isPresent() && current.statsReset().isPresent()
                && !prev.statsReset().get().equals(current.statsReset().get())) {
            return current.statsReset();
        }
        return Optional.empty();
    }

    private static boolean existedBefore(StatementCounters current, Instant previousPoll) {
        return current.statsSince().isPresent() && !current.statsSince().get().isAfter(previousPoll);
    }

    /**
     * A changed stats_since needs no time check: the previous poll saw the old incarnation, so
     * everything the new one counted happened after that poll.
     */
    private static boolean recreated(StatementCounters before, StatementCounters current) {
        if (before.statsSince().isPresent() && current.statsSince().isPresent()
                && !before.statsSince().get().equals(current.statsSince().get())) {
            return true;
        }
        return current.calls() < before.calls()
                || current.totalExecTimeMs() < before.totalExecTimeMs()
                || current.totalPlanTimeMs() < before.totalPlanTimeMs()
                || current.rows() < before.rows()
                || current.sharedBlksHit() < before.sharedBlksHit()
                || current.sharedBlksRead() < before.sharedBlksRead()
                || current.tempBlksRead() < before.tempBlksRead()
                || current.tempBlksWritten() < before.tempBlksWritten()
                || (before.walBytes().isPresent() && current.walBytes().isPresent()
                        && current.walBytes().getAsLong() < before.walBytes().getAsLong());
    }

    private static StatementDelta whole(StatementCounters c, double seconds) {
        return new StatementDelta(c.key(), seconds, c.calls(), c.totalExecTimeMs(), c.totalPlanTimeMs(),
                c.rows(), c.sharedBlksHit(), c.sharedBlksRead(), c.tempBlksRead(), c.tempBlksWritten(),
                c.walBytes());
    }

    private static StatementDelta difference(StatementCounters before, StatementCounters c, double seconds) {
        OptionalLong wal = before.walBytes().isPresent() && c.walBytes().isPresent()
                ? OptionalLong.of(c.walBytes().getAsLong() - before.walBytes().getAsLong())
                : OptionalLong.empty();
        return new StatementDelta(c.key(), seconds,
                c.calls() - before.calls(),
                c.totalExecTimeMs() - before.totalExecTimeMs(),
                c.totalPlanTimeMs() - before.totalPlanTimeMs(),
                c.rows() - before.rows(),
                c.sharedBlksHit() - before.sharedBlksHit(),
                c.sharedBlksRead() - before.sharedBlksRead(),
                c.tempBlksRead() - before.tempBlksRead(),
                c.tempBlksWritten() - before.tempBlksWritten(),
                wal);
    }

    private static int countMissing(StatementSample prev, StatementSample current) {
        int missing = 0;
        for (StatementKey key : prev.counters().keySet()) {
            if (!current.counters().containsKey(key)) {
                missing++;
            }
        }
        return missing;
    }
}
