package io.pgpulse.core.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;

/**
 * The N+1 detector's first algorithm, kept only as a reference for tests and the benchmark: the
 * rules written out as plainly as possible, every lookup compared with every statement and, for
 * each possible pair, every poll's deltas searched again. Quadratic and slow with thousands of
 * statements; {@link NPlusOneDetector#detect} must reach the same verdicts.
 *
 * <p>Where two parents are equally close to one lookup call per row, this one keeps whichever its
 * hash map visits first; the detector takes the lower key.
 */
public final class ReferenceNPlusOneDetector {
    private final NPlusOneDetector.Thresholds thresholds;

    public ReferenceNPlusOneDetector(NPlusOneDetector.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public ReferenceNPlusOneDetector() {
        this(NPlusOneDetector.Thresholds.DEFAULT);
    }

    public List<RepeatedQuery> detect(List<DeltaResult> intervals, StatementLabels labels, List<Snapshot> samples) {
        Map<StatementKey, Totals> totals = new HashMap<>();
        double seconds = 0;
        for (DeltaResult r : intervals) {
            seconds += r.intervalSeconds();
            for (StatementDelta d : r.deltas()) {
                totals.computeIfAbsent(d.key(), k -> new Totals()).add(d);
            }
        }
        if (seconds <= 0) {
            return List.of();
        }
        List<RepeatedQuery> found = new ArrayList<>();
        for (Map.Entry<StatementKey, Totals> e : totals.entrySet()) {
            StatementKey key = e.getKey();
            Totals t = e.getValue();
            double rate = t.calls / seconds;
            double mean = t.execMs / t.calls;
            double rowsPerCall = (double) t.rows / t.calls;
            if (t.calls < thresholds.minCalls() || rate < thresholds.minRate() || mean > thresholds.maxMeanMs()
                    || rowsPerCall > thresholds.maxRowsPerCall()
                    || !NPlusOneDetector.isKeyedLookup(labels.text(key.queryId()))) {
                continue;
            }
            RepeatedQuery best = null;
            for (Map.Entry<StatementKey, Totals> p : totals.entrySet()) {
                StatementKey pk = p.getKey();
                Totals pt = p.getValue();
                if (pk.equals(key) || pk.dbId() != key.dbId() || pk.userId() != key.userId() || pt.rows == 0
                        || pt.calls * 2 > t.calls || (double) pt.rows / pt.calls < 2) {
                    continue;
                }
                double ratio = (double) t.calls / pt.rows;
                if (Math.abs(ratio - 1) > thresholds.ratioTolerance()) {
                    continue;
                }
                double corr = agreement(intervals, key, pk, (double) pt.rows / pt.calls);
                if (!Double.isNaN(corr) && corr < thresholds.minCorrelation()) {
                    continue;
                }
                RepeatedQuery candidate = new RepeatedQuery(key, Optional.of(pk), seconds, t.calls, rate, mean,
                        rowsPerCall, pt.calls, pt.rows, ratio, corr, intervals.size(),
                        sharedApplication(samples, key.queryId(), pk.queryId()));
                if (best == null || Math.abs(ratio - 1) < Math.abs(best.ratio() - 1)) {
                    best = candidate;
                }
            }
            found.add(best != null ? best : new RepeatedQuery(key, Optional.empty(), seconds, t.calls, rate, mean,
                    rowsPerCall, 0, 0, Double.NaN, Double.NaN, intervals.size(),
                    sharedApplication(samples, key.queryId(), key.queryId())));
        }
        found.sort((a, b) -> a.isNPlusOne() != b.isNPlusOne() ? (a.isNPlusOne() ? -1 : 1) : Long.compare(b.calls(), a.calls()));
        return found;
    }

    private double agreement(List<DeltaResult> intervals, StatementKey child, StatementKey parent, double rowsPerParentCall) {
        int active = 0;
        int agreeing = 0;
        for (DeltaResult r : intervals) {
            double c = 0;
            double p = 0;
            for (StatementDelta d : r.deltas()) {
                if (d.key().equals(child)) {
                    c = d.calls();
                } else if (d.key().equals(parent)) {
                    p = d.rows();
                }
            }
            if (c == 0 && p == 0) {
                continue;
            }
            active++;
            double slack = Math.max(thresholds.ratioTolerance() * Math.max(c, p), 1.5 * rowsPerParentCall);
            if (Math.abs(c - p) <= slack) {
                agreeing++;
            }
        }
        return active < 3 ? Double.NaN : (double) agreeing / active;
    }

    private static Optional<String> sharedApplication(List<Snapshot> samples, long a, long b) {
        Map<String, int[]> seen = new LinkedHashMap<>();
        for (Snapshot s : samples) {
            for (ActivityRow row : s.activity()) {
                if (row.queryId() == null || row.application() == null || row.application().isEmpty()) {
                    continue;
                }
                if (row.queryId() == a) {
                    seen.computeIfAbsent(row.application(), k -> new int[2])[0]++;
                }
                if (row.queryId() == b) {
                    seen.computeIfAbsent(row.application(), k -> new int[2])[1]++;
                }
            }
        }
        return seen.entrySet().stream().filter(e -> e.getValue()[0] > 0 && e.getValue()[1] > 0)
                .max((x, y) -> Integer.compare(x.getValue()[0] + x.getValue()[1], y.getValue()[0] + y.getValue()[1]))
                .map(Map.Entry::getKey);
    }

    private static final class Totals {
        long calls;
        long rows;
        double execMs;

        void add(StatementDelta d) {
            calls += d.calls();
            rows += d.rows();
            execMs += d.execTimeMs();
        }
    }
}
