package io.pgpulse.core.explain.report;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.indexes.IndexInventory;

/** What {@code pgpulse indexes} prints, as JSON (docs/explain.md) or Markdown. */
public final class IndexHealthOutput {
    private IndexHealthOutput() {}

    public static String json(IndexInventory inventory, List<IndexHealthItem> items) {
        ObjectNode root = JsonOutput.object();
        if (inventory.statsReset() == null) {
            root.putNull("stats_reset");
            root.putNull("stats_age_seconds");
        } else {
            root.put("stats_reset", inventory.statsReset().toString());
            root.put("stats_age_seconds", Duration.between(inventory.statsReset(), inventory.serverNow()).toSeconds());
        }
        root.put("standby", inventory.standby());
        root.put("indexes_checked", inventory.indexes().size());
        root.put("foreign_keys_checked", inventory.foreignKeys().size());
        ArrayNode out = root.putArray("items");
        for (IndexHealthItem i : items) {
            ObjectNode o = out.addObject();
            o.put("kind", i.kind().label());
            o.put("schema", i.schema());
            o.put("table", i.table());
            o.put("index", i.index());
            o.put("size_bytes", i.sizeBytes());
            o.put("detail", i.detail());
            o.put("ddl", i.ddl());
            o.put("warning", i.warning());
        }
        return JsonOutput.write(root);
    }

    public static String markdown(IndexInventory inventory, List<IndexHealthItem> items) {
        StringBuilder md = new StringBuilder("# Index health\n\n");
        md.append(inventory.indexes().size()).append(" indexes and ").append(inventory.foreignKeys().size())
                .append(" foreign keys checked; statistics ")
                .append(inventory.statsReset() == null ? "never reset"
                        : "reset " + Humanize.duration(Duration.between(inventory.statsReset(), inventory.serverNow())) + " ago")
                .append(inventory.standby() ? "; this server is a standby" : "").append(".\n\n");
        if (items.isEmpty()) {
            md.append("No unused, duplicate, prefix-covered or invalid indexes, and every foreign key has an index.\n");
        }
        for (IndexHealthItem i : items) {
            md.append("## ").append(i.kind().label()).append(": ").append(i.schema()).append('.').append(i.index())
                    .append(" (").append(humanBytes(i.sizeBytes())).append(")\n\n")
                    .append(ExplainReportMarkdown.esc(i.detail())).append("\n\n```sql\n").append(i.ddl()).append("\n```\n\n")
                    .append("Warning: ").append(i.warning()).append("\n\n");
        }
        return md.toString();
    }

    static String humanBytes(long bytes) {
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
