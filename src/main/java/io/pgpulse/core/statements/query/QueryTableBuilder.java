package io.pgpulse.core.statements.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import io.pgpulse.core.analysis.NPlusOneDetector;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.analysis.StatementLabels;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.sampling.StatementsSnapshot;
import io.pgpulse.core.statements.DeltaEvent;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.StatementWindow;
import io.pgpulse.core.statements.WindowAggregator;

/**
 * Computes the Queries table for one window from one poll and the retained history.
 *
 * <p>Keeps one thing between calls: each statement's text collapsed to a single line, because
 * collapsing thousands of multi-kilobyte texts on every refresh would be most of the work. Not
 * thread-safe; one caller (the view-model's background computation) owns a builder.
 */
public final class QueryTableBuilder {
    private static final Comparator<QueryFigures> HEAVIEST_FIRST =
            Comparator.comparingDouble(QueryFigures::totalTimeMs).reversed()
                    .thenComparing(Comparator.comparingLong(QueryFigures::calls).reversed())
                    .thenComparingLong(f -> f.key().dbId())
                    .thenComparingLong(f -> f.key().userId())
                    .thenComparingLong(f -> f.key().queryId())
                    .thenComparing(f -> f.key().topLevel());

    private final Map<Long, Line> lines = new HashMap<>();

    private record Line(QueryText source, String text) {
    }

    /** What one statement did in the window, whatever the window's source. */
    private record Work(StatementKey key, long calls, double seconds, double execMs, double planMs, long rows,
            long hit, long read, long tempWritten, OptionalDouble maxMs) {
    }

    public QueryTable build(QueryInputs in) {
        StatementsSnapshot st = in.statements();
        DeltaResult latest = st.latest();
        Instant end = latest.to();
        List<Work> work;
        double covered;
        int intervals;
        Optional<Instant> resetInWindow = Optional.empty();
        int evictions = 0;
        Instant windowStart;
        switch (in.window()) {
            case LAST_REFRESH -> {
                work = fromDeltas(latest.deltas());
                covered = latest.intervalSeconds();
                intervals = latest.kind() == DeltaResult.Kind.DELTA ? 1 : 0;
                resetInWindow = resetIn(List.of(latest));
                evictions = latest.evictions();
                windowStart = latest.from();
            }
            case SINCE_RESET -> {
                work = fromCumulative(st, end);
                covered = st.statsReset().map(r -> seconds(r, end)).orElse(0.0);
                intervals = 0;
                windowStart = null;
            }
            default -> {
                Duration length = in.window().length().orElseThrow();
                StatementWindow w = WindowAggregator.aggregate(in.retained(), length, end);
                work = fromDeltas(w.statements());
                covered = w.secondsCovered();
                intervals = w.intervals();
                List<DeltaResult> inside = within(in.retained(), end.minus(length), end);
                resetInWindow = resetIn(inside);
                for (DeltaResult r : inside) {
                    evictions += r.evictions();
                }
                windowStart = end.minus(length);
            }
        }

        // The sampler drops the monitor's own statements once their text is known, but history
        // recorded before that still holds them; the monitor must never report itself.
        work.removeIf(w -> in.labels().text(w.key().queryId()).map(QueryText::isMonitorsOwn).orElse(false));

        double topLevelMs = 0;
        double allMs = 0;
        for (Work w : work) {
            allMs += w.execMs();
            if (w.key().topLevel()) {
                topLevelMs += w.execMs();
            }
        }
        // Nested statements (track = all) are also inside their top-level caller's time; adding
        // them to the denominator would count that time twice and shrink every share.
        double denominator = topLevelMs > 0 ? topLevelMs : allMs;

        Map<StatementKey, Regression> regressions = windowStart == null ? Map.of()
                : regressions(work, in.retained(), windowStart, st.cumulative(), in.thresholds());

        Instant detectFrom = end.minus(in.thresholds().detectionWindow());
        List<RepeatedQuery> repeated = detectRepeated(in, detectFrom, end);
        Map<StatementKey, RepeatedQuery> byLookup = new HashMap<>();
        Map<StatementKey, List<StatementKey>> drives = new HashMap<>();
        for (RepeatedQuery r : repeated) {
            byLookup.put(r.lookup(), r);
            r.parent().ifPresent(p -> drives.computeIfAbsent(p, k -> new ArrayList<>()).add(r.lookup()));
        }

        refreshLines(in.labels());
        QueryThresholds t = in.thresholds();
        List<QueryFigures> rows = new ArrayList<>(work.size());
        for (Work w : work) {
            StatementKey key = w.key();
            Line line = lines.get(key.queryId());
            OptionalDouble mean = OptionalDouble.of(w.execMs() / w.calls());
            long touched = w.hit() + w.read();
            rows.add(new QueryFigures(key,
                    line == null ? null : line.text(),
                    line != null && line.source().truncated(),
                    in.labels().databaseName(key.dbId()).orElse(null),
                    in.labels().roleName(key.userId()).orElse(null),
                    in.applications().getOrDefault(key.queryId(), Set.of()),
                    w.calls(),
                    w.seconds() > 0 ? OptionalDouble.of(w.calls() / w.seconds()) : OptionalDouble.empty(),
                    w.execMs(),
                    denominator > 0 ? OptionalDouble.of(w.execMs() * 100 / denominator) : OptionalDouble.empty(),
                    mean,
                    w.maxMs(),
                    w.rows(),
                    OptionalDouble.of((double) w.rows() / w.calls()),
                    touched == 0 ? OptionalDouble.empty() : OptionalDouble.of(w.hit() * 100.0 / touched),
                    w.tempWritten(),
                    w.planMs(),
                    w.calls() >= t.slowMinCalls() && mean.getAsDouble() >= t.slowMeanMs(),
                    Optional.ofNullable(regressions.get(key)),
                    Optional.ofNullable(byLookup.get(key)),
                    drives.getOrDefault(key, List.of())));
        }
        rows.sort(HEAVIEST_FIRST);
        Map<Long, String> repeatedTexts = new HashMap<>();
        for (RepeatedQuery r : repeated) {
            addLine(repeatedTexts, r.lookup().queryId());
            r.parent().ifPresent(p -> addLine(repeatedTexts, p.queryId()));
        }
        return new QueryTable(in.window(), end, covered, intervals, denominator, st.statsReset(), resetInWindow,
                evictions, st.deallocations(), latest.kind() != DeltaResult.Kind.DELTA && in.retained().isEmpty(),
                rows, repeated, repeatedTexts, t.detectionWindow());
    }

