package io.pgpulse.core.explain.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.NodeMetrics;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same plan in text and in JSON, produced on every supported major, must read into the same
 * model node by node and give the same insights. The corpus covers what the issue lists (spilled
 * sort, hash join in batches, lossy bitmap, parallel plans, a LIMIT that stopped early, Memoize,
 * Incremental Sort, CTE, InitPlan/SubPlan, never-executed nodes) and more; every line the server
 * printed must be understood.
 */
class PlanTextCorpusTest {

    /** The model's fields, by name, so that a mismatch says which field of which node. */
    static final Map<String, Function<PlanNode, Object>> FIELDS = fields();

    private static Map<String, Function<PlanNode, Object>> fields() {
        Map<String, Function<PlanNode, Object>> f = new LinkedHashMap<>();
        f.put("node type", PlanNode::nodeType);
        f.put("parent relationship", PlanNode::parentRelationship);
        f.put("subplan name", PlanNode::subplanName);
        f.put("relation", PlanNode::relationName);
        f.put("schema", PlanNode::schema);
        f.put("alias", PlanNode::alias);
        f.put("index", PlanNode::indexName);
        f.put("join type", PlanNode::joinType);
        f.put("strategy", PlanNode::strategy);
        f.put("operation", PlanNode::operation);
        f.put("CTE name", PlanNode::cteName);
        f.put("function name", PlanNode::functionName);
        f.put("parallel aware", PlanNode::parallelAware);
        f.put("startup cost", PlanNode::startupCost);
        f.put("total cost", PlanNode::totalCost);
        f.put("plan rows", PlanNode::planRows);
        f.put("plan width", PlanNode::planWidth);
        f.put("actual startup time", PlanNode::actualStartupTime);
        f.put("actual total time", PlanNode::actualTotalTime);
        f.put("actual rows", PlanNode::actualRows);
        f.put("actual loops", PlanNode::actualLoops);
        f.put("never executed", PlanNode::neverExecuted);
        f.put("shared hit", PlanNode::sharedHitBlocks);
        f.put("shared read", PlanNode::sharedReadBlocks);
        f.put("shared dirtied", PlanNode::sharedDirtiedBlocks);
        f.put("shared written", PlanNode::sharedWrittenBlocks);
        f.put("temp read", PlanNode::tempReadBlocks);
        f.put("temp written", PlanNode::tempWrittenBlocks);
        f.put("filter", PlanNode::filter);
        f.put("join filter", PlanNode::joinFilter);
        f.put("index cond", PlanNode::indexCond);
        f.put("recheck cond", PlanNode::recheckCond);
        f.put("hash cond", PlanNode::hashCond);
        f.put("merge cond", PlanNode::mergeCond);
        f.put("run condition", PlanNode::runCondition);
        f.put("rows removed by filter", PlanNode::rowsRemovedByFilter);
        f.put("rows removed by join filter", PlanNode::rowsRemovedByJoinFilter);
        f.put("rows removed by index recheck", PlanNode::rowsRemovedByIndexRecheck);
        f.put("sort key", PlanNode::sortKey);
        f.put("group key", PlanNode::groupKey);
        f.put("output", PlanNode::output);
        f.put("sort method", PlanNode::sortMethod);
        f.put("sort space type", PlanNode::sortSpaceType);
        f.put("sort space used", PlanNode::sortSpaceUsed);
        f.put("hash buckets", PlanNode::hashBuckets);
        f.put("original hash buckets", PlanNode::originalHashBuckets);
        f.put("hash batches", PlanNode::hashBatches);
        f.put("original hash batches", PlanNode::originalHashBatches);
        f.put("peak memory", PlanNode::peakMemoryUsage);
        f.put("disk usage", PlanNode::diskUsage);
        f.put("heap fetches", PlanNode::heapFetches);
        f.put("exact heap blocks", PlanNode::exactHeapBlocks);
        f.put("lossy heap blocks", PlanNode::lossyHeapBlocks);
        f.put("workers planned", PlanNode::workersPlanned);
        f.put("workers launched", PlanNode::workersLaunched);
        return f;
    }

