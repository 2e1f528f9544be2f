package io.pgpulse.core.explain.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.pgpulse.core.explain.PlanFormatException;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;

import org.junit.jupiter.api.Test;

/** The text reader on inputs written to hit one rule each; the corpus test covers real server output. */
class PlanTextTest {

    private static QueryPlan one(String text) throws PlanFormatException {
        List<QueryPlan> plans = PlanText.parse(text);
        assertThat(plans).hasSize(1);
        return plans.get(0);
    }

    @Test
    void linesTheReaderDoesNotKnowAreKeptOnTheirNodeAndThePlan() throws Exception {
        QueryPlan plan = one("""
                Update on t  (cost=0.00..35.50 rows=0 width=0)
                  Update on t1 t_1
                  Frobnication Level: 3 ms
                  ->  Seq Scan on t1 t_1  (cost=0.00..35.50 rows=2550 width=10)
                        something the reader has never seen
                Planning Time: 0.1 ms
                a closing remark
                """);
        assertThat(plan.root().operation()).isEqualTo("Update");
        assertThat(plan.root().extras()).containsEntry(PlanText.OTHER_LINES, List.of("Update on t1 t_1"))
                .containsEntry("Frobnication Level", 3L);
        assertThat(plan.node(1).extras()).containsEntry(PlanText.OTHER_LINES, List.of("something the reader has never seen"));
        assertThat(plan.properties()).containsEntry(PlanText.OTHER_LINES, List.of("a closing remark"));
        assertThat(plan.planningTimeMs()).hasValue(0.1);
    }

    @Test
    void textThatIsNotAPlanSaysWhichLineAndWhy() {
        assertThatThrownBy(() -> PlanText.parse("We saw this in prod yesterday:\nthe query was slow"))
                .isInstanceOf(PlanFormatException.class)
                .hasMessageStartingWith("Line 1: expected the first node of a plan")
                .hasMessageContaining("\"We saw this in prod yesterday:\"")
                .satisfies(e -> assertThat(((PlanFormatException) e).line()).hasValue(1));
    }

    @Test
    void figuresThatCannotBeReadSayWhichLineAndWhy() {
        assertThatThrownBy(() -> PlanText.parse("Limit  (cost=0.00..1.00 rows=1 width=4)\n"
                + "  ->  Seq Scan on t  (cost=zero..1.00 rows=1 width=4)"))
                .hasMessageStartingWith("Line 2: cannot read the costs").hasMessageContaining("(cost=zero..1.00");
        assertThatThrownBy(() -> PlanText.parse("Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4) (actual time=0.01..0.02 rows=1"))
                .hasMessageStartingWith("Line 1: the actual figures are cut off");
        assertThatThrownBy(() -> PlanText.parse("Seq Scan on t  (cost=0.00..35"))
                .hasMessageStartingWith("Line 1: the cost figures are cut off");
        assertThatThrownBy(() -> PlanText.parse("Seq Scan on t  (cost=0.00..1.00 rows=1 width=4) (estimated by hand)"))
                .hasMessageStartingWith("Line 1: unexpected text after the node's figures");
    }

    @Test
    void aNodeThatIsNotIndentedUnderAnyNodeIsAnError() {
        assertThatThrownBy(() -> PlanText.parse("  Hash Join  (cost=1.00..2.00 rows=1 width=4)\n"
                + "->  Seq Scan on a  (cost=0.00..1.00 rows=1 width=4)"))
                .hasMessageStartingWith("Line 2: this node is not indented under any node");
    }

    @Test
    void queryTextWithoutAPlanIsAnError() {
        assertThatThrownBy(() -> PlanText.parse("Query Text: SELECT 1\nFROM nowhere"))
                .hasMessageStartingWith("Line 1: \"Query Text:\" is not followed by a plan");
    }

    @Test
    void thousandsOfLevelsAreReadWithoutRecursion() throws Exception {
        // Text indents every level by six columns, so depth costs quadratic size: 2,000 levels are 12 MB.
        int depth = 2_000;
        StringBuilder text = new StringBuilder("Limit  (cost=0.00..1.00 rows=1 width=4)\n");
        for (int i = 1; i <= depth; i++) {
            text.append(" ".repeat(2 + 6 * (i - 1))).append("->  Limit  (cost=0.00..1.00 rows=1 width=4)\n");
        }
        QueryPlan plan = one(text.toString());
        assertThat(plan.nodes()).hasSize(depth + 1);
        assertThat(plan.metrics(plan.node(depth)).depth()).isEqualTo(depth);
        assertThat(plan.node(depth).parentRelationship()).isEqualTo("Outer");
    }