    private void addLine(Map<Long, String> into, long queryId) {
        Line line = lines.get(queryId);
        if (line != null) {
            into.put(queryId, line.text());
        }
    }

    private static List<Work> fromDeltas(List<StatementDelta> deltas) {
        List<Work> out = new ArrayList<>(deltas.size());
        for (StatementDelta d : deltas) {
            if (d.calls() > 0) {
                out.add(new Work(d.key(), d.calls(), d.intervalSeconds(), d.execTimeMs(), d.planTimeMs(), d.rows(),
                        d.sharedBlksHit(), d.sharedBlksRead(), d.tempBlksWritten(), OptionalDouble.empty()));
            }
        }
        return out;
    }

    /**
     * Lifetime counters. An entry created after the reset (PostgreSQL 17 says when) has existed for
     * less time than the reset is old, so its rate is over its own lifetime.
     */
    private static List<Work> fromCumulative(StatementsSnapshot st, Instant end) {
        List<Work> out = new ArrayList<>(st.cumulative().size());
        for (StatementCounters c : st.cumulative().values()) {
            if (c.calls() == 0) {
                continue;
            }
            Optional<Instant> since = st.statsReset();
            if (c.statsSince().isPresent() && (since.isEmpty() || c.statsSince().get().isAfter(since.get()))) {
                since = c.statsSince();
            }
            double seconds = since.map(s -> seconds(s, end)).orElse(0.0);
            out.add(new Work(c.key(), c.calls(), seconds, c.totalExecTimeMs(), c.totalPlanTimeMs(), c.rows(),
                    c.sharedBlksHit(), c.sharedBlksRead(), c.tempBlksWritten(), c.maxExecTimeMs()));
        }
        return out;
    }

