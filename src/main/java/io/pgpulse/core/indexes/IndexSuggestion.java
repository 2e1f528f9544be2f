package io.pgpulse.core.indexes;

import java.util.List;

/**
 * A suggested index, with the DDL to create it and why.
 *
 * @param columns        key columns in order, unquoted; a column searched with LIKE 'prefix%' carries
 *                       {@code text_pattern_ops} in {@link #ddl()}
 * @param ddl            {@code CREATE INDEX CONCURRENTLY … ;} with every identifier quoted as quote_ident does
 * @param hypotheticalDdl the same index as hypopg_create_index takes it (no name, no CONCURRENTLY)
 * @param verified       the planner was asked, with a hypothetical index (hypopg)
 * @param costBefore     total cost of the statement without the index; null when not verified
 * @param costAfter      total cost with the hypothetical index; null when not verified
 * @param usedByPlanner  the re-planned statement scans the hypothetical index; null when not verified
 * @param verification   what the verification found, or why there was none and how to enable it
 */
public record IndexSuggestion(String schema, String table, List<String> columns, String ddl, String hypotheticalDdl,
        String reason, boolean verified, Double costBefore, Double costAfter, Boolean usedByPlanner,
        String verification) {

    public IndexSuggestion {
        columns = List.copyOf(columns);
    }

    public IndexSuggestion withVerification(boolean isVerified, Double before, Double after, Boolean used, String note) {
        return new IndexSuggestion(schema, table, columns, ddl, hypotheticalDdl, reason, isVerified, before, after, used, note);
    }

    /** "schema.table" as a person reads it (not quoted). */
    public String qualifiedTable() {
        return schema + "." + table;
    }
}
