package io.pgpulse.core.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.catalog.Identifiers;

/**
 * Turns a plan into findings a person can act on: each names the node, gives the numbers and
 * says what to do. A pure function of the plan (and, when connected, the tables' statistics
 * freshness), so it runs the same on a plan PgPulse ran and on one pasted from a log.
 */
public final class PlanInsights {
    static final double MISESTIMATE_FACTOR = 10;
    /** Below this many rows an estimate off by 10× is noise, not a statistics problem. */
    static final double MISESTIMATE_MIN_ROWS = 100;
    static final double LARGE_TABLE_ROWS = 10_000;
    static final double MOSTLY_FILTERED = 0.9;
    static final double NESTED_LOOP_INNER_LOOPS = 1_000;
    static final double NESTED_LOOP_INNER_ROWS = 100_000;
    static final double MANY_ROWS = 1_000;
    static final double STALE_SHARE = 0.2;
    static final int MAX_MISESTIMATES = 5;

    private PlanInsights() {}

    public static List<Insight> analyse(QueryPlan plan) {
        return analyse(plan, List.of());
    }

    public static List<Insight> analyse(QueryPlan plan, List<TableStats> tableStats) {
        List<Insight> out = new ArrayList<>();
        List<Insight> misestimates = new ArrayList<>();
        for (PlanNode n : plan.nodes()) {
            misestimate(plan, n).ifPresent(misestimates::add);
            seqScanFilter(plan, n, tableStats).ifPresent(out::add);
            spill(plan, n).ifPresent(out::add);
            hashBatches(plan, n).ifPresent(out::add);
            lossyBitmap(plan, n).ifPresent(out::add);
            nestedLoopInner(plan, n).ifPresent(out::add);
            heapFetches(plan, n).ifPresent(out::add);
            indexFilter(plan, n).ifPresent(out::add);
            largeOffset(plan, n).ifPresent(out::add);
        }
        misestimates.sort(Comparator.comparingDouble((Insight i) -> -i.numbers().get("factor")));
        out.addAll(misestimates.subList(0, Math.min(MAX_MISESTIMATES, misestimates.size())));
        out.addAll(staleStatistics(plan, tableStats));
        out.sort(Comparator.comparing(Insight::severity).reversed().thenComparingInt(Insight::nodeId));
        return List.copyOf(out);
    }

    /** "Seq Scan on public.orders o", "Hash Join (Inner)", "Index Scan using x on orders". */
    public static String describe(PlanNode n) {
        StringBuilder s = new StringBuilder(n.nodeType());
        if (n.joinType() != null && n.nodeType().contains("Join") || n.nodeType().equals("Nested Loop") && n.joinType() != null) {
            if (!"Inner".equals(n.joinType())) {
                s.append(" (").append(n.joinType()).append(')');
            }
        }
        if (n.indexName() != null) {
            s.append(" using ").append(n.indexName());
        }
        if (n.relationName() != null) {
            s.append(" on ").append(n.schema() != null ? n.schema() + "." : "").append(n.relationName());
            if (n.alias() != null && !n.alias().equals(n.relationName())) {
                s.append(' ').append(n.alias());
            }
        }
        return s.toString();
    }

    private static Insight insight(QueryPlan plan, PlanNode n, InsightKind kind, Severity severity, String title,
            String detail, String advice, Map<String, Double> numbers) {
        return new Insight(kind, severity, n.id(), plan.metrics(n).path(), describe(n), title, detail, advice, numbers);
    }