    /**
     * Statements whose mean in the window is far above their mean before it. The baseline is the
     * retained history before the window; until that has enough calls, the lifetime counters
     * minus the window (which a reset inside the window makes negative, and then unusable).
     */
    private static Map<StatementKey, Regression> regressions(List<Work> work, List<DeltaResult> retained,
            Instant windowStart, Map<StatementKey, StatementCounters> cumulative, QueryThresholds t) {
        Map<StatementKey, Work> candidates = new HashMap<>();
        for (Work w : work) {
            if (w.calls() >= t.regressionMinCalls()) {
                candidates.put(w.key(), w);
            }
        }
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Map<StatementKey, double[]> before = new HashMap<>();
        for (DeltaResult r : retained) {
            if (r.kind() != DeltaResult.Kind.DELTA || r.to().isAfter(windowStart)) {
                continue;
            }
            for (StatementDelta d : r.deltas()) {
                if (candidates.containsKey(d.key())) {
                    double[] sums = before.computeIfAbsent(d.key(), k -> new double[2]);
                    sums[0] += d.calls();
                    sums[1] += d.execTimeMs();
                }
            }
        }
        Map<StatementKey, Regression> out = new HashMap<>();
        for (Work w : candidates.values()) {
            double windowMean = w.execMs() / w.calls();
            double[] sums = before.get(w.key());
            long baseCalls = sums == null ? 0 : (long) sums[0];
            double baseMs = sums == null ? 0 : sums[1];
            Regression.Baseline source = Regression.Baseline.RETAINED_HISTORY;
            if (baseCalls < t.regressionMinBaselineCalls()) {
                StatementCounters c = cumulative.get(w.key());
                if (c == null) {
                    continue;
                }
                baseCalls = c.calls() - w.calls();
                baseMs = c.totalExecTimeMs() - w.execMs();
                source = Regression.Baseline.SINCE_RESET;
                if (baseCalls < t.regressionMinBaselineCalls() || baseMs <= 0) {
                    continue;
                }
            }
            double baseMean = baseMs / baseCalls;
            if (baseMean > 0 && windowMean >= t.regressionFactor() * baseMean) {
                out.put(w.key(), new Regression(windowMean, baseMean, baseCalls, source));
            }
        }
        return out;
    }

    /** The detector's findings over the detection window, with the activity samples taken in it. */
    private static List<RepeatedQuery> detectRepeated(QueryInputs in, Instant from, Instant end) {
        List<DeltaResult> intervals = within(in.retained(), from, end);
        if (intervals.isEmpty()) {
            return List.of();
        }
        List<Snapshot> samples = new ArrayList<>();
        for (Snapshot s : in.samples()) {
            if (!s.takenAt().isBefore(from)) {
                samples.add(s);
            }
        }
        return new NPlusOneDetector(in.thresholds().repeated()).detect(intervals, in.labels(), samples);
    }

    private static List<DeltaResult> within(List<DeltaResult> retained, Instant from, Instant end) {
        List<DeltaResult> out = new ArrayList<>();
        for (DeltaResult r : retained) {
            if (r.kind() == DeltaResult.Kind.DELTA && !r.from().isBefore(from) && !r.to().isAfter(end)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Optional<Instant> resetIn(List<DeltaResult> results) {
        Optional<Instant> found = Optional.empty();
        for (DeltaResult r : results) {
            for (DeltaEvent e : r.events()) {
                if (e instanceof DeltaEvent.StatsReset reset) {
                    found = Optional.of(reset.at());
                }
            }
        }
        return found;
    }

    private void refreshLines(StatementLabels labels) {
        Map<Long, QueryText> texts = labels.texts();
        for (Map.Entry<Long, QueryText> e : texts.entrySet()) {
            Line cached = lines.get(e.getKey());
            if (cached == null || (cached.source() != e.getValue() && !cached.source().equals(e.getValue()))) {
                lines.put(e.getKey(), new Line(e.getValue(), SqlFormatter.singleLine(e.getValue().text())));
            }
        }
        // The sampler's text cache is bounded; forget lines it has forgotten, but only now and
        // then, since the check walks every line.
        if (lines.size() > texts.size() * 2 + 1_000) {
            Set<Long> keep = new HashSet<>(texts.keySet());
            lines.keySet().retainAll(keep);
        }
    }

    private static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return Math.max(0, d.getSeconds() + d.getNano() / 1e9);
    }
}
