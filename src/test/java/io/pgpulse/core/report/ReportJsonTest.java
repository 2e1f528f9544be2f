package io.pgpulse.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.capability.StatementsAvailability;
import io.pgpulse.core.explain.report.IndexHealthOutput;
import io.pgpulse.core.indexes.IndexInventory;

/**
 * The JSON contract of docs/report-json.md, pinned field by field: renaming, retyping or dropping a
 * field fails here before it breaks someone's script.
 */
class ReportJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode parse(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    private static JsonNode incident() throws Exception {
        return parse(ReportJson.write(ReportFixture.incidentReport()));
    }

    /** Follows a path such as {@code locks.blocking_trees[].waiters[].pid}, taking the first element of arrays. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            boolean array = part.endsWith("[]");
            String name = array ? part.substring(0, part.length() - 2) : part;
            assertThat(node.has(name)).as("%s: field '%s' missing", path, name).isTrue();
            node = node.get(name);
            if (array) {
                assertThat(node.isArray() && !node.isEmpty()).as("%s: '%s' is a non-empty array", path, name).isTrue();
                node = node.get(0);
            }
        }
        return node;
    }

    private static void field(JsonNode root, String path, JsonNodeType type) {
        assertThat(at(root, path).getNodeType()).as(path).isEqualTo(type);
    }

    private static void integer(JsonNode root, String path) {
        assertThat(at(root, path).isIntegralNumber()).as("%s is an integer", path).isTrue();
    }

    private static void number(JsonNode root, String path) {
        assertThat(at(root, path).isNumber()).as("%s is a number", path).isTrue();
    }

    @Test
    void topLevelHasExactlyTheDocumentedFieldsInOrder() throws Exception {
        List<String> names = new ArrayList<>();
        incident().fieldNames().forEachRemaining(names::add);

        assertThat(names).containsExactly("generated_at", "sampled_seconds", "samples", "server", "capabilities",
                "connections", "statements", "locks", "index_health", "findings");
    }

    @Test
    void everyDocumentedFieldIsPresentWithItsType() throws Exception {
        JsonNode json = incident();

        field(json, "generated_at", JsonNodeType.STRING);
        number(json, "sampled_seconds");
        integer(json, "samples");
        integer(json, "server.version_num");
        field(json, "server.version", JsonNodeType.STRING);

        field(json, "capabilities.findings[].topic", JsonNodeType.STRING);
        field(json, "capabilities.findings[].ok", JsonNodeType.BOOLEAN);
        field(json, "capabilities.findings[].explanation", JsonNodeType.STRING);
        assertThat(at(json, "capabilities.findings[]").has("fix")).isTrue();

        for (String f : List.of("used", "max_connections", "reserved", "superuser_reserved_connections",
                "reserved_connections", "usable", "available", "peak_used", "unlisted")) {
            integer(json, "connections." + f);
        }
        number(json, "connections.used_percent");
        field(json, "connections.headroom", JsonNodeType.STRING);
        for (String state : List.of("active", "idle", "idle in transaction", "idle in transaction (aborted)", "other")) {
            integer(json, "connections.by_state." + state);
        }
        field(json, "connections.by_application[].application", JsonNodeType.STRING);
        integer(json, "connections.by_application[].total");
        integer(json, "connections.by_application[].by_state.idle");
        assertThat(at(json, "connections.by_application[]").has("oldest_xact_seconds")).isTrue();
        field(json, "connections.limits[].kind", JsonNodeType.STRING);
        field(json, "connections.limits[].name", JsonNodeType.STRING);
        integer(json, "connections.limits[].limit");
        integer(json, "connections.limits[].in_use");
        integer(json, "connections.limits[].free");
        field(json, "connections.limits[].near_cap", JsonNodeType.BOOLEAN);

        field(json, "statements.available", JsonNodeType.BOOLEAN);
        number(json, "statements.window_seconds");
        number(json, "statements.total_exec_time_ms");
        integer(json, "statements.statements_seen");
        for (String list : List.of("statements.top_by_total_time[]", "statements.top_by_calls[]")) {
            field(json, list + ".queryid", JsonNodeType.STRING);
            field(json, list + ".query", JsonNodeType.STRING);
            integer(json, list + ".calls");
            number(json, list + ".total_exec_time_ms");
            number(json, list + ".mean_exec_time_ms");
            integer(json, list + ".rows");
            number(json, list + ".calls_per_second");
            number(json, list + ".share_percent");
            field(json, list + ".query_truncated", JsonNodeType.BOOLEAN);
            field(json, list + ".toplevel", JsonNodeType.BOOLEAN);
            field(json, list + ".database", JsonNodeType.STRING);
            field(json, list + ".role", JsonNodeType.STRING);
        }

        integer(json, "locks.waiting_sessions");
        for (String node : List.of("locks.blocking_trees[]", "locks.blocking_trees[].waiters[]")) {
            integer(json, node + ".pid");
            field(json, node + ".state", JsonNodeType.STRING);
            field(json, node + ".lock_type", JsonNodeType.STRING);
            field(json, node + ".lock_mode", JsonNodeType.STRING);
            field(json, node + ".lock_granted", JsonNodeType.BOOLEAN);
            field(json, node + ".relation", JsonNodeType.STRING);
            field(json, node + ".query", JsonNodeType.STRING);
            field(json, node + ".application", JsonNodeType.STRING);
            field(json, node + ".user", JsonNodeType.STRING);
            field(json, node + ".database", JsonNodeType.STRING);
            field(json, node + ".backend_type", JsonNodeType.STRING);
            number(json, node + ".state_seconds");
            field(json, node + ".blocked_by", JsonNodeType.ARRAY);
            field(json, node + ".in_cycle", JsonNodeType.BOOLEAN);
            integer(json, node + ".total_waiters");
            field(json, node + ".waiters", JsonNodeType.ARRAY);
        }
        field(json, "locks.blocking_trees[].wait_event_type", JsonNodeType.STRING);
        field(json, "locks.blocking_trees[].wait_event", JsonNodeType.STRING);
        field(json, "locks.blocking_trees[].waiting_seconds", JsonNodeType.NULL);
        number(json, "locks.blocking_trees[].xact_seconds");
        number(json, "locks.blocking_trees[].waiters[].waiting_seconds");
        integer(json, "locks.blocking_trees[].waiters[].blocked_by[]");

        field(json, "findings[].kind", JsonNodeType.STRING);
        field(json, "findings[].severity", JsonNodeType.STRING);
        field(json, "findings[].summary", JsonNodeType.STRING);
        field(json, "findings[].evidence", JsonNodeType.OBJECT);
        field(json, "findings[].advice.now", JsonNodeType.STRING);
        field(json, "findings[].advice.next_time", JsonNodeType.STRING);
    }

    @Test
    void queryidIsADecimalStringSoThatNoDigitIsLostAbove2To53() throws Exception {
        JsonNode json = incident();

        List<String> ids = new ArrayList<>();
        json.get("statements").get("top_by_total_time").forEach(s -> ids.add(s.get("queryid").asText()));

        assertThat(ids).containsExactly(Long.toString(ReportFixture.BIG_QUERYID),
                Long.toString(ReportFixture.NEGATIVE_QUERYID), Long.toString(ReportFixture.UNKNOWN_TEXT_QUERYID));
        assertThat(ids.get(0)).isEqualTo("8123456789012345677");
        assertThat((long) (double) ReportFixture.BIG_QUERYID).as("a double would have rounded it")
                .isNotEqualTo(ReportFixture.BIG_QUERYID);
    }

    @Test
    void statementFiguresAreRoundedWithUnitsInTheirNames() throws Exception {
        JsonNode top = incident().get("statements").get("top_by_total_time").get(0);

        assertThat(top.get("calls").asLong()).isEqualTo(120);
        assertThat(top.get("total_exec_time_ms").asDouble()).isEqualTo(9000.0);
        assertThat(top.get("mean_exec_time_ms").asDouble()).isEqualTo(75.0);
        assertThat(top.get("calls_per_second").asDouble()).isEqualTo(2.0);
        assertThat(top.get("share_percent").asDouble()).isEqualTo(90.0);
        assertThat(top.get("role").asText()).isEqualTo("app");
        assertThat(top.get("database").asText()).isEqualTo("shop");
    }

    @Test
    void unknownValuesAreWrittenAsNullNotLeftOut() throws Exception {
        JsonNode json = incident();

        JsonNode noText = json.get("statements").get("top_by_total_time").get(2);
        assertThat(noText.has("query")).isTrue();
        assertThat(noText.get("query").isNull()).isTrue();
        JsonNode root = json.get("locks").get("blocking_trees").get(0);
        assertThat(root.get("waiting_seconds").isNull()).as("a root does not wait").isTrue();
        JsonNode okCheck = json.get("capabilities").get("findings").get(0);
        assertThat(okCheck.get("ok").asBoolean()).isTrue();
        assertThat(okCheck.get("fix").isNull()).isTrue();
    }

    @Test
    void statementsSayWhyAndHowToFixWhenPgStatStatementsIsMissing() throws Exception {
        Report report = ReportBuilder.of(
                ReportFixture.capabilities(new StatementsAvailability.NotInstalled("shop", true)),
                ReportFixture.incidentRun(), null).build();

        JsonNode statements = parse(ReportJson.write(report)).get("statements");

        List<String> names = new ArrayList<>();
        statements.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("available", "reason", "fix");
        assertThat(statements.get("available").asBoolean()).isFalse();
        assertThat(statements.get("reason").asText()).contains("not installed in database \"shop\"");
        assertThat(statements.get("fix").asText()).isEqualTo(
                "CREATE EXTENSION pg_stat_statements;  -- as a superuser, in database shop");
    }

    @Test
    void blockingTreesNestWaitersWithTheirCounts() throws Exception {
        JsonNode trees = incident().get("locks").get("blocking_trees");

        JsonNode root = trees.get(0);
        assertThat(root.get("pid").asInt()).isEqualTo(100);
        assertThat(root.get("total_waiters").asInt()).isEqualTo(6);
        JsonNode ddl = root.get("waiters").get(0);
        assertThat(ddl.get("pid").asInt()).isEqualTo(200);
        assertThat(ddl.get("lock_mode").asText()).isEqualTo("AccessExclusiveLock");
        assertThat(ddl.get("lock_granted").asBoolean()).isFalse();
        assertThat(ddl.get("relation").asText()).isEqualTo("public.orders");
        assertThat(ddl.get("waiting_seconds").asDouble()).isEqualTo(42.0);
        assertThat(ddl.get("total_waiters").asInt()).isEqualTo(5);
        assertThat(ddl.get("waiters")).hasSize(5);
        assertThat(trees.get(1).get("pid").asInt()).isEqualTo(400);
    }

    @Test
    void outputIsPrettyPrintedWithStableLineEndsAndEndsWithANewline() {
        String json = ReportJson.write(ReportFixture.incidentReport());

        assertThat(json).startsWith("{\n  \"generated_at\": \"2025-03-01T12:00:00Z\",\n  \"sampled_seconds\": 60.0,")
                .doesNotContain("\r").endsWith("}\n");
        assertThat(ReportJson.write(ReportFixture.incidentReport())).as("deterministic").isEqualTo(json);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void indexHealthHasItsScopeAndItemsWithKindSizeDdlAndWarning() throws Exception {
        JsonNode health = incident().get("index_health");

        assertThat(names(health)).containsExactly("available", "database", "stats_reset", "stats_age_seconds", "standby",
                "indexes_checked", "foreign_keys_checked", "items");
        assertThat(health.get("available").asBoolean()).isTrue();
        assertThat(health.get("database").asText()).isEqualTo("shop");
        assertThat(health.get("stats_reset").asText()).isEqualTo("2025-01-30T12:00:00Z");
        assertThat(health.get("stats_age_seconds").isIntegralNumber()).isTrue();
        assertThat(health.get("stats_age_seconds").asLong()).isEqualTo(2_592_000);
        assertThat(health.get("standby").isBoolean()).isTrue();
        assertThat(health.get("indexes_checked").asInt()).isEqualTo(14);
        assertThat(health.get("foreign_keys_checked").asInt()).isEqualTo(3);
        JsonNode fk = health.get("items").get(2);
        assertThat(names(fk)).containsExactly("kind", "schema", "table", "index", "size_bytes", "detail", "ddl", "warning");
        assertThat(fk.get("kind").asText()).isEqualTo("foreign_key_without_index");
        assertThat(fk.get("index").asText()).isEqualTo("order_items_order_id_fkey");
        assertThat(fk.get("size_bytes").asLong()).isEqualTo(819_200_000L);
        assertThat(fk.get("ddl").asText()).isEqualTo(
                "CREATE INDEX CONCURRENTLY order_items_order_id_idx ON public.order_items (order_id);");
        assertThat(health.get("items").get(0).get("ddl").asText()).as("multi-statement DDL keeps its line break")
                .contains(";\nCREATE UNIQUE INDEX CONCURRENTLY");
    }

    @Test
    void indexHealthItemsAreTheObjectsPgpulseIndexesWrites() throws Exception {
        Report.IndexHealthAvailable health = ReportFixture.indexHealth();
        IndexInventory inventory = new IndexInventory(List.of(), List.of(),
                java.time.Instant.parse(health.statsReset()), io.pgpulse.core.analysis.Sessions.NOW, false);

        JsonNode fromIndexes = parse(IndexHealthOutput.json(inventory, health.items()));

        assertThat(incident().get("index_health").get("items")).isEqualTo(fromIndexes.get("items"));
        assertThat(incident().get("index_health").get("stats_age_seconds")).isEqualTo(fromIndexes.get("stats_age_seconds"));
    }

    @Test
    void indexHealthThatWasNotReadSaysSoInsteadOfBeingLeftOut() throws Exception {
        JsonNode health = parse(ReportJson.write(ReportFixture.busyReport())).get("index_health");

        assertThat(names(health)).containsExactly("available", "reason", "fix");
        assertThat(health.get("available").asBoolean()).isFalse();
        assertThat(health.get("reason").asText()).isEqualTo("Index health was not checked in this run.");
    }

    @Test
    void indexHealthItemsAreNeverFindingsAndNeverTripFailOn() throws Exception {
        Report calm = ReportBuilder.of(ReportFixture.ready(),
                List.of(ReportFixture.at(1, io.pgpulse.core.analysis.Sessions.NOW, List.of(), 5, List.of(), List.of())),
                ReportFixture.window()).indexHealth(ReportFixture.indexHealth()).build();

        assertThat(calm.findings()).isEmpty();
        assertThat(calm.hasFindingAtLeast(Severity.INFO)).isFalse();
        JsonNode json = parse(ReportJson.write(calm));
        assertThat(json.get("findings")).isEmpty();
        assertThat(json.get("index_health").get("items")).hasSize(3);
    }
}
