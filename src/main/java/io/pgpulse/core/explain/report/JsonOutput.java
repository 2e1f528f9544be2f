package io.pgpulse.core.explain.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON conventions of docs/report-json.md: two-space indentation, "\n" line ends, nulls written out. */
public final class JsonOutput {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = writer();

    private JsonOutput() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON could not be written", e);
        }
    }

    static void putNumber(ObjectNode o, String field, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            o.putNull(field);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            o.put(field, value.longValue());
        } else {
            o.put(field, Math.round(value * 1000) / 1000.0);
        }
    }

    static void putLong(ObjectNode o, String field, Long value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static ObjectWriter writer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return MAPPER.writer(printer);
    }
}
