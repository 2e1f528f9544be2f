package io.pgpulse.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanJson;
import io.pgpulse.core.explain.QueryPlan;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-node plan (nested loops, hash joins, sorts, scans with filters and buffers, as EXPLAIN
 * ANALYZE BUFFERS prints them) parsed and analysed; prints the median of 30 runs after warm-up.
 * Run with {@code mvn -Pbench verify -Dtest=PlanBenchmark}.
 */
@Tag("benchmark")
class PlanBenchmark {
    static final int NODES = 10_000;
    static final int WARMUP = 10;
    static final int RUNS = 30;

    @Test
    void parseAndAnalyseATenThousandNodePlan() throws Exception {
        String json = plan(NODES);
        for (int i = 0; i < WARMUP; i++) {
            once(json);
        }
        double[] ms = new double[RUNS];
        double[] parseMs = new double[RUNS];
        int insights = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            QueryPlan plan = PlanJson.parseOne(json);
            long parsed = System.nanoTime();
            insights = PlanInsights.analyse(plan).size();
            ms[i] = (System.nanoTime() - start) / 1e6;
            parseMs[i] = (parsed - start) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(parseMs);
        System.out.printf(Locale.ROOT, "PlanBenchmark: %d nodes, %.1f MB JSON, %d insights: median %.1f ms (parse and "
                + "metrics %.1f ms), min %.1f ms, max %.1f ms (%d runs after %d warm-up)%n", NODES, json.length() / 1e6,
                insights, ms[RUNS / 2], parseMs[RUNS / 2], ms[0], ms[RUNS - 1], RUNS, WARMUP);
    }

    private static int once(String json) throws Exception {
        QueryPlan plan = PlanJson.parseOne(json);
        List<Insight> insights = PlanInsights.analyse(plan);
        if (plan.nodes().size() != NODES) {
            throw new IllegalStateException("generated " + plan.nodes().size() + " nodes, not " + NODES);
        }
        return insights.size();
    }

    /** A balanced tree of joins over scans, NODES nodes in all. */
    static String plan(int nodes) {
        StringBuilder sb = new StringBuilder(nodes * 700);
        sb.append("[{\"Plan\": ");
        int[] remaining = {nodes};
        node(sb, remaining, 0);
        sb.append(", \"Planning Time\": 12.5, \"Triggers\": [], \"Execution Time\": 5000.0}]");
        return sb.toString();
    }

    private static void node(StringBuilder sb, int[] remaining, int depth) {
        int id = remaining[0]--;
        boolean leaf = remaining[0] <= 0 || depth > 30;
        String type = leaf ? (id % 3 == 0 ? "Index Scan" : "Seq Scan") : (id % 4 == 0 ? "Nested Loop" : id % 4 == 1 ? "Hash Join"
                : id % 4 == 2 ? "Sort" : "Hash");
        sb.append("{\"Node Type\": \"").append(type).append("\", \"Parallel Aware\": false, \"Async Capable\": false, ")
                .append("\"Startup Cost\": ").append(id % 100).append(".25, \"Total Cost\": ").append(id * 3).append(".75, ")
                .append("\"Plan Rows\": ").append(id % 5000 + 1).append(", \"Plan Width\": 48, ")
                .append("\"Actual Startup Time\": 0.012, \"Actual Total Time\": ").append(id % 97).append(".5, ")
                .append("\"Actual Rows\": ").append(id % 700).append(", \"Actual Loops\": ").append(1 + id % 3).append(", ")
                .append("\"Shared Hit Blocks\": ").append(id).append(", \"Shared Read Blocks\": 7, ")
                .append("\"Shared Dirtied Blocks\": 0, \"Shared Written Blocks\": 0, \"Temp Read Blocks\": 0, ")
                .append("\"Temp Written Blocks\": 0");
        if (leaf) {
            sb.append(", \"Relation Name\": \"table_").append(id % 50).append("\", \"Alias\": \"t").append(id)
                    .append("\", \"Filter\": \"((status = 'paid'::text) AND (customer_id = ").append(id)
                    .append("))\", \"Rows Removed by Filter\": ").append(id * 10);
            if (type.equals("Index Scan")) {
                sb.append(", \"Index Name\": \"idx_").append(id % 50).append("\", \"Index Cond\": \"(id = $1)\"");
            }
        } else if (type.equals("Sort")) {
            sb.append(", \"Sort Key\": [\"t.created_at DESC\"], \"Sort Method\": \"quicksort\", \"Sort Space Used\": 25, ")
                    .append("\"Sort Space Type\": \"Memory\"");
        } else if (type.equals("Hash")) {
            sb.append(", \"Hash Buckets\": 1024, \"Original Hash Buckets\": 1024, \"Hash Batches\": 1, ")
                    .append("\"Original Hash Batches\": 1, \"Peak Memory Usage\": 40");
        } else {
            sb.append(", \"Join Type\": \"Inner\", \"Inner Unique\": false");
            if (type.equals("Hash Join")) {
                sb.append(", \"Hash Cond\": \"(a.id = b.a_id)\"");
            }
        }
        if (!leaf) {
            int children = type.equals("Sort") || type.equals("Hash") ? 1 : 2;
            sb.append(", \"Plans\": [");
            for (int c = 0; c < children && remaining[0] > 0; c++) {
                if (c > 0) {
                    sb.append(", ");
                }
                node(sb, remaining, depth + 1);
            }
            sb.append("]");
        }
        sb.append("}");
    }
}
