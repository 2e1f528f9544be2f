package io.pgpulse.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
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

    private static final Comparator<StatementKey> KEY_ORDER = Comparator.comparingLong(StatementKey::queryId)
            .thenComparingLong(StatementKey::dbId)
            .thenComparingLong(StatementKey::userId)
            .thenComparing(StatementKey::topLevel);
    /** Loops before hot lookups, most calls first, then by key so that equal figures keep one order. */
    private static final Comparator<RepeatedQuery> ORDER = Comparator
            .comparing((RepeatedQuery r) -> !r.isNPlusOne())
            .thenComparing(Comparator.comparingLong(RepeatedQuery::calls).reversed())
            .thenComparing(RepeatedQuery::lookup, KEY_ORDER);
    private static final Comparator<Totals> BY_ROWS = Comparator.comparingLong(t -> t.rows);

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

    /**
     * Lookups first by calls, N+1 loops before hot lookups (ties in a stable order by key).
     *
     * <p>Each lookup is compared only with the statements that can be its parent by their totals
     * (same database and user, as many rows as the lookup has calls, found by a binary search over
     * the rows), and only those pairs are compared poll by poll; every statement's totals and
     * per-poll figures are gathered in one pass over the intervals, and the activity samples are
     * indexed once: about linear in the deltas, where comparing every lookup with every statement
     * poll by poll grew with their product (over ten seconds for 5,000 statements over 30 polls).
     */
    public List<RepeatedQuery> detect(List<DeltaResult> intervals, StatementLabels labels, List<Snapshot> samples) {
        int polls = intervals.size();
        Map<StatementKey, Totals> totals = new HashMap<>();
        double seconds = 0;
        for (DeltaResult r : intervals) {
            seconds += r.intervalSeconds();
            for (StatementDelta d : r.deltas()) {
                totals.computeIfAbsent(d.key(), k -> new Totals(k)).add(d);
            }
        }
        if (seconds <= 0) {
            return List.of();
        }
        List<Totals> lookups = new ArrayList<>();
        Map<Scope, List<Totals>> parentsByScope = new HashMap<>();
        for (Totals t : totals.values()) {
            double rate = t.calls / seconds;
            if (!(t.calls < thresholds.minCalls() || rate < thresholds.minRate() || t.execMs / t.calls > thresholds.maxMeanMs()
                    || (double) t.rows / t.calls > thresholds.maxRowsPerCall())
                    && isKeyedLookup(labels.text(t.key.queryId()))) {
                lookups.add(t);
            }
            if (t.rows != 0 && !((double) t.rows / t.calls < 2)) {
                parentsByScope.computeIfAbsent(new Scope(t.key), k -> new ArrayList<>()).add(t);
            }
        }
        if (lookups.isEmpty()) {
            return List.of();
        }
        for (List<Totals> scope : parentsByScope.values()) {
            scope.sort(BY_ROWS);
        }

        // The pairs worth comparing poll by poll, and the per-poll figures of only their statements.
        Map<Totals, List<Totals>> candidates = new HashMap<>();
        for (Totals lookup : lookups) {
            List<Totals> parents = candidateParents(lookup, parentsByScope.getOrDefault(new Scope(lookup.key), List.of()));
            if (!parents.isEmpty()) {
                candidates.put(lookup, parents);
                lookup.perPoll = true;
                parents.forEach(p -> p.perPoll = true);
            }
        }
        if (!candidates.isEmpty()) {
            for (int i = 0; i < polls; i++) {
                for (StatementDelta d : intervals.get(i).deltas()) {
                    Totals t = totals.get(d.key());
                    if (t.perPoll) {
                        t.addPoll(i, polls, d);
                    }
                }
            }
        }

        Sightings sightings = new Sightings(samples);
        List<RepeatedQuery> found = new ArrayList<>(lookups.size());
        for (Totals t : lookups) {
            double rate = t.calls / seconds;
            double mean = t.execMs / t.calls;
            double rowsPerCall = (double) t.rows / t.calls;
            Totals best = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            double bestCorrelation = Double.NaN;
            for (Totals p : candidates.getOrDefault(t, List.of())) {
                double distance = Math.abs((double) t.calls / p.rows - 1);
                double corr = agreement(t.callsByPoll, p.rowsByPoll, (double) p.rows / p.calls);
                if (!Double.isNaN(corr) && corr < thresholds.minCorrelation()) {
                    continue;
                }
                if (best == null || distance < bestDistance
                        || (distance == bestDistance && KEY_ORDER.compare(p.key, best.key) < 0)) {
                    best = p;
                    bestDistance = distance;
                    bestCorrelation = corr;
                }
            }
            if (best != null) {
                found.add(new RepeatedQuery(t.key, Optional.of(best.key), seconds, t.calls, rate, mean, rowsPerCall,
                        best.calls, best.rows, (double) t.calls / best.rows, bestCorrelation, polls,
                        sightings.shared(t.key.queryId(), best.key.queryId())));
            } else {
                found.add(new RepeatedQuery(t.key, Optional.empty(), seconds, t.calls, rate, mean, rowsPerCall, 0, 0,
                        Double.NaN, Double.NaN, polls, sightings.shared(t.key.queryId(), t.key.queryId())));
            }
        }
        found.sort(ORDER);
        return found;
    }

    /**
     * The statements of the lookup's database and user (sorted by rows) that could drive it by
     * their totals: several rows per call (already true of every one in {@code scope}), at most
     * half as many calls as the lookup, and as many rows as the lookup has calls, within the
     * tolerance. The binary search only narrows the range; the tolerance is checked exactly.
     */
    private List<Totals> candidateParents(Totals lookup, List<Totals> scope) {
        double tolerance = thresholds.ratioTolerance();
        if (scope.isEmpty() || !(tolerance >= 0)) {
            return List.of();
        }
        // calls / rows within 1 ± tolerance ⇔ rows within calls / (1 + tolerance) … calls / (1 − tolerance);
        // one row of margin each side absorbs rounding, the exact test below decides.
        long low = (long) Math.floor(lookup.calls / (1 + tolerance)) - 1;
        double high = tolerance < 1 ? Math.ceil(lookup.calls / (1 - tolerance)) + 1 : Double.POSITIVE_INFINITY;
        int from = firstWithRowsAtLeast(scope, low);
        List<Totals> out = new ArrayList<>(2);
        for (int i = from; i < scope.size() && scope.get(i).rows <= high; i++) {
            Totals p = scope.get(i);
            if (p != lookup && p.calls * 2 <= lookup.calls
                    && Math.abs((double) lookup.calls / p.rows - 1) <= tolerance) {
                out.add(p);
            }
        }
        return out;
    }

    private static int firstWithRowsAtLeast(List<Totals> sortedByRows, long rows) {
        int lo = 0;
        int hi = sortedByRows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedByRows.get(mid).rows < rows) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
    private double agreement(long[] childCalls, long[] parentRows, double rowsPerParentCall) {
        int active = 0;
        int agreeing = 0;
        for (int i = 0; i < childCalls.length; i++) {
            double c = childCalls[i];
            double p = parentRows[i];
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

    /** A statement's database and user: a parent runs in the same as its lookup. */
    private record Scope(long dbId, long userId) {
        Scope(StatementKey key) {
            this(key.dbId(), key.userId());
        }
    }

    /**
     * Which applications were seen running which statement in the activity samples: per queryid,
     * per application, how often and the position of the first sighting (so that among equally
     * frequent applications the one seen first is named, whatever the order of the index).
     */
    private static final class Sightings {
        private final Map<Long, Map<String, long[]>> byQuery = new HashMap<>();

        Sightings(List<Snapshot> samples) {
            long position = 0;
            for (Snapshot s : samples) {
                for (ActivityRow row : s.activity()) {
                    position++;
                    if (row.queryId() == null || row.application() == null || row.application().isEmpty()) {
                        continue;
                    }
                    long[] seen = byQuery.computeIfAbsent(row.queryId(), k -> new HashMap<>())
                            .computeIfAbsent(row.application(), k -> new long[] {0, Long.MAX_VALUE});
                    seen[0]++;
                    seen[1] = Math.min(seen[1], position);
                }
            }
        }

        /** An application whose sessions were seen running both statements: the most sightings, then the first seen. */
        Optional<String> shared(long a, long b) {
            Map<String, long[]> first = byQuery.get(a);
            Map<String, long[]> second = byQuery.get(b);
            if (first == null || second == null) {
                return Optional.empty();
            }
            String best = null;
            long bestCount = -1;
            long bestPosition = Long.MAX_VALUE;
            for (Map.Entry<String, long[]> e : first.entrySet()) {
                long[] other = second.get(e.getKey());
                if (other == null) {
                    continue;
                }
                long count = e.getValue()[0] + other[0];
                long position = Math.min(e.getValue()[1], other[1]);
                if (count > bestCount || (count == bestCount && position < bestPosition)) {
                    best = e.getKey();
                    bestCount = count;
                    bestPosition = position;
                }
            }
            return Optional.ofNullable(best);
        }
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

    /** One statement's work over the intervals, and per poll when it is part of a pair to compare. */
    private static final class Totals {
        final StatementKey key;
        long calls;
        long rows;
        double execMs;
        boolean perPoll;
        long[] callsByPoll;
        long[] rowsByPoll;

        Totals(StatementKey key) {
            this.key = key;
        }

        void add(StatementDelta d) {
            calls += d.calls();
            rows += d.rows();
            execMs += d.execTimeMs();
        }

        void addPoll(int poll, int polls, StatementDelta d) {
            if (callsByPoll == null) {
                callsByPoll = new long[polls];
                rowsByPoll = new long[polls];
            }
            callsByPoll[poll] += d.calls();
            rowsByPoll[poll] += d.rows();
        }
    }
}
