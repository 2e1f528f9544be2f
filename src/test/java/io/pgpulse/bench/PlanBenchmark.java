package io.pgpulse.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanJson;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.core.explain.input.PlanInput;
import io.pgpulse.core.explain.input.PlanReading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-node plan (nested loops, hash joins, sorts, scans with filters and buffers, as EXPLAIN
 * ANALYZE BUFFERS prints them) parsed and analysed; prints the median of 30 runs after warm-up.
 * The same plan is also read as a paste would be, through {@link PlanInput}: in JSON, in the text
 * format, and in the text format framed as psql prints it. Target: ≤ 100 ms to read and analyse.
 * Run with {@code mvn -Pbench verify -Dtest=PlanBenchmark}.
 */
@Tag("benchmark")
public class PlanBenchmark {
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

    @Test
    void readAndAnalyseAPastedTenThousandNodePlanInEachFormat() throws Exception {
        String json = plan(NODES);
        String text = textPlan(NODES);
        String psql = psqlFramed(text);
        List<String> jsonTypes = PlanJson.parseOne(json).nodes().stream().map(PlanNode::nodeType).toList();
        for (String input : List.of(json, text, psql)) {
            QueryPlan plan = pasted(input);
            if (!plan.nodes().stream().map(PlanNode::nodeType).toList().equals(jsonTypes)) {
                throw new IllegalStateException("the text rendering is not the same plan as the JSON");
            }
        }
        String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        for (String[] variant : new String[][] {{"JSON", json}, {"text", text}, {"text framed by psql", psql}}) {
            double[][] figures = measure(variant[1]);
            System.out.printf(Locale.ROOT, "PlanBenchmark paste (%s): %d nodes, %.1f MB: read and analyse median %.1f ms "
                    + "(read %.1f ms; CPU time of the thread %.1f ms), min %.1f ms, max %.1f ms (%d runs after %d warm-up; "
                    + "load average %s)%n", variant[0], NODES, variant[1].length() / 1e6, figures[0][RUNS / 2],
                    figures[1][RUNS / 2], figures[2][RUNS / 2], figures[0][0], figures[0][RUNS - 1], RUNS, WARMUP, load);
        }
    }

    /**
     * Sorted totals (read + analyse), read times and the thread's CPU time for read + analyse, of RUNS
     * runs after WARMUP. On a shared machine the wall time includes waiting for a core; CPU time does not.
     */
    private static double[][] measure(String input) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            PlanInsights.analyse(pasted(input));
        }
        double[] total = new double[RUNS];
        double[] read = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            QueryPlan plan = pasted(input);
            long parsed = System.nanoTime();
            PlanInsights.analyse(plan);
            total[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            read[i] = (parsed - start) / 1e6;
        }
        Arrays.sort(total);
        Arrays.sort(read);
        Arrays.sort(cpu);
        return new double[][] {total, read, cpu};
    }

    private static QueryPlan pasted(String input) {
        PlanReading r = PlanInput.read(input);
        if (!(r instanceof PlanReading.Read read) || read.first().nodes().size() != NODES) {
            throw new IllegalStateException("not read: " + r);
        }
        return read.first();
    }

    /** The plan of {@link #plan(int)} as text EXPLAIN (ANALYZE, BUFFERS) prints it. */
    static String textPlan(int nodes) {
        StringBuilder sb = new StringBuilder(nodes * 500);
        int[] remaining = {nodes};
        textNode(sb, remaining, 0, -1);
        sb.append("Planning Time: 12.500 ms\nExecution Time: 5000.000 ms\n");
        return sb.toString();
    }

    /** Same ids, types and figures as {@link #node}; {@code arrow} is the column of "->", -1 for the root. */
    private static void textNode(StringBuilder sb, int[] remaining, int depth, int arrow) {
        int id = remaining[0]--;
        boolean leaf = remaining[0] <= 0 || depth > 30;
        String type = leaf ? (id % 3 == 0 ? "Index Scan" : "Seq Scan") : (id % 4 == 0 ? "Nested Loop" : id % 4 == 1 ? "Hash Join"
                : id % 4 == 2 ? "Sort" : "Hash");
        int text = arrow < 0 ? 0 : arrow + 4;
        String props = " ".repeat(text + 2);
        if (arrow >= 0) {
            sb.append(" ".repeat(arrow)).append("->  ");
        }
        if (leaf) {
            sb.append(type.equals("Index Scan") ? "Index Scan using idx_" + id % 50 + " on table_" + id % 50
                    : "Seq Scan on table_" + id % 50).append(" t").append(id);
        } else {
            sb.append(type);
        }
        sb.append("  (cost=").append(id % 100).append(".25..").append(id * 3).append(".75 rows=").append(id % 5000 + 1)
                .append(" width=48) (actual time=0.012..").append(id % 97).append(".500 rows=").append(id % 700)
                .append(" loops=").append(1 + id % 3).append(")\n");
        if (leaf) {
            if (type.equals("Index Scan")) {
                sb.append(props).append("Index Cond: (id = $1)\n");
            }
            sb.append(props).append("Filter: ((status = 'paid'::text) AND (customer_id = ").append(id).append("))\n");
            sb.append(props).append("Rows Removed by Filter: ").append(id * 10).append('\n');
        } else if (type.equals("Sort")) {
            sb.append(props).append("Sort Key: t.created_at DESC\n");
            sb.append(props).append("Sort Method: quicksort  Memory: 25kB\n");
        } else if (type.equals("Hash")) {
            sb.append(props).append("Buckets: 1024  Batches: 1  Memory Usage: 40kB\n");
        } else if (type.equals("Hash Join")) {
            sb.append(props).append("Hash Cond: (a.id = b.a_id)\n");
        }
        sb.append(props).append("Buffers: shared hit=").append(id).append(" read=7\n");
        if (!leaf) {
            int children = type.equals("Sort") || type.equals("Hash") ? 1 : 2;
            for (int c = 0; c < children && remaining[0] > 0; c++) {
                textNode(sb, remaining, depth + 1, text + 2);
            }
        }
    }

    /** As psql prints it: header, separator, a leading space on every row, the row count. */
    private static String psqlFramed(String text) {
        StringBuilder sb = new StringBuilder(text.length() + text.length() / 20);
        sb.append("                    QUERY PLAN\n").append("-".repeat(120)).append('\n');
        long rows = text.lines().peek(l -> sb.append(' ').append(l).append('\n')).count();
        sb.append('(').append(rows).append(" rows)\n");
        return sb.toString();
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
    public static String plan(int nodes) {
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