    private static Map<String, Double> numbers(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            if (v instanceof Number num) {
                m.put((String) pairs[i], num.doubleValue());
            }
        }
        return m;
    }

    /** "1,234", "12.5": thousands separators, one decimal below 100; hand-rolled because String.format is slow at 10,000 nodes. */
    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return grouped(Math.round(v));
        }
        long tenths = Math.round(v * 10);
        return (tenths < 0 ? "-" : "") + grouped(Math.abs(tenths) / 10) + "." + Math.abs(tenths) % 10;
    }

    private static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (n < 0) {
            out.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    private static double total(Double perLoop, PlanNode n) {
        if (perLoop == null) {
            return 0;
        }
        return perLoop * (n.actualLoops() == null ? 1 : n.actualLoops());
    }

    private static Optional<Insight> misestimate(QueryPlan plan, PlanNode n) {
        Optional<Misestimate> m = plan.metrics(n).misestimate();
        if (m.isEmpty() || !isMisestimated(m.get())) {
            return Optional.empty();
        }
        Misestimate mis = m.get();
        if (!mis.underestimate() && stoppedEarly(plan, n)) {
            return Optional.empty();
        }
        // Errors propagate upwards: report only the lowest node where the estimate went wrong.
        for (PlanNode c : n.children()) {
            Optional<Misestimate> cm = plan.metrics(c).misestimate();
            if (cm.isPresent() && isMisestimated(cm.get()) && cm.get().underestimate() == mis.underestimate()) {
                return Optional.empty();
            }
        }
        String direction = mis.underestimate() ? "more" : "fewer";
        String advice = n.isScan()
                ? "Run ANALYZE on " + n.relationName() + "; if the conditions combine related columns, create extended "
                  + "statistics on them (CREATE STATISTICS … (dependencies, mcv) ON a, b FROM " + n.relationName()
                  + "), or raise the column's statistics target."
                : "The estimate goes wrong here, not in the inputs: check the join or grouping columns for correlation "
                  + "(extended statistics) and make sure the tables are analysed.";
        return Optional.of(insight(plan, n, InsightKind.ROW_MISESTIMATE,
                mis.factor() >= 100 ? Severity.WARNING : Severity.INFO,
                "Rows misestimated " + fmt(mis.factor()) + "× (" + direction + " than expected)",
                "Estimated " + fmt(mis.estimatedRows()) + " rows per loop, got " + fmt(mis.actualRows())
                        + ". Plans built on wrong row counts choose the wrong join methods and orders.",
                advice, numbers("factor", mis.factor(), "signed_factor", mis.signedFactor(),
                        "estimated_rows", mis.estimatedRows(), "actual_rows", mis.actualRows())));
    }

    /**
     * An estimate error worth acting on: {@value #MISESTIMATE_FACTOR}× or more, on at least
     * {@value #MISESTIMATE_MIN_ROWS} rows either way (a few rows decide nothing). The plan view
     * highlights exactly what the insights would report.
     */
    public static boolean isMisestimated(Misestimate m) {
        return m.factor() >= MISESTIMATE_FACTOR && Math.max(m.actualRows(), m.estimatedRows()) >= MISESTIMATE_MIN_ROWS;
    }

    /**
     * Whether the node's output was cut short (below a LIMIT, a window run condition …), so fewer
     * rows than estimated is expected; see {@link NodeMetrics#cutShort()}.
     */
    static boolean stoppedEarly(QueryPlan plan, PlanNode n) {
        return plan.metrics(n).cutShort();
    }

    private static Optional<Insight> seqScanFilter(QueryPlan plan, PlanNode n, List<TableStats> stats) {
        if (!n.nodeType().endsWith("Seq Scan") || n.filter() == null) {
            return Optional.empty();
        }
        if (n.analyzed() && !n.neverExecuted() && n.rowsRemovedByFilter() != null) {
            double removed = total(n.rowsRemovedByFilter(), n);
            double kept = total(n.actualRows(), n);
            double read = removed + kept;
            if (read >= LARGE_TABLE_ROWS && removed / read >= MOSTLY_FILTERED) {
                return Optional.of(insight(plan, n, InsightKind.SEQ_SCAN_FILTER, Severity.WARNING,
                        "Sequential scan discards " + fmt(removed / read * 100) + "% of " + n.relationName(),
                        "Read " + fmt(read) + " rows and kept " + fmt(kept) + " (filter " + n.filter() + ").",
                        "An index on the filtered column(s) lets PostgreSQL read only the matching rows; see the index "
                                + "suggestions.", numbers("rows_read", read, "rows_removed", removed, "rows_returned", kept)));
            }
            return Optional.empty();
        }
        Optional<TableStats> table = statsFor(n, stats);
        if (table.isEmpty() || n.planRows() == null) {
            return Optional.empty();
        }
        double rows = Math.max(table.get().liveTuples(), table.get().reltuples());
        if (rows >= LARGE_TABLE_ROWS && n.planRows() <= rows * (1 - MOSTLY_FILTERED)) {
            return Optional.of(insight(plan, n, InsightKind.SEQ_SCAN_FILTER, Severity.WARNING,
                    "Sequential scan expected to discard most of " + n.relationName(),
                    "The planner expects to keep " + fmt(n.planRows()) + " of about " + fmt(rows) + " rows (filter "
                            + n.filter() + ").",
                    "An index on the filtered column(s) lets PostgreSQL read only the matching rows; see the index "
                            + "suggestions.", numbers("table_rows", rows, "estimated_rows", n.planRows())));
        }
        return Optional.empty();
    }

    static Optional<TableStats> statsFor(PlanNode n, List<TableStats> stats) {
        if (n.relationName() == null) {
            return Optional.empty();
        }
        List<TableStats> named = stats.stream().filter(s -> s.table().equals(n.relationName())).toList();
        if (n.schema() != null) {
            return named.stream().filter(s -> s.schema().equals(n.schema())).findFirst();
        }
        Optional<TableStats> visible = named.stream().filter(TableStats::visible).findFirst();
        return visible.isPresent() ? visible : named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private static Optional<Insight> spill(QueryPlan plan, PlanNode n) {
        boolean sortSpill = "Disk".equals(n.sortSpaceType()) || (n.sortMethod() != null && n.sortMethod().startsWith("external"));
        if (sortSpill) {
            long kb = n.sortSpaceUsed() == null ? 0 : n.sortSpaceUsed();
            return Optional.of(insight(plan, n, InsightKind.DISK_SPILL, Severity.WARNING,
                    "Sort spilled to disk (" + n.sortMethod() + ", " + fmt(kb) + " kB)",
                    "The sort did not fit in work_mem and wrote " + fmt(kb) + " kB to temporary files.",
                    "Raise work_mem for this query (SET LOCAL work_mem = '" + suggestedWorkMem(kb) + "' in its transaction, "
                            + "or for its role); or avoid the sort with an index in the ORDER BY order.",
                    numbers("disk_kb", kb)));
        }
        if (n.diskUsage() != null && n.diskUsage() > 0) {
            long kb = n.diskUsage();
            return Optional.of(insight(plan, n, InsightKind.DISK_SPILL, Severity.WARNING,
                    "Hash aggregate spilled to disk (" + fmt(kb) + " kB)",
                    "The aggregate's hash table did not fit in work_mem × hash_mem_multiplier and wrote "
                            + fmt(kb) + " kB to temporary files.",
                    "Raise work_mem (or hash_mem_multiplier) for this query, e.g. SET LOCAL work_mem = '"
                            + suggestedWorkMem(kb) + "'.", numbers("disk_kb", kb)));
        }
        return Optional.empty();
    }

    /** Twice the spilled size, rounded up to a power of two in MB: in-memory sorts need more than their spill. */
    static String suggestedWorkMem(long spilledKb) {
        long mb = Math.max(4, (spilledKb * 2 + 1023) / 1024);
        long p = Long.highestOneBit(mb);
        return (p == mb ? mb : p * 2) + "MB";
    }

    private static Optional<Insight> hashBatches(QueryPlan plan, PlanNode n) {
        if (n.hashBatches() == null || n.hashBatches() <= 1) {
            return Optional.empty();
        }
        long batches = n.hashBatches();
        Long original = n.originalHashBatches();
        boolean grew = original != null && original < batches;
        return Optional.of(insight(plan, n, InsightKind.HASH_BATCHES, Severity.WARNING,
                "Hash used " + batches + " batches" + (grew ? " (planned " + original + ")" : ""),
                "The hash table did not fit in memory and was split into " + batches + " batches written to temporary "
                        + "files" + (grew ? "; it grew during execution because the inner side had more rows than estimated" : "")
                        + (n.peakMemoryUsage() != null ? ". Peak memory " + fmt(n.peakMemoryUsage()) + " kB." : "."),
                "Raise work_mem (or hash_mem_multiplier) for this query" + (n.peakMemoryUsage() != null
                        ? ", e.g. SET LOCAL work_mem = '" + suggestedWorkMem(n.peakMemoryUsage() * batches / 2) + "'" : "")
                        + (grew ? "; and fix the row estimate of the hashed side." : "."),
                numbers("batches", batches, "original_batches", original, "peak_memory_kb", n.peakMemoryUsage())));
    }

    private static Optional<Insight> lossyBitmap(QueryPlan plan, PlanNode n) {
        if (n.lossyHeapBlocks() == null || n.lossyHeapBlocks() <= 0) {
            return Optional.empty();
        }
        long lossy = n.lossyHeapBlocks();
        long exact = n.exactHeapBlocks() == null ? 0 : n.exactHeapBlocks();
        return Optional.of(insight(plan, n, InsightKind.LOSSY_BITMAP, Severity.WARNING,
                "Lossy bitmap heap scan (" + fmt(lossy) + " of " + fmt(lossy + exact) + " blocks)",
                "The bitmap did not fit in work_mem, so it keeps whole pages instead of rows, and every row of those "
                        + "pages is rechecked" + (n.rowsRemovedByIndexRecheck() != null
                        ? " (" + fmt(total(n.rowsRemovedByIndexRecheck(), n)) + " rows removed by the recheck)." : "."),
                "Raise work_mem for this query so the bitmap stays exact, or make the condition more selective.",
                numbers("lossy_blocks", lossy, "exact_blocks", exact,
                        "rows_removed_by_recheck", n.rowsRemovedByIndexRecheck() == null ? null : total(n.rowsRemovedByIndexRecheck(), n))));
    }

    private static Optional<Insight> nestedLoopInner(QueryPlan plan, PlanNode n) {
        if (!n.nodeType().equals("Nested Loop") || n.children().size() < 2) {
            return Optional.empty();
        }
        PlanNode outer = n.children().get(0);
        PlanNode inner = n.children().get(1);
        PlanNode innerScan = inner.nodeType().equals("Materialize") && !inner.children().isEmpty() ? inner.children().get(0) : inner;
        boolean innerSeq = innerScan.nodeType().endsWith("Seq Scan");
        if (inner.analyzed() && !inner.neverExecuted()) {
            double loops = inner.actualLoops();
            double visited = total(innerScan.actualRows(), innerScan) + total(innerScan.rowsRemovedByFilter(), innerScan)
                    + total(n.rowsRemovedByJoinFilter(), n);
            // Many loops over a sequential scan, or a large inner side re-read on every loop.
            if ((loops >= NESTED_LOOP_INNER_LOOPS && innerSeq) || (loops > 1 && visited >= NESTED_LOOP_INNER_ROWS)) {
                return Optional.of(insight(plan, n, InsightKind.NESTED_LOOP_INNER, Severity.WARNING,
                        "Nested loop ran its inner side " + fmt(loops) + " times",
                        "The inner side (" + describe(inner) + ") ran once per outer row and handled " + fmt(visited)
                                + " rows in total.",
                        innerSeq ? "Index the inner table on the join column so each loop is an index lookup; "
                                + "see the index suggestions."
                                : "Check the outer side's row estimate: with the real count a hash or merge join may be cheaper.",
                        numbers("inner_loops", loops, "inner_rows", visited)));
            }
            return Optional.empty();
        }
        if (!inner.analyzed() && innerSeq && outer.planRows() != null && outer.planRows() >= NESTED_LOOP_INNER_LOOPS) {
            return Optional.of(insight(plan, n, InsightKind.NESTED_LOOP_INNER, Severity.WARNING,
                    "Nested loop would scan " + innerScan.relationName() + " " + fmt(outer.planRows()) + " times",
                    "The planner expects " + fmt(outer.planRows()) + " outer rows, each followed by a sequential scan "
                            + "of the inner side (" + describe(inner) + ").",
                    "Index the inner table on the join column; see the index suggestions.",
                    numbers("outer_rows", outer.planRows())));
        }
        return Optional.empty();
    }

    private static Optional<Insight> heapFetches(QueryPlan plan, PlanNode n) {
        if (!n.nodeType().equals("Index Only Scan") || n.heapFetches() == null || !n.analyzed()) {
            return Optional.empty();
        }
        double fetches = total(n.heapFetches(), n);
        double rows = total(n.actualRows(), n);
        if (fetches >= MANY_ROWS && fetches >= rows * 0.1) {
            return Optional.of(insight(plan, n, InsightKind.INDEX_HEAP_FETCHES, Severity.WARNING,
                    "Index-only scan visited the table " + fmt(fetches) + " times",
                    fmt(fetches) + " of " + fmt(rows) + " rows needed a heap fetch because their pages are not marked "
                            + "all-visible.",
                    "VACUUM " + n.relationName() + " (and tune autovacuum for it) so the visibility map is current.",
                    numbers("heap_fetches", fetches, "rows", rows)));
        }
        return Optional.empty();
    }

    private static Optional<Insight> indexFilter(QueryPlan plan, PlanNode n) {
        boolean indexed = n.nodeType().equals("Index Scan") || n.nodeType().equals("Index Only Scan")
                || n.nodeType().equals("Bitmap Heap Scan");
        if (!indexed || n.filter() == null || n.rowsRemovedByFilter() == null || !n.analyzed()) {
            return Optional.empty();
        }
        double removed = total(n.rowsRemovedByFilter(), n);
        double kept = total(n.actualRows(), n);
        if (removed >= MANY_ROWS && removed >= kept * 5) {
            return Optional.of(insight(plan, n, InsightKind.INDEX_FILTER, Severity.WARNING,
                    "Index scan discards " + fmt(removed) + " rows after fetching them",
                    "The index condition (" + (n.indexCond() != null ? n.indexCond() : n.recheckCond()) + ") found "
                            + fmt(removed + kept) + " rows; the filter " + n.filter() + " kept " + fmt(kept) + ".",
                    "Add the filter's column(s) to the index (after the equality columns) so the index finds only "
                            + "matching rows.", numbers("rows_removed", removed, "rows_returned", kept)));
        }
        return Optional.empty();
    }

    private static Optional<Insight> largeOffset(QueryPlan plan, PlanNode n) {
        if (!n.nodeType().equals("Limit") || n.children().isEmpty()) {
            return Optional.empty();
        }
        PlanNode child = n.children().get(0);
        double skipped;
        boolean measured;
        if (n.analyzed() && child.analyzed() && !n.neverExecuted()) {
            double returned = total(n.actualRows(), n);
            double produced = total(child.actualRows(), child);
            skipped = produced - returned;
            measured = true;
            if (produced < Math.max(returned, 1) * 10) {
                return Optional.empty();
            }
        } else {
            if (n.startupCost() == null || child.startupCost() == null || child.totalCost() == null || child.planRows() == null) {
                return Optional.empty();
            }
            double span = child.totalCost() - child.startupCost();
            if (span <= 0) {
                return Optional.empty();
            }
            skipped = (n.startupCost() - child.startupCost()) / span * child.planRows();
            measured = false;
        }
        if (skipped < MANY_ROWS) {
            return Optional.empty();
        }
        return Optional.of(insight(plan, n, InsightKind.LARGE_OFFSET, Severity.WARNING,
                "OFFSET skips " + (measured ? "" : "about ") + fmt(skipped) + " rows",
                "Every row before the OFFSET is produced and thrown away; deeper pages get slower linearly.",
                "Use keyset pagination: WHERE (sort_key, id) > (last seen values) ORDER BY sort_key, id LIMIT n, "
                        + "with an index on (sort_key, id).", numbers("rows_skipped", skipped)));
    }

    private static List<Insight> staleStatistics(QueryPlan plan, List<TableStats> stats) {
        List<Insight> out = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (PlanNode n : plan.nodes()) {
            Optional<TableStats> t = statsFor(n, stats);
            if (t.isEmpty() || !done.add(t.get().schema() + "." + t.get().table())) {
                continue;
            }
            TableStats s = t.get();
            String analyze = "ANALYZE " + Identifiers.quoteIdent(s.schema()) + "." + Identifiers.quoteIdent(s.table()) + ";";
            if (s.lastAnalyzed() == null && (s.liveTuples() > 0 || s.modificationsSinceAnalyze() > 0)) {
                out.add(insight(plan, n, InsightKind.STALE_STATISTICS, Severity.WARNING,
                        s.table() + " has never been analysed",
                        "The planner works from defaults for " + s.schema() + "." + s.table() + " ("
                                + fmt(s.liveTuples()) + " live rows, " + fmt(s.modificationsSinceAnalyze())
                                + " changes since the table was created or last analysed).",
                        "Run " + analyze + " and check that autovacuum is enabled for it.",
                        numbers("live_rows", s.liveTuples(), "modifications_since_analyze", s.modificationsSinceAnalyze())));
                continue;
            }
            if (s.modificationsSinceAnalyze() >= MANY_ROWS && s.modifiedShare() >= STALE_SHARE) {
                OptionalDouble age = s.sinceAnalyze().map(d -> OptionalDouble.of(d.toSeconds())).orElse(OptionalDouble.empty());
                out.add(insight(plan, n, InsightKind.STALE_STATISTICS, Severity.WARNING,
                        "Statistics of " + s.table() + " are stale",
                        fmt(s.modificationsSinceAnalyze()) + " rows changed since the last ANALYZE ("
                                + fmt(s.modifiedShare() * 100) + "% of " + fmt(s.liveTuples()) + " live rows)"
                                + (age.isPresent() ? ", " + io.pgpulse.core.analysis.Humanize.duration(
                                        java.time.Duration.ofSeconds((long) age.getAsDouble())) + " ago." : "."),
                        "Run " + analyze + " — autovacuum analyses only after "
                                + "autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × rows changes.",
                        numbers("live_rows", s.liveTuples(), "modifications_since_analyze", s.modificationsSinceAnalyze(),
                                "seconds_since_analyze", age.isPresent() ? age.getAsDouble() : null)));
            }
        }
        return out;
    }
}
