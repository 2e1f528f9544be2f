package io.pgpulse.app.indexes;

import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;

/**
 * One line of the index health table, ready to show: the finding as core reported it plus the
 * short phrase that says what it means and the size in human units.
 *
 * @param name    the index; for {@link Kind#FOREIGN_KEY_WITHOUT_INDEX} the constraint
 * @param size    "16 kB"; for a foreign key without an index, the table's size ("table 1.2 MB")
 * @param meaning a few words for the table cell; the full sentence is {@link #detail()}
 */
public record IndexRow(Kind kind, String schema, String table, String name, long sizeBytes, String size,
        String meaning, String detail, String ddl, String warning) {

    static IndexRow of(IndexHealthItem item, String meaning) {
        String size = IndexKinds.bytes(item.sizeBytes());
        return new IndexRow(item.kind(), item.schema(), item.table(), item.index(), item.sizeBytes(),
                item.kind() == Kind.FOREIGN_KEY_WITHOUT_INDEX ? "table " + size : size, meaning, item.detail(),
                item.ddl(), item.warning());
    }

    IndexHealthItem item() {
        return new IndexHealthItem(kind, schema, table, name, sizeBytes, detail, ddl, warning);
    }

    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** Identifies the finding across refreshes, so the selection survives one. */
    String key() {
        return kind + "\u0000" + schema + "\u0000" + table + "\u0000" + name;
    }
}
