package io.pgpulse.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each insight from a plan the real server produced for a situation built to cause it. */
class PlanInsightsTest {
    private static TestServer pg;
    private static Connection session;

    @BeforeAll
    static void start() throws Exception {
        pg = ExplainFixture.newest();
        ExplainFixture.execute(pg,
                "DROP TABLE IF EXISTS shop.fresh",
                "CREATE TABLE shop.fresh (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)",
                "INSERT INTO shop.fresh SELECT g, 'x' FROM generate_series(1, 50000) g",
                "ANALYZE shop.fresh",
                "DROP TABLE IF EXISTS shop.stale",
                "CREATE TABLE shop.stale (id int, v int) WITH (autovacuum_enabled = false)",
                "INSERT INTO shop.stale SELECT g, g FROM generate_series(1, 1000) g",
                "ANALYZE shop.stale",
                "INSERT INTO shop.stale SELECT g, g FROM generate_series(1001, 20000) g",
                "DROP TABLE IF EXISTS shop.wide",
                "CREATE TABLE shop.wide AS SELECT g AS id, repeat('x', 300) AS pad FROM generate_series(1, 100000) g",
                "CREATE INDEX wide_id_idx ON shop.wide (id)",
                "ANALYZE shop.wide");
        session = ExplainFixture.superuser(pg);
    }

    @AfterAll
    static void stop() throws Exception {
        session.close();
    }

    /** Runs EXPLAIN ANALYZE with session settings that provoke the situation. */
    private static ExplainOutcome.Plan analyzed(String sql, String... settings) throws Exception {
        try (Statement s = session.createStatement()) {
            s.execute("RESET ALL");
            s.execute("SET search_path = shop, public");
            for (String setting : settings) {
                s.execute("SET " + setting);
            }
        }
        ExplainOutcome outcome = new ExplainRunner(ExplainFixture.sameSession(session)).explain(ExplainRequest.of(sql)
                .withOptions(ExplainOptions.plain().withAnalyze(true).withBuffers(true)).confirm());
        assertThat(outcome).as(outcome.toString()).isInstanceOf(ExplainOutcome.Plan.class);
        return (ExplainOutcome.Plan) outcome;
    }

    private static List<Insight> insights(ExplainOutcome.Plan plan) {
        return PlanInsights.analyse(plan.model(), plan.tableStats());
    }

    private static Insight only(List<Insight> insights, InsightKind kind) {
        List<Insight> found = insights.stream().filter(i -> i.kind() == kind).toList();
        assertThat(found).as(insights.toString()).hasSize(1);
        return found.get(0);
    }

    @Test
    void sequentialScanThatDiscardsMostRowsIsFlagged() throws Exception {
        Insight i = only(insights(analyzed("SELECT * FROM orders WHERE customer_id = 42")), InsightKind.SEQ_SCAN_FILTER);
        assertThat(i.node()).isEqualTo("Seq Scan on orders");
        assertThat(i.numbers().get("rows_read")).isEqualTo(100_000.0);
        assertThat(i.advice()).contains("index");
    }

    @Test
    void spilledSortNamesTheSpaceAndSuggestsWorkMem() throws Exception {
        Insight i = only(insights(analyzed("SELECT * FROM orders ORDER BY note, total", "work_mem = '64kB'")),
                InsightKind.DISK_SPILL);
        assertThat(i.title()).startsWith("Sort spilled to disk (external");
        assertThat(i.numbers().get("disk_kb")).isPositive();
        assertThat(i.advice()).contains("SET LOCAL work_mem = '");
    }

    @Test
    void hashJoinWithSeveralBatchesIsFlagged() throws Exception {
        Insight i = only(insights(analyzed("SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id",
                "work_mem = '64kB'", "enable_mergejoin = off", "enable_nestloop = off", "max_parallel_workers_per_gather = 0")),
                InsightKind.HASH_BATCHES);
        assertThat(i.numbers().get("batches")).isGreaterThan(1.0);
    }

    @Test
    void lossyBitmapHeapScanIsFlagged() throws Exception {
        Insight i = only(insights(analyzed("SELECT count(*) FROM wide WHERE id BETWEEN 1 AND 90000",
                "work_mem = '64kB'", "enable_seqscan = off", "enable_indexscan = off", "enable_indexonlyscan = off",
                "max_parallel_workers_per_gather = 0")), InsightKind.LOSSY_BITMAP);
        assertThat(i.numbers().get("lossy_blocks")).isPositive();
    }

    @Test
    void nestedLoopRunningItsInnerSideThousandsOfTimesIsFlagged() throws Exception {
        Insight i = only(insights(analyzed("SELECT count(*) FROM customers c JOIN victims v ON v.v = c.id % 100",
                "enable_hashjoin = off", "enable_mergejoin = off", "enable_material = off",
                "max_parallel_workers_per_gather = 0")), InsightKind.NESTED_LOOP_INNER);
        assertThat(i.numbers().get("inner_rows")).isGreaterThanOrEqualTo(1_000_000.0);
    }

    @Test
    void indexOnlyScanWithHeapFetchesAsksForVacuum() throws Exception {
        Insight i = only(insights(analyzed("SELECT count(id) FROM fresh WHERE id < 40000",
                "enable_seqscan = off", "enable_bitmapscan = off", "max_parallel_workers_per_gather = 0")),
                InsightKind.INDEX_HEAP_FETCHES);
        assertThat(i.advice()).startsWith("VACUUM fresh");
    }