    @Test
    void plansSeparatedByABlankLineAreSeveralPlans() throws Exception {
        List<QueryPlan> plans = PlanText.parse("""
                Insert on t  (cost=0.00..0.01 rows=0 width=0)
                  ->  Result  (cost=0.00..0.01 rows=1 width=4)

                Insert on t_log  (cost=0.00..0.01 rows=0 width=0)
                  ->  Result  (cost=0.00..0.01 rows=1 width=4)
                """);
        assertThat(plans).hasSize(2);
        assertThat(plans.get(1).root().relationName()).isEqualTo("t_log");
    }

    @Test
    void oldServersTotalRuntimeAndLowerCaseTimesAreTheExecutionTime() throws Exception {
        assertThat(one("Result  (cost=0.00..0.01 rows=1 width=0) (actual time=0.001..0.001 rows=1 loops=1)\n"
                + "Total runtime: 0.042 ms").executionTimeMs()).hasValue(0.042);
        QueryPlan p96 = one("Result  (cost=0.00..0.01 rows=1 width=0) (actual time=0.001..0.001 rows=1 loops=1)\n"
                + "Planning time: 0.021 ms\nExecution time: 0.035 ms");
        assertThat(p96.planningTimeMs()).hasValue(0.021);
        assertThat(p96.executionTimeMs()).hasValue(0.035);
    }

    @Test
    void fractionalRowsOfPostgres18AndNeverExecutedNodesAreRead() throws Exception {
        QueryPlan plan = one("""
                Nested Loop  (cost=0.29..16.34 rows=1 width=8) (actual time=0.010..0.011 rows=0.00 loops=1)
                  ->  Seq Scan on a  (cost=0.00..8.00 rows=1 width=4) (actual time=0.005..0.006 rows=0.33 loops=3)
                        Filter: (x = 1)
                  ->  Index Scan using b_pkey on b  (cost=0.29..8.31 rows=1 width=4) (never executed)
                        Index Cond: (id = a.id)
                """);
        assertThat(plan.node(1).actualRows()).isEqualTo(0.33);
        assertThat(plan.node(1).rowsRemovedByFilter()).isEqualTo(0.0);
        PlanNode never = plan.node(2);
        assertThat(never.neverExecuted()).isTrue();
        assertThat(never.actualTotalTime()).isEqualTo(0.0);
        assertThat(never.parentRelationship()).isEqualTo("Inner");
        assertThat(never.extras()).containsEntry("Scan Direction", "Forward");
        assertThat(plan.metrics(never).misestimate()).isEmpty();
    }

    @Test
    void perWorkerLinesStayWithTheirWorkerAndDoNotOverwriteTheNode() throws Exception {
        QueryPlan plan = one("""
                Gather Merge  (cost=1.00..2.00 rows=10 width=4) (actual time=1.0..2.0 rows=10 loops=1)
                  Workers Planned: 2
                  Workers Launched: 2
                  ->  Sort  (cost=1.00..1.10 rows=5 width=4) (actual time=0.5..0.6 rows=3 loops=3)
                        Sort Key: x
                        Sort Method: quicksort  Memory: 25kB
                        Worker 0:  Sort Method: external merge  Disk: 1024kB
                        Worker 1:  actual time=0.4..0.5 rows=2 loops=1
                          Sort Method: quicksort  Memory: 30kB
                          Buffers: shared hit=7
                        ->  Parallel Seq Scan on t  (cost=0.00..1.00 rows=5 width=4) (actual time=0.1..0.2 rows=3 loops=3)
                """);
        PlanNode sort = plan.node(1);
        assertThat(sort.sortMethod()).isEqualTo("quicksort");
        assertThat(sort.sortSpaceUsed()).isEqualTo(25L);
        assertThat(sort.sharedHitBlocks()).as("a worker's Buffers line shows BUFFERS was on: JSON prints 0").isEqualTo(0L);
        assertThat(sort.extras().get("Workers")).isEqualTo(List.of(
                Map.of("Worker Number", 0L, "Sort Method", "external merge", "Sort Space Used", 1024L, "Sort Space Type", "Disk"),
                Map.of("Worker Number", 1L, "Actual Startup Time", 0.4, "Actual Total Time", 0.5, "Actual Rows", 2L,
                        "Actual Loops", 1L, "Sort Method", "quicksort", "Sort Space Used", 30L, "Sort Space Type", "Memory",
                        "Shared Hit Blocks", 7L)));
        assertThat(plan.node(2).parallelAware()).isTrue();
        assertThat(plan.root().workersLaunched()).isEqualTo(2);
    }

