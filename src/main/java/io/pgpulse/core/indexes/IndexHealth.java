package io.pgpulse.core.indexes;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.explain.ConnectionSource;
import io.pgpulse.core.explain.VersionedSql;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;
import io.pgpulse.core.indexes.IndexInventory.ForeignKey;
import io.pgpulse.core.indexes.IndexInventory.Index;

/**
 * Index health: unused indexes (never a primary key, unique or constraint-backing index),
 * duplicates, indexes whose columns are a prefix of another's, invalid indexes, and foreign keys
 * without a supporting index, each with its size and the DDL to fix it. Reading is three catalog
 * queries; judging is a pure function of the {@link IndexInventory}.
 */
@io.pgpulse.core.CoreService
public final class IndexHealth {
    /** Less statistics history than this and "unused" may just mean "not yet used this month". */
    static final Duration SHORT_HISTORY = Duration.ofDays(7);

    private static final VersionedSql INVENTORY = VersionedSql.load("/io/pgpulse/core/indexes", "index_inventory", 140000);
    private static final VersionedSql FOREIGN_KEYS = VersionedSql.load("/io/pgpulse/core/indexes", "foreign_keys", 140000);
    private static final VersionedSql STATS_RESET = VersionedSql.load("/io/pgpulse/core/indexes", "stats_reset", 140000);

    private final ConnectionSource source;

    public IndexHealth(ConnectionSource source) {
        this.source = source;
    }

    public static List<VersionedSql> queries() {
        return List.of(INVENTORY, FOREIGN_KEYS, STATS_RESET);
    }

    public List<IndexHealthItem> check() throws SQLException {
        return analyse(read());
    }

