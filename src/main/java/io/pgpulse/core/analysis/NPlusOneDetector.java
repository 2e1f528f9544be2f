package io.pgpulse.core.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;

/**
 * Finds N+1 loops: a single-row lookup by key ({@code … WHERE col = $1}, about one row per call)
 * run far more often than anything else costs, whose call count follows the rows returned by a
 * list query of the same database and user — poll after poll, not just in total.
 *
 * <p>Deliberately conservative, because a false alarm sends a developer to rewrite good code:
 * batched forms ({@code = ANY($1)}, {@code IN ($1, $2, …)}) and joins are never lookups; a lookup
 * with no list query whose rows match its calls is a "hot lookup", not an N+1.
 */
public final class NPlusOneDetector implements FindingSource {
    private static final Pattern KEYED_LOOKUP = Pattern.compile(
            "(?is)^\\s*select\\b.*\\bwhere\\b.*?[\\w.\"]+\\s*=\\s*\\$\\d+");
    private static final Pattern BATCHED = Pattern.compile(
            "(?is)=\\s*any\\s*\\(|\\bin\\s*\\(\\s*\\$\\d+\\s*,|\\bin\\s*\\(\\s*\\$\\d+\\s*/\\*|\\bjoin\\b");

    /**
     * @param minCalls       lookups in the window below this are not worth a finding
     * @param minRate        calls per second below this are not "very high"
     * @param maxMeanMs      per-call time above this is not "tiny"
     * @param maxRowsPerCall a lookup returns about one row
     * @param ratioTolerance lookup calls may differ from parent rows by this fraction
     * @param minCorrelation share of polls in which calls and parent rows must agree, when there
     *                       are enough polls to tell
     */
    public record Thresholds(long minCalls, double minRate, double maxMeanMs, double maxRowsPerCall,
            double ratioTolerance, double minCorrelation) {
        public static final Thresholds DEFAULT = new Thresholds(100, 5, 5, 1.5, 0.25, 0.6);
    }

    private final Thresholds thresholds;

    public NPlusOneDetector(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public NPlusOneDetector() {
        this(Thresholds.DEFAULT);
    }

    @Override
    public List<Finding> findings(AnalysisInput input) {
        List<DeltaResult> intervals = new ArrayList<>();
        for (Snapshot s : input.snapshots()) {
            if (s.statements() != null && s.statements().latest().kind() == DeltaResult.Kind.DELTA
                    && (intervals.isEmpty() || intervals.get(intervals.size() - 1) != s.statements().latest())) {
                intervals.add(s.statements().latest());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (RepeatedQuery r : detect(intervals, input.labels(), input.snapshots())) {
            out.add(toFinding(r, input.labels()));
        }
        return out;
    }

    /** Lookups first by calls, N+1 loops before hot lookups. */
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
                    || rowsPerCall > thresholds.maxRowsPerCall() || !isKeyedLookup(labels.text(key.queryId()))) {
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

    static boolean isKeyedLookup(Optional<QueryText> text) {
        if (text.isEmpty()) {
            return false;
        }
        String sql = text.get().text();
        return KEYED_LOOKUP.matcher(sql).find() && !BATCHED.matcher(sql).find();
    }

    /**
     * The share of active polls in which lookup calls and parent rows agree, allowing one loop's
     * worth of difference (a poll boundary can cut a loop in two); NaN with fewer than 3 active polls.
     */
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

    /** An application whose sessions were seen running both statements in the activity samples. */
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

    private static Finding toFinding(RepeatedQuery r, StatementLabels labels) {
        String lookup = shortText(labels, r.lookup().queryId());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("queryid", Long.toString(r.lookup().queryId()));
        evidence.put("query", lookup);
        evidence.put("window_seconds", round(r.windowSeconds()));
        evidence.put("calls", r.calls());
        evidence.put("calls_per_second", round(r.callsPerSecond()));
        evidence.put("mean_exec_time_ms", round(r.meanMs()));
        evidence.put("rows_per_call", round(r.rowsPerCall()));
        if (r.isNPlusOne()) {
            StatementKey parent = r.parent().orElseThrow();
            String parentText = shortText(labels, parent.queryId());
            evidence.put("parent_queryid", Long.toString(parent.queryId()));
            evidence.put("parent_query", parentText);
            evidence.put("parent_calls", r.parentCalls());
            evidence.put("parent_rows", r.parentRows());
            evidence.put("calls_per_parent_row", round(r.ratio()));
            evidence.put("polls_agreeing_share", Double.isNaN(r.correlation()) ? null : round(r.correlation()));
            evidence.put("polls", r.intervals());
            evidence.put("application", r.application().orElse(null));
            String summary = String.format(Locale.ROOT,
                    "N+1 loop: \"%s\" ran %,d times (%.0f/s, %.2f ms each, %.1f rows per call) — one call per row of"
                            + " \"%s\" (%,d rows in %,d calls%s).",
                    lookup, r.calls(), r.callsPerSecond(), r.meanMs(), r.rowsPerCall(), parentText, r.parentRows(),
                    r.parentCalls(), r.application().map(a -> ", both from " + a).orElse(""));
            return new Finding("n_plus_one", Severity.WARNING, summary, evidence, new Remedy(
                    "Fetch the rows in one query: join the looked-up table in the list query, or load them with"
                            + " WHERE key = ANY($1) using the ids from the list (the ORM's eager loading: Prisma include,"
                            + " Django select_related/prefetch_related, Rails includes, Hibernate JOIN FETCH).",
                    "Flag database calls inside loops in code review, and log the number of queries per request"
                            + " in development."));
        }
        String summary = String.format(Locale.ROOT,
                "Hot lookup: \"%s\" ran %,d times (%.0f/s, %.2f ms each) with no list query feeding it.",
                lookup, r.calls(), r.callsPerSecond(), r.meanMs());
        evidence.put("application", r.application().orElse(null));
        return new Finding("hot_lookup", Severity.INFO, summary, evidence, new Remedy(
                "If it comes from a loop, batch it (WHERE key = ANY($1)); if the value rarely changes, cache it in the application.",
                null));
    }

    private static String shortText(StatementLabels labels, long queryId) {
        String t = labels.text(queryId).map(QueryText::text).orElse("queryid " + queryId).replaceAll("\\s+", " ").strip();
        return t.length() > 120 ? t.substring(0, 117) + "…" : t;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
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
