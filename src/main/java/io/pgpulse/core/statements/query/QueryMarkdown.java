package io.pgpulse.core.statements.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.statements.StatementKey;

/**
 * One statement and its figures as Markdown, for an incident channel: a heading with the share of
 * database time, a table of figures, the markers with their evidence and fix, and the SQL.
 * Times are UTC, since the people reading it may be anywhere.
 */
public final class QueryMarkdown {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private QueryMarkdown() {
    }

    /**
     * @param sql       the text to quote (the full text when fetched, else the row's text)
     * @param server    the server's display name (host and database, never a secret)
     * @param thresholds what "slow" meant when this was copied
     */
    public static String of(QueryFigures f, QueryTable table, String sql, String server, QueryThresholds thresholds) {
        StringBuilder md = new StringBuilder();
        md.append("### Query ").append(f.queryId());
        f.sharePercent().ifPresent(p -> md.append(" — ").append(Humanize.percent(p)).append(" of database time"));
        md.append("\n\n");
        md.append(windowSentence(table, server)).append("\n\n");
        md.append("| Figure | Value |\n|---|---|\n");
        row(md, "Database / user", orUnknown(f.database()) + " / " + orUnknown(f.user())
                + (f.key().topLevel() ? "" : " (nested)"));
        row(md, "Calls", QueryUnits.count(f.calls()) + " (" + QueryUnits.rate(f.callsPerSecond()) + ")");
        row(md, "Total time", QueryUnits.totalTime(f.totalTimeMs()) + " (" + QueryUnits.percent(f.sharePercent())
                + " of all)");
        row(md, "Mean / max", QueryUnits.millis(f.meanTimeMs()) + " / " + (f.maxTimeMs().isPresent()
                ? QueryUnits.millis(f.maxTimeMs()) : "n/a in this window (lifetime max only)"));
        row(md, "Rows per call", QueryUnits.rowsPerCall(f.rowsPerCall()));
        row(md, "Shared-buffer hits", QueryUnits.percent(f.sharedHitPercent()));
        row(md, "Temp blocks written", QueryUnits.blocks(f.tempBlksWritten()));
        row(md, "Planning time", QueryUnits.totalTime(f.planTimeMs()));
        if (!f.applications().isEmpty()) {
            row(md, "Applications", String.join(", ", f.applications().stream().sorted().toList()));
        }
        List<QueryMarker> markers = QueryMarker.of(f);
        if (!markers.isEmpty()) {
            md.append('\n');
            for (QueryMarker m : markers) {
                md.append("- **").append(m.label()).append("** — ").append(markerText(m, f, table, thresholds)).append('\n');
            }
        }
        md.append("\n```sql\n").append(SqlFormatter.format(sql == null ? "-- text not available yet" : sql))
                .append("\n```\n");
        return md.toString();
    }

    private static String markerText(QueryMarker m, QueryFigures f, QueryTable table, QueryThresholds thresholds) {
        return switch (m) {
            case N_PLUS_ONE, HOT_LOOKUP -> {
                RepeatedQuery r = f.repeated().orElseThrow();
                yield QueryExplanations.evidence(r, table::textOf) + " Fix: " + QueryExplanations.fix(r);
            }
            case LOOP_PARENT -> "its rows drive one lookup each: " + String.join("; ",
                    f.drives().stream().map(k -> "\"" + textOf(table, k) + "\"").toList())
                    + ". Fix: " + QueryExplanations.N_PLUS_ONE_FIX;
            case REGRESSED -> QueryExplanations.regression(f.regression().orElseThrow());
            case SLOW -> QueryExplanations.slow(f, thresholds);
        };
    }

    private static String windowSentence(QueryTable table, String server) {
        String where = server == null || server.isBlank() ? "" : " on " + server;
        if (table.window() == QueryWindow.SINCE_RESET) {
            return "Since the statistics were reset (" + table.statsReset().map(UTC::format).orElse("reset time unknown")
                    + ") until " + UTC.format(table.end()) + where + ".";
        }
        return "Window: " + table.window().label() + " ending " + UTC.format(table.end()) + " ("
                + Humanize.seconds(table.secondsCovered()) + " measured)" + where + ".";
    }

    private static String textOf(QueryTable table, StatementKey key) {
        return table.textOf(key.queryId());
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }

    /** For callers that show a time the same way. */
    public static String utc(Instant at) {
        return UTC.format(at);
    }
}
