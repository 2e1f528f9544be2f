package io.pgpulse.core.indexes;

import java.time.Instant;
import java.util.List;

/**
 * Everything index health judges, read once from the catalog.
 *
 * @param statsReset when this database's statistics were last reset; null when never
 * @param standby    the server is a standby (pg_is_in_recovery)
 */
public record IndexInventory(List<Index> indexes, List<ForeignKey> foreignKeys, Instant statsReset, Instant serverNow,
        boolean standby) {

    public IndexInventory {
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * One index.
     *
     * @param attnums     all columns (key then INCLUDE); 0 is an expression
     * @param columnNames names per attnum, null for an expression
     * @param opclasses   pg_index.indclass as text, e.g. "3124 1978"
     * @param idxScan     scans since the statistics reset; null when unknown
     */
    public record Index(String schema, String table, String name, boolean valid, boolean unique, boolean primary,
            boolean exclusion, boolean backsConstraint, String accessMethod, int keyCount, List<Integer> attnums,
            List<String> columnNames, String opclasses, String collations, String options, String expressions,
            String predicate, Long idxScan, long sizeBytes, String definition, boolean buildInProgress) {
        public Index {
            attnums = List.copyOf(attnums);
            columnNames = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columnNames));
        }

        public List<Integer> keyAttnums() {
            return attnums.subList(0, keyCount);
        }

        public List<String> keyColumnNames() {
            return columnNames.subList(0, keyCount);
        }

        boolean hasExpressions() {
            return expressions != null || keyAttnums().contains(0);
        }

        boolean enforcesSomething() {
            return unique || primary || exclusion || backsConstraint;
        }
    }

    /** A foreign key: referencing table and columns in order. */
    public record ForeignKey(String schema, String table, String constraint, String referencedSchema,
            String referencedTable, List<Integer> attnums, List<String> columnNames, long tableSizeBytes, double tableRows) {
        public ForeignKey {
            attnums = List.copyOf(attnums);
            columnNames = List.copyOf(columnNames);
        }
    }
}