    @Test
    void indexScanWithABigPostIndexFilterIsFlagged() throws Exception {
        Insight i = only(insights(analyzed("SELECT * FROM shipments WHERE carrier = 'dhl' AND order_id % 7 = 0",
                "enable_seqscan = off", "enable_bitmapscan = off", "max_parallel_workers_per_gather = 0")),
                InsightKind.INDEX_FILTER);
        assertThat(i.detail()).contains("carrier");
    }

    @Test
    void largeOffsetIsFlaggedMeasuredAndEstimated() throws Exception {
        String sql = "SELECT * FROM orders ORDER BY id OFFSET 50000 LIMIT 10";
        Insight measured = only(insights(analyzed(sql)), InsightKind.LARGE_OFFSET);
        assertThat(measured.numbers().get("rows_skipped")).isEqualTo(50_000.0);
        ExplainOutcome.Plan plain = (ExplainOutcome.Plan) new ExplainRunner(ExplainFixture.sameSession(session))
                .explain(ExplainRequest.of(sql));
        Insight estimated = only(PlanInsights.analyse(plain.model()), InsightKind.LARGE_OFFSET);
        assertThat(estimated.title()).startsWith("OFFSET skips about");
        assertThat(estimated.numbers().get("rows_skipped")).isBetween(45_000.0, 55_000.0);
    }

    @Test
    void realMisestimateIsReportedAtTheNodeWhereItStarts() throws Exception {
        // status = 'paid' exactly when id % 5 = 1: the planner multiplies the selectivities and expects ~100 rows.
        Insight i = only(insights(analyzed("SELECT count(*) FROM orders WHERE status = 'paid' AND id % 5 = 1",
                "max_parallel_workers_per_gather = 0")), InsightKind.ROW_MISESTIMATE);
        assertThat(i.node()).isEqualTo("Seq Scan on orders");
        assertThat(i.numbers().get("signed_factor")).isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void rowsCutShortByALimitAreNotAMisestimate() throws Exception {
        ExplainOutcome.Plan plan = analyzed("SELECT * FROM orders WHERE status = 'paid' LIMIT 5",
                "max_parallel_workers_per_gather = 0");
        PlanNode scan = plan.model().node(1);
        assertThat(plan.model().metrics(scan).misestimate().orElseThrow().factor()).isGreaterThan(10);
        assertThat(plan.model().metrics(scan).cutShort()).isTrue();
        assertThat(plan.model().metrics(scan).misestimateToFlag()).isEmpty();
        assertThat(insights(plan)).noneMatch(i -> i.kind() == InsightKind.ROW_MISESTIMATE);
    }

    @Test
    void rowsCutShortByAWindowRunConditionAreNotAMisestimate() throws Exception {
        ExplainOutcome.Plan plan = analyzed("SELECT * FROM (SELECT id, total, row_number() OVER (ORDER BY total) AS rn "
                + "FROM orders) s WHERE rn <= 10", "max_parallel_workers_per_gather = 0");
        QueryPlan model = plan.model();
        PlanNode window = model.nodes().stream().filter(n -> n.runCondition() != null).findFirst().orElseThrow();
        PlanNode sort = window.children().get(0);
        assertThat(model.metrics(window).misestimate().orElseThrow().factor()).isGreaterThan(1000);
        assertThat(model.metrics(sort).misestimate().orElseThrow().factor()).isGreaterThan(1000);
        assertThat(model.metrics(window).cutShort()).isTrue();
        assertThat(model.metrics(sort).cutShort()).isTrue();
        assertThat(model.metrics(sort.children().get(0)).cutShort()).as("the sort read all of its input").isFalse();
        assertThat(insights(plan)).noneMatch(i -> i.kind() == InsightKind.ROW_MISESTIMATE);
    }

    @Test
    void aRealOverestimateBelowASortIsReportedEvenUnderALimit() throws Exception {
        // status = 'paid' exactly when id % 5 = 1, so only the 20 paid rows with id <= 100 match; the planner
        // expects ~19,900. The LIMIT gets its 5 rows, but the sort read its whole input first: the scan's
        // numbers are real.
        ExplainOutcome.Plan plan = analyzed("SELECT * FROM orders WHERE status = 'paid' AND (id % 5 <> 1 OR id <= 100) "
                + "ORDER BY total LIMIT 5", "max_parallel_workers_per_gather = 0");
        assertThat(plan.model().root().actualRows()).isEqualTo(5.0);
        assertThat(plan.model().metrics(plan.model().node(1)).cutShort()).as("the sort, below the LIMIT").isTrue();
        Insight i = only(insights(plan), InsightKind.ROW_MISESTIMATE);
        assertThat(i.node()).isEqualTo("Seq Scan on orders");
        assertThat(i.numbers().get("signed_factor")).isLessThanOrEqualTo(-100.0);
    }

    @Test
    void aLimitWhoseInputRanOutFirstDoesNotHideAMisestimate() throws Exception {
        ExplainOutcome.Plan plan = analyzed("SELECT * FROM orders WHERE status = 'paid' AND id % 5 <> 1 LIMIT 10",
                "max_parallel_workers_per_gather = 0");
        assertThat(plan.model().root().actualRows()).isZero();
        assertThat(plan.model().metrics(plan.model().node(1)).cutShort()).isFalse();
        assertThat(only(insights(plan), InsightKind.ROW_MISESTIMATE).node()).isEqualTo("Seq Scan on orders");
    }

    @Test
    void staleStatisticsAreFlaggedWithTheAnalyzeToRun() throws Exception {
        Insight i = only(insights(analyzed("SELECT count(*) FROM stale WHERE v > 10")), InsightKind.STALE_STATISTICS);
        assertThat(i.advice()).startsWith("Run ANALYZE shop.stale;");
        assertThat(i.numbers().get("modifications_since_analyze")).isGreaterThanOrEqualTo(19_000.0);
    }
}