    @Test
    void subplanLabelsGiveTheRelationshipAndName() throws Exception {
        QueryPlan plan = one("""
                CTE Scan on x  (cost=1.00..2.00 rows=1 width=4)
                  Filter: ((SubPlan 2) > $0)
                  CTE x
                    ->  Result  (cost=0.00..0.01 rows=1 width=4)
                  InitPlan 1 (returns $0)
                    ->  Result  (cost=0.00..0.01 rows=1 width=4)
                  SubPlan 2
                    ->  Result  (cost=0.00..0.01 rows=1 width=4)
                """);
        assertThat(plan.nodes()).extracting(PlanNode::parentRelationship).containsExactly(null, "InitPlan", "InitPlan", "SubPlan");
        assertThat(plan.nodes()).extracting(PlanNode::subplanName)
                .containsExactly(null, "CTE x", "InitPlan 1 (returns $0)", "SubPlan 2");
        assertThat(plan.root().cteName()).isEqualTo("x");
        assertThat(plan.root().alias()).isEqualTo("x");
    }

    @Test
    void plansWithoutCostsAreReadFromTheNodeNames() throws Exception {
        QueryPlan plan = one("""
                Hash Right Anti Join
                  Hash Cond: (o.customer_id = c.id)
                  ->  Seq Scan on orders o
                  ->  Hash
                        ->  Seq Scan on customers c
                """);
        assertThat(plan.root().nodeType()).isEqualTo("Hash Join");
        assertThat(plan.root().joinType()).isEqualTo("Right Anti");
        assertThat(plan.nodes()).extracting(PlanNode::relationName).containsExactly(null, "orders", null, "customers");
        assertThat(plan.root().totalCost()).isNull();
    }

    @Test
    void namesFoldedIntoTheNodeLineAreUnfoldedAsInJson() throws Exception {
        QueryPlan plan = one("""
                Finalize HashAggregate  (cost=1.00..2.00 rows=1 width=4)
                  ->  Parallel Index Only Scan Backward using "Odd ""Idx""\" on "My Schema"."Odd ""T""\" "the alias"  (cost=0.00..1.00 rows=1 width=4)
                  ->  HashSetOp Except All  (cost=0.00..1.00 rows=1 width=4)
                  ->  Function Scan on pg_catalog.generate_series g  (cost=0.00..1.00 rows=1 width=4)
                  ->  Values Scan on "*VALUES*"  (cost=0.00..1.00 rows=1 width=4)
                  ->  Custom Scan (Citus Adaptive) on dist  (cost=0.00..1.00 rows=1 width=4)
                  ->  Foreign Update on remote_t  (cost=0.00..1.00 rows=1 width=4)
                  ->  Async Foreign Scan on remote_u r  (cost=0.00..1.00 rows=1 width=4)
                """);
        PlanNode agg = plan.root();
        assertThat(agg.nodeType()).isEqualTo("Aggregate");
        assertThat(agg.strategy()).isEqualTo("Hashed");
        assertThat(agg.extras()).containsEntry("Partial Mode", "Finalize");
        PlanNode ios = plan.node(1);
        assertThat(ios.nodeType()).isEqualTo("Index Only Scan");
        assertThat(ios.parallelAware()).isTrue();
        assertThat(ios.extras()).containsEntry("Scan Direction", "Backward");
        assertThat(ios.indexName()).isEqualTo("Odd \"Idx\"");
        assertThat(ios.schema()).isEqualTo("My Schema");
        assertThat(ios.relationName()).isEqualTo("Odd \"T\"");
        assertThat(ios.alias()).isEqualTo("the alias");
        assertThat(plan.node(2).strategy()).isEqualTo("Hashed");
        assertThat(plan.node(2).extras()).containsEntry("Command", "Except All");
        assertThat(plan.node(3).functionName()).isEqualTo("generate_series");
        assertThat(plan.node(3).schema()).isEqualTo("pg_catalog");
        assertThat(plan.node(4).alias()).isEqualTo("*VALUES*");
        assertThat(plan.node(5).extras()).containsEntry("Custom Plan Provider", "Citus Adaptive");
        assertThat(plan.node(6).operation()).isEqualTo("Update");
        assertThat(plan.node(6).nodeType()).isEqualTo("Foreign Scan");
        assertThat(plan.node(7).extras()).containsEntry("Async Capable", true);
        assertThat(plan.node(7).alias()).isEqualTo("r");
    }

