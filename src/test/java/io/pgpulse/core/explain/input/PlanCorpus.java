package io.pgpulse.core.explain.input;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.TestServer;

/**
 * Plans produced at test time on a real server, in both formats. For EXPLAIN ANALYZE the two
 * formats come from the <em>same execution</em>: the text is EXPLAIN's result, the JSON is what
 * auto_explain (loaded in the session, {@code log_format = json}, {@code log_level = notice}) logs
 * for that very run and sends to the client as a notice. Both print the same instrumentation, so
 * every figure must match, not just the shape.
 */
final class PlanCorpus {
    private static final Set<PgMajor> READY = new HashSet<>();

    private PlanCorpus() {}

    /**
     * A statement built to show one feature of plans, with the settings that provoke it.
     *
     * @param shows  true when the plan really has the feature (checked, so the corpus cannot silently lose it)
     * @param write  runs in a transaction that is rolled back
     */
    record Case(String name, int minMajor, String sql, List<String> settings, Predicate<QueryPlan> shows, boolean write) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case select(String name, int minMajor, String sql, Predicate<QueryPlan> shows, String... settings) {
        return new Case(name, minMajor, sql, List.of(settings), shows, false);
    }

    static Predicate<QueryPlan> any(Predicate<PlanNode> node) {
        return plan -> plan.nodes().stream().anyMatch(node);
    }

