package io.pgpulse.app.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pgpulse.core.explain.NodeMetrics;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;

/**
 * Every property of one plan step under PostgreSQL's own labels, then what PgPulse derived; keys
 * the model does not know are listed too, so nothing the server said is hidden.
 */
final class NodeDetails {
    private NodeDetails() {}

    record Line(String label, String value) {}

    static List<Line> of(QueryPlan plan, PlanNode n) {
        List<Line> out = new ArrayList<>();
        add(out, "Step", PlanInsights.describe(n));
        add(out, "Node Type", n.nodeType());
        add(out, "Parent Relationship", n.parentRelationship());
        add(out, "Subplan Name", n.subplanName());
        add(out, "Strategy", n.strategy());
        add(out, "Join Type", n.joinType());
        add(out, "Operation", n.operation());
        add(out, "Relation Name", n.relationName());
        add(out, "Schema", n.schema());
        add(out, "Alias", n.alias());
        add(out, "Index Name", n.indexName());
        add(out, "CTE Name", n.cteName());
        add(out, "Function Name", n.functionName());
        add(out, "Parallel Aware", n.parallelAware());
        add(out, "Startup Cost", n.startupCost());
        add(out, "Total Cost", n.totalCost());
        add(out, "Plan Rows", n.planRows());
        add(out, "Plan Width", n.planWidth());
        if (n.neverExecuted()) {
            add(out, "Actual", "never executed");
        }
        add(out, "Actual Startup Time", n.actualStartupTime());
        add(out, "Actual Total Time", n.actualTotalTime());
        add(out, "Actual Rows", n.actualRows());
        add(out, "Actual Loops", n.actualLoops());
        add(out, "Workers Planned", n.workersPlanned());
        add(out, "Workers Launched", n.workersLaunched());
        add(out, "Index Cond", n.indexCond());
        add(out, "Recheck Cond", n.recheckCond());
        add(out, "Hash Cond", n.hashCond());
        add(out, "Merge Cond", n.mergeCond());
        add(out, "Join Filter", n.joinFilter());
        add(out, "Filter", n.filter());
        add(out, "Run Condition", n.runCondition());
        add(out, "Rows Removed by Filter", n.rowsRemovedByFilter());
        add(out, "Rows Removed by Join Filter", n.rowsRemovedByJoinFilter());
        add(out, "Rows Removed by Index Recheck", n.rowsRemovedByIndexRecheck());
        add(out, "Heap Fetches", n.heapFetches());
        add(out, "Exact Heap Blocks", n.exactHeapBlocks());
        add(out, "Lossy Heap Blocks", n.lossyHeapBlocks());
        add(out, "Sort Key", n.sortKey().isEmpty() ? null : String.join(", ", n.sortKey()));
        add(out, "Group Key", n.groupKey().isEmpty() ? null : String.join(", ", n.groupKey()));
        add(out, "Sort Method", n.sortMethod());
        add(out, "Sort Space Used (kB)", n.sortSpaceUsed());
        add(out, "Sort Space Type", n.sortSpaceType());
        add(out, "Hash Buckets", n.hashBuckets());
        add(out, "Original Hash Buckets", n.originalHashBuckets());
        add(out, "Hash Batches", n.hashBatches());
        add(out, "Original Hash Batches", n.originalHashBatches());
        add(out, "Peak Memory Usage (kB)", n.peakMemoryUsage());
        add(out, "Disk Usage (kB)", n.diskUsage());
        add(out, "Shared Hit Blocks", n.sharedHitBlocks());
        add(out, "Shared Read Blocks", n.sharedReadBlocks());
        add(out, "Shared Dirtied Blocks", n.sharedDirtiedBlocks());
        add(out, "Shared Written Blocks", n.sharedWrittenBlocks());
        add(out, "Temp Read Blocks", n.tempReadBlocks());
        add(out, "Temp Written Blocks", n.tempWrittenBlocks());
        add(out, "Output", n.output().isEmpty() ? null : String.join(", ", n.output()));
        for (Map.Entry<String, Object> e : n.extras().entrySet()) {
            add(out, e.getKey(), e.getValue());
        }
        NodeMetrics m = plan.metrics(n);
        add(out, "Path in plan", m.path());
        m.inclusiveMs().ifPresent(v -> add(out, "Time incl. children, all loops (ms)", v));
        m.exclusiveMs().ifPresent(v -> add(out, "Time in this step alone (ms)", v));
        m.percentOfTotal().ifPresent(v -> add(out, "Share of the run (%)", v));
        m.misestimate().ifPresent(e -> add(out, "Estimate off by",
                String.format(Locale.ROOT, "%.1f× (%s)", e.factor(), e.underestimate() ? "more rows than expected"
                        : "fewer rows than expected")));
        add(out, "On the hot path", m.onHotPath() ? "yes" : null);
        return out;
    }

    private static void add(List<Line> out, String label, Object value) {
        if (value == null) {
            return;
        }
        String text;
        if (value instanceof Double d) {
            text = d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,.0f", d)
                    : String.format(Locale.ROOT, "%,.3f", d);
        } else if (value instanceof Long || value instanceof Integer) {
            text = String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        } else {
            text = String.valueOf(value);
        }
        out.add(new Line(label, text));
    }
}
