package io.pgpulse.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlanModelTest {

    private static final String ANALYZED = """
            [{"Plan": {"Node Type": "Hash Join", "Join Type": "Inner", "Startup Cost": 10, "Total Cost": 100,
              "Plan Rows": 10, "Plan Width": 8, "Actual Startup Time": 1.0, "Actual Total Time": 50.0,
              "Actual Rows": 1000.5, "Actual Loops": 1, "Hash Cond": "(o.customer_id = c.id)",
              "Some Future Key": {"nested": [1, 2]},
              "Plans": [
                {"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "orders", "Alias": "o",
                 "Plan Rows": 1000, "Actual Rows": 1000, "Actual Loops": 1, "Actual Total Time": 30.0,
                 "Actual Startup Time": 0.1, "Total Cost": 50, "Startup Cost": 0, "Filter": "(status = 'x'::text)",
                 "Rows Removed by Filter": 99000, "Shared Hit Blocks": 12, "Shared Read Blocks": 3},
                {"Node Type": "Hash", "Parent Relationship": "Inner", "Plan Rows": 5, "Actual Rows": 5,
                 "Actual Loops": 1, "Actual Total Time": 5.0, "Hash Batches": 4, "Original Hash Batches": 1,
                 "Peak Memory Usage": 64, "Total Cost": 20,
                 "Plans": [{"Node Type": "Seq Scan", "Parent Relationship": "Outer", "Relation Name": "customers",
                   "Alias": "c", "Plan Rows": 5, "Actual Rows": 0, "Actual Loops": 0, "Total Cost": 20}]}
              ]},
              "Planning Time": 0.5, "Triggers": [], "Execution Time": 60.0, "JIT": {"Functions": 3}}]
            """;

    @Test
    void nodesAreNumberedInPreOrderWithPathsAndParents() throws Exception {
        QueryPlan plan = PlanJson.parseOne(ANALYZED);
        assertThat(plan.nodes()).extracting(PlanNode::nodeType).containsExactly("Hash Join", "Seq Scan", "Hash", "Seq Scan");
        assertThat(plan.metrics()).extracting(NodeMetrics::path).containsExactly("0", "0.0", "0.1", "0.1.0");
        assertThat(plan.parent(plan.node(3))).contains(plan.node(2));
        assertThat(plan.ancestors(plan.node(3))).extracting(PlanNode::id).containsExactly(2, 0);
    }

    @Test
    void unknownKeysAreKeptOnTheNodeAndThePlan() throws Exception {
        QueryPlan plan = PlanJson.parseOne(ANALYZED);
        assertThat(plan.root().extras()).containsKey("Some Future Key");
        assertThat(plan.root().extras()).doesNotContainKeys("Node Type", "Hash Cond", "Plans");
        assertThat(plan.properties()).containsKeys("Triggers", "JIT").doesNotContainKeys("Planning Time", "Execution Time");
        assertThat(plan.planningTimeMs()).hasValue(0.5);
    }

    @Test
    void fractionalRowsNeverExecutedAndBuffersAreRead() throws Exception {
        QueryPlan plan = PlanJson.parseOne(ANALYZED);
        assertThat(plan.root().actualRows()).isEqualTo(1000.5);
        assertThat(plan.node(3).neverExecuted()).isTrue();
        assertThat(plan.metrics(plan.node(3)).misestimate()).isEmpty();
        assertThat(plan.metrics(plan.node(3)).inclusiveMs()).hasValue(0.0);
        assertThat(plan.node(1).sharedHitBlocks()).isEqualTo(12L);
        assertThat(plan.node(1).rowsRemovedByFilter()).isEqualTo(99000.0);
        assertThat(plan.node(2).hashBatches()).isEqualTo(4L);
        assertThat(plan.node(2).originalHashBatches()).isEqualTo(1L);
    }

    @Test
    void exclusiveTimeSubtractsChildrenAndPercentUsesExecutionTime() throws Exception {
        QueryPlan plan = PlanJson.parseOne(ANALYZED);
        NodeMetrics join = plan.metrics(plan.root());
        assertThat(join.inclusiveMs()).hasValue(50.0);
        assertThat(join.exclusiveMs()).hasValue(15.0);
        assertThat(join.percentOfTotal().getAsDouble()).isCloseTo(25.0, within(1e-9));
        assertThat(plan.hotPath()).extracting(PlanNode::id).containsExactly(0, 1);
    }

    @Test
    void misestimateIsSignedByDirection() throws Exception {
        QueryPlan plan = PlanJson.parseOne(ANALYZED);
        Misestimate m = plan.metrics(plan.root()).misestimate().orElseThrow();
        assertThat(m.factor()).isCloseTo(100.05, within(1e-9));
        assertThat(m.signedFactor()).isPositive();
        assertThat(Misestimate.of(1000, 10).signedFactor()).isEqualTo(-100.0);
        assertThat(Misestimate.of(0, 0).factor()).isEqualTo(1.0);
    }

    @Test
    void zeroTimingsGiveNoPercentInsteadOfDividingByZero() throws Exception {
        QueryPlan plan = PlanJson.parseOne("""
                {"Plan": {"Node Type": "Result", "Actual Total Time": 0.0, "Actual Rows": 1, "Actual Loops": 1,
                  "Plan Rows": 1}, "Execution Time": 0.0}""");
        assertThat(plan.metrics(plan.root()).percentOfTotal()).isEmpty();
        assertThat(plan.metrics(plan.root()).exclusiveMs()).hasValue(0.0);
    }

    @Test
    void zeroTimingsEverywhereGiveNoShareAndInsightsWithoutNaN() throws Exception {
        QueryPlan plan = PlanJson.parseOne("""
                {"Plan": {"Node Type": "Limit", "Actual Total Time": 0.0, "Actual Rows": 0, "Actual Loops": 1,
                  "Plan Rows": 10, "Startup Cost": 0, "Total Cost": 0, "Plans": [
                  {"Node Type": "Seq Scan", "Relation Name": "t", "Actual Total Time": 0.0, "Actual Rows": 0,
                   "Actual Loops": 0, "Plan Rows": 50000, "Filter": "(x = 1)", "Rows Removed by Filter": 0,
                   "Startup Cost": 0, "Total Cost": 0}]}, "Execution Time": 0.0}""");
        assertThat(plan.metrics()).allSatisfy(m -> assertThat(m.percentOfTotal()).isEmpty());
        assertThat(plan.metrics()).allSatisfy(m -> assertThat(m.exclusiveMs()).hasValue(0.0));
        assertThat(PlanInsights.analyse(plan)).allSatisfy(i -> assertThat(i.numbers().values()).allMatch(Double::isFinite));
    }

    @Test
    void anExecutionTimeRoundedToZeroStillGivesShares() throws Exception {
        QueryPlan plan = PlanJson.parseOne("""
                {"Plan": {"Node Type": "Result", "Actual Total Time": 0.004, "Actual Rows": 1, "Actual Loops": 1,
                  "Plan Rows": 1}, "Execution Time": 0.0}""");
        assertThat(plan.metrics(plan.root()).percentOfTotal()).hasValue(100.0);
    }

    @Test
    void withoutAnalyzeTimesAreAbsentAndTheHotPathFollowsCost() throws Exception {
        QueryPlan plan = PlanJson.parseOne("""
                [{"Plan": {"Node Type": "Append", "Total Cost": 30, "Plan Rows": 2, "Plans": [
                  {"Node Type": "Seq Scan", "Relation Name": "a", "Total Cost": 10, "Plan Rows": 1},
                  {"Node Type": "Seq Scan", "Relation Name": "b", "Total Cost": 20, "Plan Rows": 1}]}}]""");
        assertThat(plan.analyzed()).isFalse();
        assertThat(plan.metrics(plan.root()).inclusiveMs()).isEmpty();
        assertThat(plan.hotPath()).extracting(PlanNode::relationName).containsExactly(null, "b");
    }

    @Test
    void timesBelowAGatherAreDividedByTheProcessesThatRanThem() throws Exception {
        QueryPlan plan = PlanJson.parseOne("""
                {"Plan": {"Node Type": "Gather", "Workers Planned": 2, "Workers Launched": 2, "Actual Total Time": 100,
                  "Actual Rows": 3, "Actual Loops": 1, "Plans": [
                  {"Node Type": "Seq Scan", "Parallel Aware": true, "Relation Name": "t", "Actual Total Time": 90,
                   "Actual Rows": 1, "Actual Loops": 3}]}, "Execution Time": 101}""");
        assertThat(plan.metrics(plan.node(1)).inclusiveMs()).hasValue(90.0);
        assertThat(plan.metrics(plan.root()).exclusiveMs()).hasValue(10.0);
        assertThat(plan.node(1).parallelAware()).isTrue();
    }

    @Test
    void severalPlansFromOneStatementAreAllRead() throws Exception {
        List<QueryPlan> plans = PlanJson.parse("""
                [{"Plan": {"Node Type": "Result"}}, {"Plan": {"Node Type": "ModifyTable", "Operation": "Insert"}}]""");
        assertThat(plans).hasSize(2);
        assertThat(plans.get(1).root().operation()).isEqualTo("Insert");
    }

    @Test
    void unreadablePlansSayWhereAndWhy() {
        assertThatThrownBy(() -> PlanJson.parse("[{\"Plan\": {\"Node Type\": }]"))
                .isInstanceOf(PlanFormatException.class).hasMessageContaining("Not valid JSON at line 1, column");
        assertThatThrownBy(() -> PlanJson.parse("[{\"Query\": 1}]"))
                .hasMessageContaining("No \"Plan\" object in element 1 of the array");
        assertThatThrownBy(() -> PlanJson.parse("[]")).hasMessageContaining("holds no plan");
        assertThatThrownBy(() -> PlanJson.parse("[42]")).hasMessageContaining("Expected a plan object");
    }

    @Test
    void veryDeepPlansAreRead() throws Exception {
        int depth = 3000;
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            json.append("{\"Node Type\": \"Limit\", \"Total Cost\": ").append(depth - i).append(", \"Plans\": [");
        }
        json.append("{\"Node Type\": \"Result\"}");
        json.append("]}".repeat(depth));
        QueryPlan plan = PlanJson.parseOne(json.toString());
        assertThat(plan.nodes()).hasSize(depth + 1);
        assertThat(plan.metrics(plan.node(depth)).depth()).isEqualTo(depth);
    }
}