    public IndexInventory read() throws SQLException {
        try (Connection c = source.borrow()) {
            int version = c.getMetaData().getDatabaseMajorVersion() * 10000;
            List<Index> indexes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(INVENTORY.sql(version)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long scans = rs.getLong("idx_scan");
                    Long idxScan = rs.wasNull() ? null : scans;
                    indexes.add(new Index(rs.getString("schema_name"), rs.getString("table_name"), rs.getString("index_name"),
                            rs.getBoolean("valid"), rs.getBoolean("is_unique"), rs.getBoolean("is_primary"),
                            rs.getBoolean("is_exclusion"), rs.getBoolean("backs_constraint"), rs.getString("access_method"),
                            rs.getInt("key_count"), ints(rs.getArray("attnums")), strings(rs.getArray("column_names")),
                            rs.getString("opclasses"), rs.getString("collations"), rs.getString("options"),
                            rs.getString("expressions"), rs.getString("predicate"), idxScan, rs.getLong("size_bytes"),
                            rs.getString("definition"), rs.getBoolean("build_in_progress")));
                }
            }
            List<ForeignKey> fks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FOREIGN_KEYS.sql(version)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fks.add(new ForeignKey(rs.getString("schema_name"), rs.getString("table_name"),
                            rs.getString("constraint_name"), rs.getString("referenced_schema"),
                            rs.getString("referenced_table"), ints(rs.getArray("attnums")),
                            strings(rs.getArray("column_names")), rs.getLong("table_size_bytes"), rs.getDouble("table_rows")));
                }
            }
            Instant reset = null;
            Instant now = Instant.now();
            boolean standby = false;
            try (PreparedStatement ps = c.prepareStatement(STATS_RESET.sql(version)); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Timestamp r = rs.getTimestamp("stats_reset");
                    reset = r == null ? null : r.toInstant();
                    now = rs.getTimestamp("server_now").toInstant();
                    standby = rs.getBoolean("in_recovery");
                }
            }
            return new IndexInventory(indexes, fks, reset, now, standby);
        }
    }

    private static List<Integer> ints(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Integer[]) a.getArray()).toList();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    public static List<IndexHealthItem> analyse(IndexInventory inv) {
        List<IndexHealthItem> out = new ArrayList<>();
        Set<String> redundant = new HashSet<>();
        for (Index idx : inv.indexes()) {
            if (!idx.valid()) {
                out.add(invalid(idx));
                redundant.add(key(idx));
            }
        }
        List<Index> valid = inv.indexes().stream().filter(Index::valid).toList();
        for (int i = 0; i < valid.size(); i++) {
            for (int j = 0; j < valid.size(); j++) {
                if (i == j) {
                    continue;
                }
                Index a = valid.get(i);
                Index b = valid.get(j);
                if (!a.schema().equals(b.schema()) || !a.table().equals(b.table()) || redundant.contains(key(a))
                        || redundant.contains(key(b))) {
                    continue;
                }
                if (sameDefinition(a, b) && i < j) {
                    Index drop = dropCandidate(a, b);
                    if (drop != null) {
                        Index keep = drop == a ? b : a;
                        out.add(duplicate(drop, keep));
                        redundant.add(key(drop));
                    }
                } else if (isPrefixOf(a, b)) {
                    out.add(prefixCovered(a, b));
                    redundant.add(key(a));
                }
            }
        }
        for (Index idx : valid) {
            if (idx.idxScan() != null && idx.idxScan() == 0 && !idx.enforcesSomething() && !redundant.contains(key(idx))) {
                out.add(unused(idx, inv));
            }
        }
        for (ForeignKey fk : inv.foreignKeys()) {
            if (!supported(fk, inv.indexes())) {
                out.add(missingFkIndex(fk, inv.indexes()));
            }
        }
        return List.copyOf(out);
    }

    private static String key(Index i) {
        return i.schema() + "\u0000" + i.name();
    }

    private static String qualified(String schema, String name) {
        return Identifiers.quoteIdent(schema) + "." + Identifiers.quoteIdent(name);
    }

    static boolean sameDefinition(Index a, Index b) {
        return a.accessMethod().equals(b.accessMethod()) && a.keyCount() == b.keyCount() && a.attnums().equals(b.attnums())
                && a.opclasses().equals(b.opclasses()) && a.collations().equals(b.collations())
                && a.options().equals(b.options()) && java.util.Objects.equals(a.expressions(), b.expressions())
                && java.util.Objects.equals(a.predicate(), b.predicate());
    }

    /** The one of two identical indexes to drop: never one a constraint needs; else the later name. */
    private static Index dropCandidate(Index a, Index b) {
        if (a.enforcesSomething() && b.enforcesSomething()) {
            return null;
        }
        if (a.enforcesSomething()) {
            return b;
        }
        if (b.enforcesSomething()) {
            return a;
        }
        return a.name().compareTo(b.name()) > 0 ? a : b;
    }

    /**
     * {@code a}'s key columns are a strict prefix of {@code b}'s, both btree, same operator classes,
     * collations and options on the shared columns, no expressions, same predicate; {@code a}
     * enforces nothing and has no INCLUDE columns of its own.
     */
    static boolean isPrefixOf(Index a, Index b) {
        if (!"btree".equals(a.accessMethod()) || !"btree".equals(b.accessMethod()) || a.enforcesSomething()
                || a.hasExpressions() || b.hasExpressions() || a.attnums().size() != a.keyCount()
                || !java.util.Objects.equals(a.predicate(), b.predicate())) {
            return false;
        }
        List<Integer> ak = a.keyAttnums();
        List<Integer> bk = b.keyAttnums();
        if (ak.size() >= bk.size() || !bk.subList(0, ak.size()).equals(ak)) {
            return false;
        }
        return prefixOf(a.opclasses(), b.opclasses(), ak.size()) && prefixOf(a.collations(), b.collations(), ak.size())
                && prefixOf(a.options(), b.options(), ak.size());
    }

    private static boolean prefixOf(String vectorA, String vectorB, int n) {
        String[] x = vectorA.isBlank() ? new String[0] : vectorA.strip().split("\\s+");
        String[] y = vectorB.isBlank() ? new String[0] : vectorB.strip().split("\\s+");
        if (x.length < n || y.length < n) {
            return x.length == y.length;
        }
        return Arrays.equals(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    private static IndexHealthItem invalid(Index idx) {
        String recreate = idx.definition().replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ") + ";";
        String warning = idx.buildInProgress()
                ? "A CREATE INDEX is building this index right now (pg_stat_progress_create_index): do not drop it; wait "
                  + "for the build to finish or fail."
                : "An invalid index is left behind by a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY. It is "
                  + "still maintained on every write but never used for reads."
                  + (idx.unique() ? " A unique build usually fails on duplicate values: remove them before recreating." : "");
        return new IndexHealthItem(Kind.INVALID, idx.schema(), idx.table(), idx.name(), idx.sizeBytes(),
                "Index " + idx.name() + " on " + idx.schema() + "." + idx.table() + " is invalid (indisvalid = false).",
                "DROP INDEX CONCURRENTLY " + qualified(idx.schema(), idx.name()) + ";\n" + recreate, warning);
    }

    private static IndexHealthItem duplicate(Index drop, Index keep) {
        return new IndexHealthItem(Kind.DUPLICATE, drop.schema(), drop.table(), drop.name(), drop.sizeBytes(),
                "Index " + drop.name() + " has the same definition as " + keep.name() + " on " + drop.schema() + "."
                        + drop.table() + ": every write maintains both, reads use one.",
                "DROP INDEX CONCURRENTLY " + qualified(drop.schema(), drop.name()) + ";",
                "Check that no query hint, tool or migration refers to " + drop.name() + " by name.");
    }

    private static IndexHealthItem prefixCovered(Index a, Index b) {
        return new IndexHealthItem(Kind.PREFIX_COVERED, a.schema(), a.table(), a.name(), a.sizeBytes(),
                "Index " + a.name() + " (" + String.join(", ", a.keyColumnNames()) + ") is a prefix of " + b.name() + " ("
                        + String.join(", ", b.keyColumnNames()) + "): " + b.name() + " serves the same searches.",
                "DROP INDEX CONCURRENTLY " + qualified(a.schema(), a.name()) + ";",
                b.name() + " is wider, so searches that used " + a.name() + " read a somewhat larger index; keep "
                        + a.name() + " if it is much smaller and very hot.");
    }

    private static IndexHealthItem unused(Index idx, IndexInventory inv) {
        String since;
        String shortHistory = "";
        if (inv.statsReset() == null) {
            since = "since statistics collection began (never reset)";
        } else {
            Duration age = Duration.between(inv.statsReset(), inv.serverNow());
            since = "since the statistics reset " + Humanize.duration(age) + " ago";
            if (age.compareTo(SHORT_HISTORY) < 0) {
                shortHistory = " Only " + Humanize.duration(age) + " of statistics: a weekly or monthly job may still need it.";
            }
        }
        return new IndexHealthItem(Kind.UNUSED, idx.schema(), idx.table(), idx.name(), idx.sizeBytes(),
                "Index " + idx.name() + " on " + idx.schema() + "." + idx.table() + " has not been scanned " + since + ".",
                "DROP INDEX CONCURRENTLY " + qualified(idx.schema(), idx.name()) + ";",
                "idx_scan counts scans on this server only" + (inv.standby() ? " (a standby)" : "")
                        + ": an index unused here may serve queries on a replica or the primary; check every server before "
                        + "dropping." + shortHistory);
    }

    /** A valid, non-partial btree (or single-column hash) index whose leading key columns are the FK's columns, in any order. */
    static boolean supported(ForeignKey fk, List<Index> indexes) {
        Set<Integer> cols = new HashSet<>(fk.attnums());
        for (Index idx : indexes) {
            if (!idx.valid() || idx.predicate() != null || !idx.schema().equals(fk.schema()) || !idx.table().equals(fk.table())) {
                continue;
            }
            List<Integer> keys = idx.keyAttnums();
            if (keys.size() < cols.size()) {
                continue;
            }
            boolean btree = "btree".equals(idx.accessMethod());
            boolean hash = "hash".equals(idx.accessMethod()) && cols.size() == 1;
            if ((btree || hash) && new HashSet<>(keys.subList(0, cols.size())).equals(cols)) {
                return true;
            }
        }
        return false;
    }

    private static IndexHealthItem missingFkIndex(ForeignKey fk, List<Index> indexes) {
        Set<String> taken = new HashSet<>();
        indexes.stream().filter(i -> i.schema().equals(fk.schema())).forEach(i -> taken.add(i.name()));
        TableCatalog t = new TableCatalog(fk.schema(), fk.table(), true, fk.tableRows(), java.util.Map.of(),
                indexes.stream().filter(i -> i.schema().equals(fk.schema()))
                        .map(i -> new TableCatalog.ExistingIndex(i.name(), i.valid(), i.unique(), i.primary(),
                                i.accessMethod(), i.predicate() != null, List.of(), List.of())).toList());
        String name = IndexAdvisor.indexName(t, fk.columnNames());
        String cols = String.join(", ", fk.columnNames().stream().map(Identifiers::quoteIdent).toList());
        return new IndexHealthItem(Kind.FOREIGN_KEY_WITHOUT_INDEX, fk.schema(), fk.table(), fk.constraint(),
                fk.tableSizeBytes(),
                "Foreign key " + fk.constraint() + " on " + fk.schema() + "." + fk.table() + " ("
                        + String.join(", ", fk.columnNames()) + ") → " + fk.referencedSchema() + "." + fk.referencedTable()
                        + " has no index leading with its columns: every DELETE or key UPDATE on " + fk.referencedTable()
                        + " scans " + fk.table() + ", and joins on the key cannot use an index.",
                "CREATE INDEX CONCURRENTLY " + Identifiers.quoteIdent(name) + " ON " + qualified(fk.schema(), fk.table())
                        + " (" + cols + ");",
                "CREATE INDEX CONCURRENTLY does not block writes but takes longer, cannot run inside a transaction block, "
                        + "and leaves an invalid index behind if it fails; it needs disk space for the new index.");
    }
}