    private static final String NO_PARALLEL = "max_parallel_workers_per_gather = 0";
    private static final String[] PARALLEL = {"parallel_setup_cost = 0", "parallel_tuple_cost = 0",
            "min_parallel_table_scan_size = 0", "max_parallel_workers_per_gather = 2"};

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(select("spilled sort", 14, "SELECT * FROM orders ORDER BY note, total",
                any(n -> "Disk".equals(n.sortSpaceType())), "work_mem = '64kB'", NO_PARALLEL));
        c.add(select("hash join in several batches", 14, "SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id",
                any(n -> n.hashBatches() != null && n.hashBatches() > 1), "work_mem = '64kB'", "enable_mergejoin = off",
                "enable_nestloop = off", NO_PARALLEL));
        c.add(select("lossy bitmap heap scan", 14, "SELECT count(*) FROM pc_wide WHERE id BETWEEN 1 AND 90000",
                any(n -> n.lossyHeapBlocks() != null && n.lossyHeapBlocks() > 0), "work_mem = '64kB'",
                "enable_seqscan = off", "enable_indexscan = off", "enable_indexonlyscan = off", NO_PARALLEL));
        c.add(select("parallel aggregate under Gather Merge", 14, "SELECT status, count(*) FROM orders GROUP BY status ORDER BY 1",
                any(n -> n.nodeType().equals("Gather Merge") && Integer.valueOf(2).equals(n.workersPlanned())), PARALLEL));
        c.add(select("parallel hash join in batches", 14,
                "SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 50",
                any(n -> n.nodeType().equals("Gather")), concat(PARALLEL, "work_mem = '64kB'")));
        c.add(select("limit that stopped early", 14, "SELECT * FROM orders WHERE status = 'paid' LIMIT 5",
                plan -> plan.root().nodeType().equals("Limit") && plan.node(1).planRows() > 10 * plan.node(1).actualRows(),
                NO_PARALLEL));
        c.add(select("memoize", 14, "SELECT count(*) FROM pc_items i JOIN pc_small s ON s.id = i.small_id",
                any(n -> n.nodeType().equals("Memoize")), "enable_hashjoin = off", "enable_mergejoin = off", NO_PARALLEL));
        c.add(select("incremental sort", 14, "SELECT * FROM orders ORDER BY id, total LIMIT 100",
                any(n -> n.nodeType().equals("Incremental Sort")), NO_PARALLEL));
        c.add(select("CTE scan", 14, "WITH x AS MATERIALIZED (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) "
                + "SELECT * FROM x WHERE n > 7 ORDER BY n DESC LIMIT 20",
                any(n -> n.nodeType().equals("CTE Scan") && "x".equals(n.cteName())), NO_PARALLEL));
        c.add(select("InitPlan", 14, "SELECT count(*) FROM orders WHERE total > (SELECT avg(total) FROM orders)",
                any(n -> "InitPlan".equals(n.parentRelationship())), NO_PARALLEL));
        c.add(select("SubPlan", 14, "SELECT c.id, (SELECT max(o.total) FROM orders o WHERE o.customer_id = c.id) FROM customers c "
                + "WHERE c.id < 20", any(n -> "SubPlan".equals(n.parentRelationship())), NO_PARALLEL));
        c.add(select("never-executed node", 14, "SELECT * FROM customers c JOIN products p ON p.id = c.id WHERE c.email = 'nobody'",
                any(PlanNode::neverExecuted), "enable_hashjoin = off", "enable_mergejoin = off", NO_PARALLEL));
        c.add(select("window run condition", 15,
                "SELECT * FROM (SELECT id, total, row_number() OVER (ORDER BY total) AS rn FROM orders) s WHERE rn <= 10",
                any(n -> n.runCondition() != null), NO_PARALLEL));
        c.add(select("hash aggregate spilled to disk", 14, "SELECT customer_id, count(*) FROM orders GROUP BY customer_id",
                any(n -> n.diskUsage() != null && n.diskUsage() > 0), "work_mem = '64kB'", "enable_sort = off", NO_PARALLEL));
        c.add(select("anti join", 14, "SELECT count(*) FROM customers c WHERE NOT EXISTS "
                + "(SELECT 1 FROM orders o WHERE o.customer_id = c.id)", any(n -> n.joinType() != null
                && n.joinType().endsWith("Anti")), NO_PARALLEL));
        c.add(select("merge join", 14, "SELECT count(*) FROM orders o JOIN shipments s ON s.order_id = o.id",
                any(n -> n.nodeType().equals("Merge Join")), "enable_hashjoin = off", "enable_nestloop = off", NO_PARALLEL));
        c.add(select("append of function, values and scan", 14, "SELECT id FROM customers WHERE id < 5 UNION ALL "
                + "SELECT g FROM generate_series(1, 3) g UNION ALL SELECT x FROM (VALUES (1), (2)) v(x)",
                any(n -> "Member".equals(n.parentRelationship())), NO_PARALLEL));
        c.add(select("set operation", 14, "SELECT customer_id FROM orders INTERSECT SELECT id FROM customers",
                any(n -> n.nodeType().equals("SetOp")), NO_PARALLEL));
        c.add(select("recursive CTE", 14, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100) "
                + "SELECT count(*) FROM r", any(n -> n.nodeType().equals("WorkTable Scan")), NO_PARALLEL));
        c.add(select("filter that removes nothing", 14, "SELECT count(*) FROM customers WHERE email LIKE '%@example.com'",
                any(n -> n.filter() != null && n.rowsRemovedByFilter() != null && n.rowsRemovedByFilter() == 0),
                NO_PARALLEL));
        c.add(select("quoted identifiers", 14, "SELECT \"Weird Col\" FROM \"Odd Name\" \"the alias\" WHERE id > 1 ORDER BY 1",
                any(n -> "Odd Name".equals(n.relationName()) && "the alias".equals(n.alias())), NO_PARALLEL));
        c.add(select("index-only scan with heap fetches", 14, "SELECT count(id) FROM pc_fresh WHERE id < 4000",
                any(n -> n.heapFetches() != null && n.heapFetches() > 0), "enable_seqscan = off", "enable_bitmapscan = off",
                NO_PARALLEL));
        c.add(select("backward index scan", 14, "SELECT * FROM orders ORDER BY id DESC LIMIT 3",
                any(n -> "Backward".equals(n.extras().get("Scan Direction"))), NO_PARALLEL));
        c.add(select("grouping sets", 14, "SELECT status, customer_id % 3 AS k, count(*) FROM orders "
                + "GROUP BY GROUPING SETS ((status), (customer_id % 3), ())",
                any(n -> n.extras().containsKey("Grouping Sets")), NO_PARALLEL));
        c.add(new Case("insert with a foreign-key trigger", 14,
                "INSERT INTO pc_target SELECT g, g FROM generate_series(1, 200) g", List.of(NO_PARALLEL),
                plan -> "ModifyTable".equals(plan.root().nodeType()) && "Insert".equals(plan.root().operation()), true));
        return c;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static synchronized TestServer server(PgMajor major) {
        TestServer pg = ExplainFixture.server(major);
        if (READY.add(major)) {
            ExplainFixture.execute(pg,
                    "DROP TABLE IF EXISTS shop.pc_wide, shop.pc_small, shop.pc_items, shop.pc_fresh, shop.pc_target, "
                            + "shop.\"Odd Name\"",
                    "CREATE TABLE shop.pc_wide AS SELECT g AS id, repeat('x', 300) AS pad FROM generate_series(1, 100000) g",
                    "CREATE INDEX pc_wide_id_idx ON shop.pc_wide (id)",
                    "CREATE TABLE shop.pc_small (id int PRIMARY KEY, v int NOT NULL)",
                    "INSERT INTO shop.pc_small SELECT g, g FROM generate_series(1, 100) g",
                    "CREATE TABLE shop.pc_items (id int PRIMARY KEY, small_id int NOT NULL)",
                    "INSERT INTO shop.pc_items SELECT g, g % 100 + 1 FROM generate_series(1, 20000) g",
                    "CREATE TABLE shop.pc_fresh (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)",
                    "INSERT INTO shop.pc_fresh SELECT g, 'x' FROM generate_series(1, 5000) g",
                    "CREATE TABLE shop.pc_target (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers)",
                    "CREATE TABLE shop.\"Odd Name\" (id int, \"Weird Col\" text)",
                    "INSERT INTO shop.\"Odd Name\" SELECT g, 'v' || g FROM generate_series(1, 50) g",
                    "ANALYZE shop.pc_wide, shop.pc_small, shop.pc_items, shop.pc_fresh, shop.pc_target, shop.\"Odd Name\"");
        }
        return pg;
    }

    /**
     * One execution, two formats.
     *
     * @param text the text EXPLAIN printed
     * @param json what auto_explain logged for the same execution: {@code duration: … ms  plan:} and the JSON
     */
    record Pair(String text, String json) {}

    static String options(PgMajor major) {
        return "ANALYZE, BUFFERS, VERBOSE, SETTINGS, WAL" + (major.number() >= 17 ? ", SERIALIZE, MEMORY" : "");
    }

    static Pair analyzed(TestServer pg, Case c) throws SQLException {
        try (Connection conn = ExplainFixture.superuser(pg); Statement s = conn.createStatement()) {
            prepare(s, c);
            s.execute("LOAD 'auto_explain'");
            for (String setting : List.of("auto_explain.log_min_duration = 0", "auto_explain.log_analyze = on",
                    "auto_explain.log_buffers = on", "auto_explain.log_verbose = on", "auto_explain.log_settings = on",
                    "auto_explain.log_wal = on", "auto_explain.log_triggers = on", "auto_explain.log_timing = on",
                    "auto_explain.log_format = json", "auto_explain.log_level = notice", "client_min_messages = notice")) {
                s.execute("SET " + setting);
            }
            if (c.write()) {
                conn.setAutoCommit(false);
            }
            try {
                s.clearWarnings();
                String text = lines(s, "EXPLAIN (" + options(pg.major()) + ") " + c.sql());
                String json = null;
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    if (json == null && w.getMessage() != null && w.getMessage().startsWith("duration:")) {
                        json = w.getMessage();
                    }
                }
                if (json == null) {
                    throw new IllegalStateException("auto_explain sent no plan for " + c.sql());
                }
                return new Pair(text, json);
            } finally {
                if (c.write()) {
                    conn.rollback();
                }
            }
        }
    }

    /** Plain EXPLAIN (no execution) in text and in JSON: deterministic, so both must agree exactly. */
    static Pair planned(TestServer pg, Case c) throws SQLException {
        try (Connection conn = ExplainFixture.superuser(pg); Statement s = conn.createStatement()) {
            prepare(s, c);
            return new Pair(lines(s, "EXPLAIN " + c.sql()), lines(s, "EXPLAIN (FORMAT JSON) " + c.sql()));
        }
    }

    private static void prepare(Statement s, Case c) throws SQLException {
        s.execute("SET search_path = shop, public");
        for (String setting : c.settings()) {
            s.execute("SET " + setting);
        }
    }

    static String lines(Statement s, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
