package io.pgpulse.core.indexes;

import java.util.Locale;

/**
 * One index health finding with the DDL that fixes it.
 *
 * @param index     the index concerned; for {@link Kind#FOREIGN_KEY_WITHOUT_INDEX} the constraint name
 * @param sizeBytes the index's size; for a missing foreign-key index the referencing table's size
 * @param ddl       statements to run, one per line, identifiers quoted as quote_ident does
 * @param warning   what to check before running the DDL
 */
public record IndexHealthItem(Kind kind, String schema, String table, String index, long sizeBytes, String detail,
        String ddl, String warning) {

    public enum Kind {
        UNUSED, DUPLICATE, PREFIX_COVERED, INVALID, FOREIGN_KEY_WITHOUT_INDEX;

        /** The JSON {@code kind}: lower-case name. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
