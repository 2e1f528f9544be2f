package io.pgpulse.core.explain.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.indexes.IndexInventory;

/**
 * What {@code pgpulse indexes} prints, as JSON (docs/explain.md) or Markdown. The item writers
 * ({@link #item}, {@link #markdownItem}) and the statistics scope ({@link #statsAgeSeconds},
 * {@link #scope}) are shared with the {@code index_health} section of {@code pgpulse report}, so
 * an item reads the same in both.
 */
public final class IndexHealthOutput {
    private IndexHealthOutput() {}

    public static String json(IndexInventory inventory, List<IndexHealthItem> items) {
        ObjectNode root = JsonOutput.object();
        if (inventory.statsReset() == null) {
            root.putNull("stats_reset");
        } else {
            root.put("stats_reset", inventory.statsReset().toString());
        }
        JsonOutput.putLong(root, "stats_age_seconds", statsAgeSeconds(inventory.statsReset(), inventory.serverNow()));
        root.put("standby", inventory.standby());
        root.put("indexes_checked", inventory.indexes().size());
        root.put("foreign_keys_checked", inventory.foreignKeys().size());
        ArrayNode out = root.putArray("items");
        for (IndexHealthItem i : items) {
            out.add(item(i));
        }
        return JsonOutput.write(root);
    }

    /**
     * One item as JSON: {@code kind}, {@code schema}, {@code table}, {@code index},
     * {@code size_bytes}, {@code detail}, {@code ddl}, {@code warning}, in that order.
     */
    public static ObjectNode item(IndexHealthItem i) {
        ObjectNode o = JsonOutput.object();
        o.put("kind", i.kind().label());
        o.put("schema", i.schema());
        o.put("table", i.table());
        o.put("index", i.index());
        o.put("size_bytes", i.sizeBytes());
        o.put("detail", i.detail());
        o.put("ddl", i.ddl());
        o.put("warning", i.warning());
        return o;
    }

    /** Whole seconds from the statistics reset to the server's clock; null when never reset. */
    public static Long statsAgeSeconds(Instant statsReset, Instant serverNow) {
        return statsReset == null ? null : Duration.between(statsReset, serverNow).toSeconds();
    }

    public static String markdown(IndexInventory inventory, List<IndexHealthItem> items) {
        StringBuilder md = new StringBuilder("# Index health\n\n");
        md.append(scope(inventory.indexes().size(), inventory.foreignKeys().size(),
                statsAgeSeconds(inventory.statsReset(), inventory.serverNow()), inventory.standby())).append("\n\n");
        if (items.isEmpty()) {
            md.append(NOTHING_FOUND).append('\n');
        }
        for (IndexHealthItem i : items) {
            markdownItem(md, "##", i);
        }
        return md.toString();
    }

    /** What was checked and what "unused" is measured against, as one sentence. */
    public static String scope(int indexesChecked, int foreignKeysChecked, Long statsAgeSeconds, boolean standby) {
        return indexesChecked + " indexes and " + foreignKeysChecked + " foreign keys checked; statistics "
                + (statsAgeSeconds == null ? "never reset" : "reset " + Humanize.duration(Duration.ofSeconds(statsAgeSeconds)) + " ago")
                + (standby ? "; this server is a standby" : "") + ".";
    }

    public static final String NOTHING_FOUND =
            "No unused, duplicate, prefix-covered or invalid indexes, and every foreign key has an index.";

    /**
     * One item as Markdown: a heading at {@code heading} level ("##", "###") with kind, name and
     * size, the detail, the DDL in an SQL block, and the warning.
     */
    public static void markdownItem(StringBuilder md, String heading, IndexHealthItem i) {
        md.append(heading).append(' ').append(i.kind().label()).append(": ").append(i.schema()).append('.').append(i.index())
                .append(" (").append(humanBytes(i.sizeBytes())).append(")\n\n")
                .append(ExplainReportMarkdown.esc(i.detail())).append("\n\n```sql\n").append(i.ddl()).append("\n```\n\n")
                .append("Warning: ").append(i.warning()).append("\n\n");
    }

    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