    /** Extras that both formats print with the same meaning (the text reader maps them to JSON's labels). */
    private static final List<String> SHARED_EXTRAS = List.of("Partial Mode", "Scan Direction", "Single Copy",
            "Cache Key", "Cache Mode", "Cache Hits", "Cache Misses", "Cache Evictions", "Cache Overflows",
            "Full-sort Groups", "Pre-sorted Groups", "Presorted Key", "HashAgg Batches", "Command", "One-Time Filter",
            "Subplans Removed", "Index Searches", "Storage", "Maximum Storage", "Grouping Sets", "Estimated Capacity",
            "Estimated Distinct Lookup Keys", "Estimated Lookups", "Estimated Hit Percent", "Async Capable");

    /**
     * Extras that text prints only when true or not zero and JSON always: compared when the text has
     * them (a read-only statement writes no WAL, so text has no WAL line to tell that WAL was asked for).
     */
    private static final List<String> WHEN_PRINTED = List.of("Inner Unique", "WAL Records", "WAL FPI", "WAL Bytes");

    static Stream<Arguments> corpus() {
        List<Arguments> out = new ArrayList<>();
        for (PgMajor major : PgMajor.values()) {
            for (PlanCorpus.Case c : PlanCorpus.cases()) {
                if (major.number() >= c.minMajor()) {
                    out.add(Arguments.of(major, c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("corpus")
    void analyzedTextAndJsonOfOneExecutionReadIntoTheSameModelAndInsights(PgMajor major, PlanCorpus.Case c) throws Exception {
        TestServer pg = PlanCorpus.server(major);
        PlanCorpus.Pair pair = PlanCorpus.analyzed(pg, c);
        PlanReading.Read text = read(pair.text(), PlanInputFormat.TEXT);
        PlanReading.Read json = read(pair.json(), PlanInputFormat.JSON);
        assertThat(c.shows().test(json.first())).as("the plan shows what the case is for:\n" + pair.text()).isTrue();
        assertThat(text.notes()).as("every line of the text is understood:\n" + pair.text())
                .noneMatch(n -> n.contains("not recognised"));
        assertSameModel(text.first(), json.first(), pair.text());
        assertThat(PlanInsights.analyse(text.first())).isEqualTo(PlanInsights.analyse(json.first()));
        QueryPlan t = text.first();
        assertThat(t.planningTimeMs()).isPresent();
        assertThat(t.executionTimeMs()).isPresent();
        assertThat(t.properties()).containsKeys("Settings", "Triggers");
        if (major.number() >= 17) {
            assertThat(t.properties().get("Serialization")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKeys("Time", "Output Volume", "Format");
            assertThat(t.properties().get("Planning")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKeys("Memory Used", "Memory Allocated");
        }
        assertThat(json.queryText(0)).hasValueSatisfying(q -> assertThat(q).contains(c.sql()));
        assertThat(json.notes()).anyMatch(n -> n.startsWith("Read an auto_explain entry"));
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("corpus")
    void plannedTextAndJsonReadIntoTheSameModelAndInsights(PgMajor major, PlanCorpus.Case c) throws Exception {
        TestServer pg = PlanCorpus.server(major);
        PlanCorpus.Pair pair = PlanCorpus.planned(pg, c);
        PlanReading.Read text = read(pair.text(), PlanInputFormat.TEXT);
        PlanReading.Read json = read(pair.json(), PlanInputFormat.JSON);
        assertThat(text.notes()).as(pair.text()).noneMatch(n -> n.contains("not recognised"));
        assertThat(text.first().analyzed()).isFalse();
        assertSameModel(text.first(), json.first(), pair.text());
        assertThat(PlanInsights.analyse(text.first())).isEqualTo(PlanInsights.analyse(json.first()));
    }

    static Stream<PlanCorpus.Case> newestCases() {
        return PlanCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newestCases")
    void framingAroundARealPlanIsRemovedHoweverItWasPasted(PlanCorpus.Case c) throws Exception {
        TestServer pg = PlanCorpus.server(PgMajor.NEWEST);
        PlanCorpus.Pair pair = PlanCorpus.analyzed(pg, c);
        QueryPlan text = read(pair.text(), PlanInputFormat.TEXT).first();
        String json = pair.json().substring(pair.json().indexOf('\n') + 1);
        QueryPlan bareJson = read(json, PlanInputFormat.JSON).first();
        String query = c.sql().replace(" FROM ", "\n  FROM ").replace(" WHERE ", "\n WHERE ");
        for (String framed : List.of(psqlAligned(pair.text()), autoExplainLog(query, pair.text()),
                csvLog(query, pair.text()), "```\n" + pair.text().indent(4) + "```\n")) {
            PlanReading.Read r = read(framed, PlanInputFormat.TEXT);
            assertThat(r.notes()).as(framed).noneMatch(n -> n.contains("not recognised"));
            assertSameModel(r.first(), text, framed);
        }
        assertThat(read(autoExplainLog(query, pair.text()), PlanInputFormat.TEXT).queryText(0)).hasValue(query);
        assertSameModel(read(psqlAligned(json), PlanInputFormat.JSON).first(), bareJson, json);
        assertSameModel(read(csvLog(null, json), PlanInputFormat.JSON).first(), bareJson, json);
    }

    /** As psql's aligned format prints one column: centred header, separator, padded rows with + for newlines. */
    static String psqlAligned(String value) {
        List<String> lines = value.strip().lines().toList();
        int width = Math.max(10, lines.stream().mapToInt(String::length).max().orElse(0));
        boolean oneRow = value.strip().startsWith("[") || value.strip().startsWith("{");
        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat((width + 2 - 10) / 2)).append("QUERY PLAN\n").append("-".repeat(width + 2)).append('\n');
        for (int i = 0; i < lines.size(); i++) {
            String padded = " " + lines.get(i) + " ".repeat(width - lines.get(i).length());
            sb.append(padded).append(oneRow && i < lines.size() - 1 ? "+" : " ").append('\n');
        }
        sb.append(oneRow ? "(1 row)" : "(" + lines.size() + " rows)").append("\n\n");
        return sb.toString();
    }

    /** A stderr log entry of auto_explain: the prefix line, then every line of the message after a tab. */
    static String autoExplainLog(String query, String plan) {
        String message = "Query Text: " + query + "\n" + plan.strip();
        return "2026-01-02 03:04:05.678 UTC [4242] LOG:  connection authorized: user=app database=shop\n"
                + "2026-01-02 03:04:05.912 UTC [4242] LOG:  duration: 12.345 ms  plan:\n"
                + message.lines().map(l -> "\t" + l).reduce("", (a, b) -> a + b + "\n")
                + "2026-01-02 03:04:06.001 UTC [4242] LOG:  disconnection: session time: 0:00:00.089\n";
    }

    /** A csvlog record: the message is one quoted field with its quotes doubled, spanning lines. */
    static String csvLog(String query, String plan) {
        String message = "duration: 12.345 ms  plan:\n" + (query == null ? "" : "Query Text: " + query + "\n") + plan.strip();
        return "2026-01-02 03:04:05.912 UTC,\"app\",\"shop\",4242,\"10.0.0.7:51234\",6777a1b2.1092,3,\"SELECT\","
                + "2026-01-02 03:04:05 UTC,5/17,0,LOG,00000,\"" + message.replace("\"", "\"\"")
                + "\",,,,,,,,,\"checkout\",\"client backend\",,0\n";
    }

    static PlanReading.Read read(String input, PlanInputFormat expected) {
        PlanReading r = PlanInput.read(input);
        assertThat(r).as(() -> r + "\n" + input).isInstanceOf(PlanReading.Read.class);
        PlanReading.Read read = (PlanReading.Read) r;
        assertThat(read.format()).isEqualTo(expected);
        assertThat(read.plans()).hasSize(1);
        return read;
    }

    static void assertSameModel(QueryPlan text, QueryPlan json, String context) {
        assertThat(text.nodes()).as("nodes of\n" + context).hasSameSizeAs(json.nodes());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < json.nodes().size(); i++) {
            PlanNode t = text.node(i);
            PlanNode j = json.node(i);
            for (Map.Entry<String, Function<PlanNode, Object>> f : FIELDS.entrySet()) {
                Object tv = f.getValue().apply(t);
                Object jv = f.getValue().apply(j);
                if (!Objects.equals(tv, jv)) {
                    differences.add("node " + i + " (" + j.nodeType() + ") " + f.getKey() + ": text " + tv + ", JSON " + jv);
                }
            }
            for (String key : SHARED_EXTRAS) {
                Object tv = t.extras().get(key);
                Object jv = j.extras().get(key);
                if (jv != null && !sameValue(tv, jv)) {
                    differences.add("node " + i + " (" + j.nodeType() + ") " + key + ": text " + tv + ", JSON " + jv);
                }
            }
            for (String key : WHEN_PRINTED) {
                Object tv = t.extras().get(key);
                if (tv != null && !sameValue(tv, j.extras().get(key))) {
                    differences.add("node " + i + " (" + j.nodeType() + ") " + key + ": text " + tv + ", JSON "
                            + j.extras().get(key));
                }
            }
            workers(i, t, j, differences);
            NodeMetrics tm = text.metrics(t);
            NodeMetrics jm = json.metrics(j);
            if (!tm.path().equals(jm.path()) || tm.parentId() != jm.parentId() || !tm.inclusiveMs().equals(jm.inclusiveMs())
                    || !tm.exclusiveMs().equals(jm.exclusiveMs()) || !tm.misestimate().equals(jm.misestimate())
                    || tm.onHotPath() != jm.onHotPath()) {
                differences.add("node " + i + " metrics: text " + tm + ", JSON " + jm);
            }
        }
        assertThat(differences).as("differences between text and JSON of\n" + context).isEmpty();
    }

    /** Per-worker figures: same workers, same rows, loops, times and sort details. */
    @SuppressWarnings("unchecked")
    private static void workers(int i, PlanNode t, PlanNode j, List<String> differences) {
        Object jw = j.extras().get("Workers");
        // When no worker ran a node (the leader did it all), JSON prints "Workers": [] and text nothing.
        if (!(jw instanceof List<?> jsonWorkers) || jsonWorkers.isEmpty() && !t.extras().containsKey("Workers")) {
            return;
        }
        Object tw = t.extras().get("Workers");
        if (!(tw instanceof List<?> textWorkers) || textWorkers.size() != jsonWorkers.size()) {
            differences.add("node " + i + " workers: text " + tw + ", JSON " + jw);
            return;
        }
        for (int k = 0; k < jsonWorkers.size(); k++) {
            Map<String, Object> jm = (Map<String, Object>) jsonWorkers.get(k);
            Map<String, Object> tm = (Map<String, Object>) textWorkers.get(k);
            for (Map.Entry<String, Object> e : jm.entrySet()) {
                boolean zero = e.getValue() instanceof Number n && n.doubleValue() == 0;
                if (zero && !tm.containsKey(e.getKey())) {
                    continue; // text leaves zero counters out
                }
                if (!sameValue(tm.get(e.getKey()), e.getValue())) {
                    differences.add("node " + i + " worker " + k + " " + e.getKey() + ": text " + tm.get(e.getKey())
                            + ", JSON " + e.getValue());
                }
            }
        }
    }

    /** Numbers compare by value (JSON may print 5.00 where text prints 5.00 as well, or 5 for 5). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            return x.keySet().stream().allMatch(k -> sameValue(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    static List<Insight> insights(QueryPlan plan) {
        return PlanInsights.analyse(plan);
    }
}
