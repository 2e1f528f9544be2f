package io.pgpulse.core.indexes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the index advisor knows about one table: its columns with the planner's statistics (when
 * this role may see them) and its existing indexes.
 *
 * @param visible   the search path finds the table under its bare name
 * @param reltuples the planner's row count (-1 or 0 when never analysed)
 * @param columns   by column name
 */
public record TableCatalog(String schema, String table, boolean visible, double reltuples,
        Map<String, ColumnStats> columns, List<ExistingIndex> indexes) {

    public TableCatalog {
        columns = Map.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /**
     * @param nDistinct pg_stats.n_distinct: a count when positive, minus a share of the rows when negative;
     *                  null when pg_stats has no row visible to this role
     */
    public record ColumnStats(String name, int attnum, Double nDistinct, Double nullFraction) {
        /** Estimated distinct values; empty when unknown. */
        public Optional<Double> distinctValues(double tableRows) {
            if (nDistinct == null) {
                return Optional.empty();
            }
            return Optional.of(nDistinct >= 0 ? nDistinct : -nDistinct * Math.max(tableRows, 1));
        }
    }

    /**
     * @param keyColumns key columns in order; null entries are expressions
     * @param opclasses  operator class per key column
     */
    public record ExistingIndex(String name, boolean valid, boolean unique, boolean primary, String accessMethod,
            boolean partial, List<String> keyColumns, List<String> opclasses) {
        public ExistingIndex {
            keyColumns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keyColumns));
            opclasses = List.copyOf(opclasses);
        }
    }

    /** True when pg_stats had something for at least one column (the role may SELECT the table). */
    public boolean statisticsVisible() {
        return columns.values().stream().anyMatch(c -> c.nDistinct() != null);
    }

    public double rows() {
        return Math.max(0, reltuples);
    }
}