    @Test
    void compoundLinesAreSplitIntoJsonsKeys() throws Exception {
        QueryPlan plan = one("""
                Hash  (cost=1.00..2.00 rows=1 width=4) (actual time=1.000..1.000 rows=100 loops=1)
                  Buckets: 65536 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 3073kB
                  Buffers: shared hit=12 read=3 dirtied=1 written=2, local hit=4, temp read=5 written=6
                  I/O Timings: shared read=0.123 write=0.456, temp read=0.001
                  WAL: records=2 bytes=150
                  Output: a, lower(b), 'x, y'::text, ARRAY[1, 2], "Weird, Col"
                  ->  Incremental Sort  (cost=0.00..1.00 rows=1 width=4) (actual time=0.500..0.600 rows=100 loops=1)
                        Sort Key: a, b
                        Presorted Key: a
                        Full-sort Groups: 4  Sort Methods: top-N heapsort, quicksort  Average Memory: 27kB  Peak Memory: 28kB
                        Pre-sorted Groups: 1  Sort Method: external merge  Average Disk: 100kB  Peak Disk: 100kB
                        ->  HashAggregate  (cost=0.00..1.00 rows=1 width=4) (actual time=0.100..0.200 rows=100 loops=1)
                              Group Key: a
                              Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage: 4160kB
                              ->  Memoize  (cost=0.00..1.00 rows=1 width=4) (actual time=0.001..0.002 rows=1 loops=100)
                                    Cache Key: t.a
                                    Cache Mode: logical
                                    Estimates: capacity=10 distinct keys=10 lookups=100 hit percent=90.00%
                                    Hits: 90  Misses: 10  Evictions: 0  Overflows: 0  Memory Usage: 2kB
                                    ->  Bitmap Heap Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.001..0.002 rows=1 loops=10)
                                          Recheck Cond: (a = 1)
                                          Heap Blocks: lossy=7
                                          ->  Bitmap Index Scan on t_a_idx  (cost=0.00..1.00 rows=1 width=0) (actual time=0.001..0.001 rows=1 loops=10)
                                                Index Cond: (a = 1)
                Planning:
                  Buffers: shared hit=5
                  Memory: used=8kB  allocated=16kB
                Settings: work_mem = '64kB', search_path = 'shop, public'
                Trigger for constraint fk_x on orders: time=1.500 calls=3
                JIT:
                  Functions: 4
                  Options: Inlining false, Optimization false, Expressions true, Deforming true
                  Timing: Generation 0.500 ms (Deform 0.100 ms), Inlining 0.000 ms, Optimization 0.300 ms, Emission 4.000 ms, Total 4.800 ms
                Serialization: time=0.123 ms  output=14kB  format=text
                Execution Time: 12.000 ms
                """);
        PlanNode hash = plan.root();
        assertThat(List.of(hash.hashBuckets(), hash.originalHashBuckets(), hash.hashBatches(), hash.originalHashBatches(),
                hash.peakMemoryUsage())).containsExactly(65536L, 1024L, 4L, 1L, 3073L);
        assertThat(List.of(hash.sharedHitBlocks(), hash.sharedReadBlocks(), hash.sharedDirtiedBlocks(),
                hash.sharedWrittenBlocks(), hash.tempReadBlocks(), hash.tempWrittenBlocks())).containsExactly(12L, 3L, 1L, 2L, 5L, 6L);
        assertThat(hash.extras()).containsEntry("Local Hit Blocks", 4L).containsEntry("Local Read Blocks", 0L)
                .containsEntry("Shared I/O Read Time", 0.123).containsEntry("Temp I/O Read Time", 0.001)
                .containsEntry("WAL Records", 2L).containsEntry("WAL FPI", 0L).containsEntry("WAL Bytes", 150L);
        assertThat(hash.output()).containsExactly("a", "lower(b)", "'x, y'::text", "ARRAY[1, 2]", "\"Weird, Col\"");
        PlanNode incremental = plan.node(1);
        assertThat(incremental.sortKey()).containsExactly("a", "b");
        assertThat(incremental.sortMethod()).isNull();
        assertThat(incremental.extras()).containsEntry("Presorted Key", List.of("a"))
                .containsEntry("Full-sort Groups", Map.of("Group Count", 4L, "Sort Methods Used", List.of("top-N heapsort", "quicksort"),
                        "Sort Space Memory", Map.of("Average Sort Space Used", 27L, "Peak Sort Space Used", 28L)))
                .containsEntry("Pre-sorted Groups", Map.of("Group Count", 1L, "Sort Methods Used", List.of("external merge"),
                        "Sort Space Disk", Map.of("Average Sort Space Used", 100L, "Peak Sort Space Used", 100L)));
        PlanNode agg = plan.node(2);
        assertThat(agg.groupKey()).containsExactly("a");
        assertThat(agg.diskUsage()).isEqualTo(4160L);
        assertThat(agg.peakMemoryUsage()).isEqualTo(4145L);
        assertThat(agg.extras()).containsEntry("HashAgg Batches", 5L).containsEntry("Planned Partitions", 4L);
        PlanNode memoize = plan.node(3);
        assertThat(memoize.extras()).containsEntry("Cache Hits", 90L).containsEntry("Cache Misses", 10L)
                .containsEntry("Cache Key", "t.a").containsEntry("Estimated Hit Percent", 90.0)
                .containsEntry("Estimated Distinct Lookup Keys", 10L);
        assertThat(memoize.peakMemoryUsage()).isEqualTo(2L);
        PlanNode bitmap = plan.node(4);
        assertThat(bitmap.lossyHeapBlocks()).isEqualTo(7L);
        assertThat(bitmap.exactHeapBlocks()).isEqualTo(0L);
        assertThat(bitmap.rowsRemovedByIndexRecheck()).isEqualTo(0.0);
        assertThat(bitmap.sharedHitBlocks()).as("BUFFERS was on: zero counts are filled in as JSON prints them").isEqualTo(0L);
        assertThat(plan.node(5).indexName()).isEqualTo("t_a_idx");
        assertThat(plan.properties().get("Planning")).isEqualTo(Map.of("Shared Hit Blocks", 5L, "Memory Used", 8L,
                "Memory Allocated", 16L));
        assertThat(plan.properties().get("Settings")).isEqualTo(Map.of("work_mem", "64kB", "search_path", "shop, public"));
        assertThat(plan.properties().get("Triggers")).isEqualTo(List.of(Map.of("Constraint Name", "fk_x", "Relation", "orders",
                "Time", 1.5, "Calls", 3L)));
        assertThat(plan.properties().get("JIT")).isEqualTo(Map.of("Functions", 4L,
                "Options", Map.of("Inlining", false, "Optimization", false, "Expressions", true, "Deforming", true),
                "Timing", Map.of("Generation", Map.of("Deform", 0.1, "Total", 0.5), "Inlining", 0.0, "Optimization", 0.3,
                        "Emission", 4.0, "Total", 4.8)));
        assertThat(plan.properties().get("Serialization")).isEqualTo(Map.of("Time", 0.123, "Output Volume", 14L, "Format", "text"));
        assertThat(plan.executionTimeMs()).hasValue(12.0);
    }

    @Test
    void aPlanCopiedFromTheMiddleStartsAtItsFirstNode() throws Exception {
        PlanText.Diagnostics d = new PlanText.Diagnostics();
        List<QueryPlan> plans = PlanText.parse(SourceLine.split("""
                ->  Hash  (cost=9.00..9.00 rows=500 width=23)
                      Buckets: 1024  Batches: 1  Memory Usage: 36kB
                      ->  Seq Scan on customers c  (cost=0.00..9.00 rows=500 width=23)
                """), d);
        assertThat(d.startsInsidePlan).isTrue();
        assertThat(plans.get(0).nodes()).extracting(PlanNode::nodeType).containsExactly("Hash", "Seq Scan");
        assertThat(plans.get(0).root().hashBuckets()).isEqualTo(1024L);
    }
}
