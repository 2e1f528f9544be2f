package io.pgpulse.core.report;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.pgpulse.core.explain.report.IndexHealthOutput;
import io.pgpulse.core.indexes.IndexHealthItem;

/**
 * Writes a {@link Report} as the JSON documented in docs/report-json.md: snake_case names, fields
 * in the order of the record components, nulls written out, two-space indentation and "\n" line
 * ends on every platform, so that two reports diff cleanly. Index health items are written by
 * {@link IndexHealthOutput#item}, exactly as {@code pgpulse indexes --format json} writes them.
 */
public final class ReportJson {

    private static final ObjectWriter WRITER = writer();

    private ReportJson() {
    }

    public static String write(Report report) {
        try {
            return WRITER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            // Every value in the model is a string, number, boolean, list or map of those.
            throw new IllegalStateException("report could not be serialised", e);
        }
    }

    private static ObjectWriter writer() {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addModule(new SimpleModule("pgpulse-report").addSerializer(new IndexHealthItemSerializer()))
                .build();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return mapper.writer(printer);
    }

    /** Delegates to the one item writer {@code pgpulse indexes} uses. */
    private static final class IndexHealthItemSerializer extends StdSerializer<IndexHealthItem> {
        IndexHealthItemSerializer() {
            super(IndexHealthItem.class);
        }

        @Override
        public void serialize(IndexHealthItem item, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(IndexHealthOutput.item(item));
        }
    }
}
