package io.pgpulse.core.statements.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The Queries table as CSV (RFC 4180): one row per statement, raw numbers in fixed units (the
 * unit is in the column name), an empty field where a figure is not available, and the full
 * single-line text last so that a spreadsheet keeps the figures readable.
 */
public final class QueryCsv {
    public static final List<String> COLUMNS = List.of("queryid", "database", "user", "toplevel", "calls",
            "calls_per_second", "total_time_ms", "share_percent", "mean_time_ms", "max_time_ms", "rows",
            "rows_per_call", "shared_hit_percent", "temp_blks_written", "plan_time_ms", "flags", "applications",
            "query");

    private QueryCsv() {
    }

    public static String of(List<QueryFigures> rows) {
        StringBuilder out = new StringBuilder(128 + rows.size() * 256);
        write(rows, out);
        return out.toString();
    }

    public static void write(List<QueryFigures> rows, Appendable out) {
        try {
            out.append(String.join(",", COLUMNS)).append("\r\n");
            for (QueryFigures f : rows) {
                List<String> fields = new ArrayList<>(COLUMNS.size());
                fields.add(Long.toString(f.queryId()));
                fields.add(nullToEmpty(f.database()));
                fields.add(nullToEmpty(f.user()));
                fields.add(Boolean.toString(f.key().topLevel()));
                fields.add(Long.toString(f.calls()));
                fields.add(number(f.callsPerSecond()));
                fields.add(number(f.totalTimeMs()));
                fields.add(number(f.sharePercent()));
                fields.add(number(f.meanTimeMs()));
                fields.add(number(f.maxTimeMs()));
                fields.add(Long.toString(f.rows()));
                fields.add(number(f.rowsPerCall()));
                fields.add(number(f.sharedHitPercent()));
                fields.add(Long.toString(f.tempBlksWritten()));
                fields.add(number(f.planTimeMs()));
                fields.add(String.join(" ", QueryMarker.of(f).stream().map(QueryMarker::id).toList()));
                fields.add(String.join(" ", f.applications().stream().sorted().toList()));
                fields.add(nullToEmpty(f.text()));
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(quote(fields.get(i)));
                }
                out.append("\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        // A leading = + - @ makes spreadsheets evaluate the cell; query texts never start that
        // way legitimately, so a quote character keeps such a field inert.
        if (!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0) {
            field = "'" + field;
            needs = true;
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String number(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble()) : "";
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
