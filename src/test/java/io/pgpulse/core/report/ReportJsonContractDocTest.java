package io.pgpulse.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pgpulse.core.capability.StatementsAvailability;

/**
 * docs/report-json.md is the contract: every field it documents must appear in real output with
 * the documented type and nullability, and every field of the output must be documented. Same for
 * the evidence keys of each finding kind, and for the example in the document.
 */
class ReportJsonContractDocTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("docs/report-json.md");
    private static final Pattern HEADING_KIND = Pattern.compile("^### `([a-z_]+)`\\s*$");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Documented path → type, e.g. {@code connections.used} → {@code integer}. */
    private static Map<String, String> fields;
    /** Finding kind → evidence key → type, in documented order. */
    private static Map<String, Map<String, String>> evidence;
    private static List<String> jsonExamples;
    private static List<JsonNode> outputs;

    @BeforeAll
    static void readDocAndReports() throws IOException {
        fields = new LinkedHashMap<>();
        evidence = new LinkedHashMap<>();
        jsonExamples = new ArrayList<>();
        String table = null;
        String kind = null;
        StringBuilder example = null;
        for (String line : Files.readAllLines(DOC)) {
            if (example != null) {
                if (line.equals("```")) {
                    jsonExamples.add(example.toString());
                    example = null;
                } else {
                    example.append(line).append('\n');
                }
                continue;
            }
            if (line.equals("```json")) {
                example = new StringBuilder();
                continue;
            }
            Matcher heading = HEADING_KIND.matcher(line);
            if (heading.matches()) {
                kind = heading.group(1);
            }
            if (!line.startsWith("|")) {
                table = null;
                continue;
            }
            List<String> cells = cells(line);
            if (table == null) {
                table = cells.get(0);
                continue;
            }
            if (cells.get(0).startsWith("---")) {
                continue;
            }
            String name = cells.get(0).replace("`", "");
            if (table.equals("Field")) {
                fields.put(name, cells.get(1));
            } else if (table.equals("Evidence key")) {
                evidence.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, cells.get(1));
            }
        }
        Report unavailable = ReportBuilder.of(
                ReportFixture.capabilities(new StatementsAvailability.NotPreloaded("")),
                ReportFixture.incidentRun(), null)
                .indexHealth(IndexHealthSection.unavailable(new java.sql.SQLException(
                        "ERROR: permission denied for view pg_stat_progress_create_index", "42501"), "pgpulse", "shop",
                        java.time.Duration.ofMillis(1500)))
                .build();
        outputs = new ArrayList<>();
        for (Report r : List.of(ReportFixture.incidentReport(), ReportFixture.busyReport(), ReportFixture.loopReport(), unavailable)) {
            outputs.add(MAPPER.readTree(ReportJson.write(r)));
        }
    }

    /** Splits a table row on pipes that are not escaped. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /**
     * Paths as documented: the nodes nested in {@code waiters}, the items of {@code top_by_calls}
     * and the per-application state counts are documented once, under the names they share.
     */
    private static String normalise(String path) {
        return path.replaceAll("(\\.waiters\\[\\])+(?=\\.)", "")
                .replace("statements.top_by_calls[].", "statements.top_by_total_time[].")
                .replace("connections.by_application[].by_state.", "connections.by_state.");
    }

    private static void collect(JsonNode node, String path, Map<String, List<JsonNode>> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            out.computeIfAbsent(normalise(child), k -> new ArrayList<>()).add(e.getValue());
            if (child.endsWith("findings[].evidence")) {
                continue;
            }
            if (e.getValue().isObject()) {
                collect(e.getValue(), child, out);
            } else if (e.getValue().isArray()) {
                for (JsonNode element : e.getValue()) {
                    if (element.isObject()) {
                        collect(element, child + "[]", out);
                    }
                }
            }
        }
    }

    private static Map<String, List<JsonNode>> observed() {
        Map<String, List<JsonNode>> all = new LinkedHashMap<>();
        for (JsonNode output : outputs) {
            collect(output, "", all);
        }
        return all;
    }

    static boolean accepts(String type, JsonNode value) {
        boolean nullable = type.endsWith(" or null");
        String base = nullable ? type.substring(0, type.length() - " or null".length()) : type;
        if (value.isNull()) {
            return nullable;
        }
        if (base.startsWith("array of ")) {
            if (!value.isArray()) {
                return false;
            }
            for (JsonNode element : value) {
                if (!accepts(base.substring("array of ".length()), element)) {
                    return false;
                }
            }
            return true;
        }
        return switch (base) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            default -> throw new AssertionError("undocumented type '" + type + "'");
        };
    }

    @Test
    void everyFieldInTheOutputIsDocumented() {
        assertThat(fields).as("field tables parsed").hasSizeGreaterThan(80);

        assertThat(new TreeSet<>(observed().keySet())).isSubsetOf(fields.keySet());
    }

    @Test
    void everyDocumentedFieldAppearsInTheOutput() {
        assertThat(new TreeSet<>(fields.keySet())).isSubsetOf(observed().keySet());
    }

    @Test
    void everyValueHasItsDocumentedTypeAndNullability() {
        observed().forEach((path, values) -> {
            assertThat(fields).as("documented fields").containsKey(path);
            values.forEach(value -> assertThat(accepts(fields.get(path), value))
                    .as("%s = %s, documented as %s", path, value, fields.get(path)).isTrue());
        });
    }

    @Test
    void evidenceOfEveryKindHasExactlyTheDocumentedKeysInOrder() {
        List<String> seenKinds = new ArrayList<>();
        for (JsonNode output : outputs) {
            for (JsonNode finding : output.get("findings")) {
                String kind = finding.get("kind").asText();
                seenKinds.add(kind);
                Map<String, String> documented = evidence.get(kind);
                assertThat(documented).as("kind %s is documented", kind).isNotNull();
                List<String> keys = new ArrayList<>();
                finding.get("evidence").fieldNames().forEachRemaining(keys::add);
                assertThat(keys).as(kind).containsExactlyElementsOf(documented.keySet());
                for (String key : keys) {
                    JsonNode value = finding.get("evidence").get(key);
                    assertThat(accepts(documented.get(key), value))
                            .as("%s.%s = %s, documented as %s", kind, key, value, documented.get(key)).isTrue();
                }
            }
        }
        assertThat(seenKinds).as("every documented kind is exercised").containsAll(evidence.keySet());
    }

    @Test
    void theDocumentsExamplesUseOnlyDocumentedFieldsWithTheirTypes() throws IOException {
        assertThat(jsonExamples).hasSize(2);
        Map<String, List<JsonNode>> example = new LinkedHashMap<>();
        collect(MAPPER.readTree(jsonExamples.get(0)), "", example);
        JsonNode statementsUnavailable = MAPPER.readTree(jsonExamples.get(1));
        collect(statementsUnavailable, "statements", example);

        assertThat(example.keySet()).isSubsetOf(fields.keySet());
        example.forEach((path, values) -> values.forEach(value ->
                assertThat(accepts(fields.get(path), value)).as("example %s = %s", path, value).isTrue()));
        assertThat(statementsUnavailable.get("available").asBoolean()).isFalse();
    }
}
