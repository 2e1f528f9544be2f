package io.pgpulse.core.indexes;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.explain.ConnectionSource;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.ExplainRequest;
import io.pgpulse.core.explain.ExplainRunner;
import io.pgpulse.core.explain.HypotheticalIndexCheck;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.core.explain.VersionedSql;
import io.pgpulse.core.indexes.Conditions.ColumnRef;
import io.pgpulse.core.indexes.Conditions.Comparison;
import io.pgpulse.core.indexes.Conditions.SortColumn;
import io.pgpulse.core.indexes.Conditions.Use;
import io.pgpulse.core.indexes.TableCatalog.ColumnStats;
import io.pgpulse.core.indexes.TableCatalog.ExistingIndex;

/**
 * Suggests indexes from a plan and the catalog: candidate columns from the filters, join
 * conditions and sort keys of scanned tables; equality columns first, ordered by how selective
 * pg_stats says they are, then one range column; nothing when a valid index already has those
 * leading columns for those operators. With hypopg installed, each suggestion is verified by
 * re-planning with a hypothetical index inside a rolled-back read-only transaction.
 */
@io.pgpulse.core.CoreService
public final class IndexAdvisor {
    /** Tables smaller than this are read faster sequentially than through any index. */
    static final double MIN_TABLE_ROWS = 1_000;
    /** A scan keeping more than this share of the rows gains little from an index. */
    static final double MAX_SELECTIVITY = 0.2;
    /** A join key is worth indexing when the other side brings at most this share of the table's rows. */
    static final double JOIN_OTHER_SIDE_SHARE = 0.1;
    static final int MAX_COLUMNS = 4;
    private static final int NAMEDATALEN = 63;

    private static final VersionedSql TABLE_COLUMNS = VersionedSql.load("/io/pgpulse/core/indexes", "table_columns", 140000);
    private static final VersionedSql TABLE_INDEXES = VersionedSql.load("/io/pgpulse/core/indexes", "table_indexes", 140000);

    private final ConnectionSource source;
    private final ExplainRunner runner;

    public IndexAdvisor(ConnectionSource source, ExplainRunner runner) {
        this.source = source;
        this.runner = runner;
    }

    /** Catalog queries this class sends, for the test that runs every query on every major. */
    public static List<VersionedSql> queries() {
        return List.of(TABLE_COLUMNS, TABLE_INDEXES);
    }

    /**
     * Suggestions for a plan the runner produced, verified with hypopg when it is installed.
     * Catalog reads and verification use the same read-only session rules as EXPLAIN.
     */
    public List<IndexSuggestion> advise(ExplainRequest request, ExplainOutcome.Plan plan) throws SQLException {
        Map<String, List<TableCatalog>> catalog;
        try (Connection c = source.borrow()) {
            catalog = readCatalog(c, c.getMetaData().getDatabaseMajorVersion() * 10000, relationNames(plan.model()));
        }
        List<IndexSuggestion> suggestions = suggest(plan.model(), catalog);
        if (suggestions.isEmpty()) {
            return suggestions;
        }
        HypotheticalIndexCheck check = runner.checkHypotheticalIndexes(request,
                suggestions.stream().map(IndexSuggestion::hypotheticalDdl).toList());
        return applyVerification(suggestions, check);
    }

    /**
     * Suggestions for a plan PgPulse did not run (pasted, loaded from a file or a log), from the
     * catalog of the connected database. They cannot be verified: there is no statement to re-plan.
     */
    public List<IndexSuggestion> adviseForReadPlan(QueryPlan plan) throws SQLException {
        Map<String, List<TableCatalog>> catalog;
        try (Connection c = source.borrow()) {
            catalog = readCatalog(c, c.getMetaData().getDatabaseMajorVersion() * 10000, relationNames(plan));
        }
        List<IndexSuggestion> out = new ArrayList<>();
        for (IndexSuggestion s : suggest(plan, catalog)) {
            out.add(s.withVerification(false, null, null, null, "Not verified: this plan was read, not run here, so"
                    + " there is no statement to plan again with a hypothetical index. Explain the statement itself"
                    + " to verify it. Based on the tables of the database you are connected to."));
        }
        return out;
    }

    static List<IndexSuggestion> applyVerification(List<IndexSuggestion> suggestions, HypotheticalIndexCheck check) {
        List<IndexSuggestion> out = new ArrayList<>();
        for (int i = 0; i < suggestions.size(); i++) {
            IndexSuggestion s = suggestions.get(i);
            if (check instanceof HypotheticalIndexCheck.Verified v) {
                HypotheticalIndexCheck.Result r = v.results().get(i);
                if (r.costAfter().isEmpty()) {
                    out.add(s.withVerification(false, null, null, null, "hypopg could not create it: " + r.error()));
                    continue;
                }
                double after = r.costAfter().getAsDouble();
                String note = r.used()
                        ? String.format(Locale.ROOT, "Verified with hypopg: the planner uses it; estimated cost %.2f → %.2f (%s).",
                                v.costBefore(), after, change(v.costBefore(), after))
                        : String.format(Locale.ROOT, "Verified with hypopg: the planner does not use it (cost %.2f → %.2f); "
                                + "the plan may already be as good as this index makes it.", v.costBefore(), after);
                out.add(s.withVerification(true, v.costBefore(), after, r.used(), note));
            } else if (check instanceof HypotheticalIndexCheck.Unavailable u) {
                out.add(s.withVerification(false, null, null, null, "Not verified: " + u.reason() + " " + u.fix()));
            } else if (check instanceof HypotheticalIndexCheck.Failed f) {
                out.add(s.withVerification(false, null, null, null, "Not verified: " + f.message()));
            }
        }
        return out;
    }

    private static String change(double before, double after) {
        if (before <= 0) {
            return "no baseline";
        }
        double pct = (before - after) / before * 100;
        return pct >= 0 ? String.format(Locale.ROOT, "%.0f%% cheaper", pct) : String.format(Locale.ROOT, "%.0f%% dearer", -pct);
    }

    static Set<String> relationNames(QueryPlan plan) {
        Set<String> names = new LinkedHashSet<>();
        for (PlanNode n : plan.nodes()) {
            if (n.relationName() != null) {
                names.add(n.relationName());
            }
        }
        return names;
    }

    /** The columns, statistics and indexes of the named tables, grouped by table name. */
    public static Map<String, List<TableCatalog>> readCatalog(Connection c, int versionNum, Set<String> tableNames)
            throws SQLException {
        Map<String, List<TableCatalog>> out = new LinkedHashMap<>();
        if (tableNames.isEmpty()) {
            return out;
        }
        record Key(String schema, String table) {}
        Map<Key, Map<String, ColumnStats>> columns = new LinkedHashMap<>();
        Map<Key, double[]> rows = new HashMap<>();
        Map<Key, Boolean> visible = new HashMap<>();
        Map<Key, List<ExistingIndex>> indexes = new HashMap<>();
        Array names = c.createArrayOf("text", tableNames.toArray(new String[0]));
        try (PreparedStatement ps = c.prepareStatement(TABLE_COLUMNS.sql(versionNum))) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key k = new Key(rs.getString("schema_name"), rs.getString("table_name"));
                    rows.put(k, new double[] {rs.getDouble("reltuples")});
                    visible.put(k, rs.getBoolean("visible"));
                    double nd = rs.getDouble("n_distinct");
                    Double nDistinct = rs.wasNull() ? null : nd;
                    double nf = rs.getDouble("null_frac");
                    Double nullFrac = rs.wasNull() ? null : nf;
                    String col = rs.getString("column_name");
                    columns.computeIfAbsent(k, x -> new LinkedHashMap<>())
                            .put(col, new ColumnStats(col, rs.getInt("attnum"), nDistinct, nullFrac));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(TABLE_INDEXES.sql(versionNum))) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key k = new Key(rs.getString("schema_name"), rs.getString("table_name"));
                    indexes.computeIfAbsent(k, x -> new ArrayList<>()).add(new ExistingIndex(rs.getString("index_name"),
                            rs.getBoolean("valid"), rs.getBoolean("is_unique"), rs.getBoolean("is_primary"),
                            rs.getString("access_method"), rs.getBoolean("partial"),
                            Arrays.asList((String[]) rs.getArray("key_columns").getArray()),
                            Arrays.asList((String[]) rs.getArray("opclasses").getArray())));
                }
            }
        }
        for (Map.Entry<Key, Map<String, ColumnStats>> e : columns.entrySet()) {
            Key k = e.getKey();
            out.computeIfAbsent(k.table(), x -> new ArrayList<>()).add(new TableCatalog(k.schema(), k.table(),
                    visible.get(k), rows.get(k)[0], e.getValue(), indexes.getOrDefault(k, List.of())));
        }
        return out;
    }

    /** What one scan needs, before ordering and the covering check. */
    private record Need(TableCatalog table, List<String> equality, String range, boolean prefix, List<SortColumn> sort,
            String reason) {}

    /** Suggestions from a plan and catalog information; a pure function. */
    public static List<IndexSuggestion> suggest(QueryPlan plan, Map<String, List<TableCatalog>> catalog) {
        List<Need> needs = new ArrayList<>();
        for (PlanNode n : plan.nodes()) {
            if (n.relationName() != null) {
                scanNeed(plan, n, catalog).ifPresent(needs::add);
            }
            joinNeeds(plan, n, catalog, needs);
            sortNeed(plan, n, catalog).ifPresent(needs::add);
        }
        Map<String, IndexSuggestion> out = new LinkedHashMap<>();
        for (Need need : needs) {
            List<String> cols = order(need);
            if (cols.isEmpty() || coveredBy(need, cols).isPresent()) {
                continue;
            }
            String key = need.table().schema() + "\u0000" + need.table().table() + "\u0000" + cols;
            out.putIfAbsent(key, suggestion(need, cols));
        }
        return List.copyOf(out.values());
    }

    static Optional<TableCatalog> tableOf(PlanNode scan, Map<String, List<TableCatalog>> catalog) {
        List<TableCatalog> named = catalog.getOrDefault(scan.relationName(), List.of());
        if (scan.schema() != null) {
            return named.stream().filter(t -> t.schema().equals(scan.schema())).findFirst();
        }
        Optional<TableCatalog> visible = named.stream().filter(TableCatalog::visible).findFirst();
        return visible.isPresent() ? visible : named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private static boolean ownColumn(PlanNode scan, ColumnRef ref) {
        return ref.qualifier() == null || ref.qualifier().equals(scan.alias()) || ref.qualifier().equals(scan.relationName());
    }

    private static double tableRows(PlanNode scan, TableCatalog table) {
        double rows = table.rows();
        if (scan.analyzed() && scan.actualRows() != null && !scan.neverExecuted()) {
            double read = (scan.actualRows() + (scan.rowsRemovedByFilter() == null ? 0 : scan.rowsRemovedByFilter()));
            rows = Math.max(rows, read);
        }
        return rows;
    }

    /** Share of the table's rows the scan keeps, measured when analysed, else estimated. */
    private static double selectivity(PlanNode scan, TableCatalog table) {
        if (scan.analyzed() && !scan.neverExecuted() && scan.actualRows() != null && scan.rowsRemovedByFilter() != null) {
            double read = scan.actualRows() + scan.rowsRemovedByFilter();
            return read <= 0 ? 1 : scan.actualRows() / read;
        }
        if (scan.planRows() == null || table.rows() <= 0) {
            return 1;
        }
        return Math.min(1, scan.planRows() / table.rows());
    }

    private record Filtered(List<String> equality, String range, boolean prefix, List<String> texts) {}

    /** The scan's own-column comparisons an index can serve; the other side is a value or another table's column. */
    private static Filtered filtered(PlanNode scan, TableCatalog table, String... conditions) {
        List<String> eq = new ArrayList<>();
        String range = null;
        boolean prefix = false;
        List<String> texts = new ArrayList<>();
        for (String cond : conditions) {
            for (Comparison cmp : Conditions.parse(cond)) {
                ColumnRef col = cmp.column();
                if (!ownColumn(scan, col) && cmp.other() != null && ownColumn(scan, cmp.other())) {
                    col = cmp.other();
                } else if (!ownColumn(scan, col)) {
                    continue;
                } else if (cmp.other() != null && ownColumn(scan, cmp.other())) {
                    continue;
                }
                if (!table.columns().containsKey(col.column())) {
                    continue;
                }
                switch (cmp.use()) {
                    case EQUALITY -> {
                        if (!eq.contains(col.column())) {
                            eq.add(col.column());
                            texts.add(cmp.text());
                        }
                    }
                    case RANGE, PREFIX -> {
                        if (range == null) {
                            range = col.column();
                            prefix = cmp.use() == Use.PREFIX;
                            texts.add(cmp.text());
                        }
                    }
                    default -> { }
                }
            }
        }
        if (range != null && eq.contains(range)) {
            range = null;
        }
        return new Filtered(eq, range, prefix, texts);
    }

    private static Optional<Need> scanNeed(QueryPlan plan, PlanNode scan, Map<String, List<TableCatalog>> catalog) {
        if (scan.filter() == null) {
            return Optional.empty();
        }
        Optional<TableCatalog> table = tableOf(scan, catalog);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        TableCatalog t = table.get();
        double rows = tableRows(scan, t);
        boolean seq = scan.nodeType().endsWith("Seq Scan");
        boolean indexed = scan.nodeType().equals("Index Scan") || scan.nodeType().equals("Index Only Scan")
                || scan.nodeType().equals("Bitmap Heap Scan");
        if (seq) {
            double share = selectivity(scan, t);
            if (rows < MIN_TABLE_ROWS || share > MAX_SELECTIVITY) {
                return Optional.empty();
            }
            Filtered f = filtered(scan, t, scan.filter());
            if (f.equality().isEmpty() && f.range() == null) {
                return Optional.empty();
            }
            String reason = String.format(Locale.ROOT, "%s reads %s rows of %s.%s and keeps %s (%s): %s.",
                    scan.nodeType(), count(rows), t.schema(), t.table(), percent(share),
                    scan.analyzed() ? "measured" : "estimated", String.join(" AND ", f.texts()));
            return Optional.of(new Need(t, f.equality(), f.range(), f.prefix(), List.of(), reason));
        }
        if (indexed && scan.analyzed() && scan.rowsRemovedByFilter() != null && scan.actualRows() != null) {
            double loops = scan.actualLoops() == null ? 1 : scan.actualLoops();
            double removed = scan.rowsRemovedByFilter() * loops;
            double kept = scan.actualRows() * loops;
            if (removed < MIN_TABLE_ROWS || removed < kept * 5) {
                return Optional.empty();
            }
            Filtered f = filtered(scan, t, scan.indexCond() != null ? scan.indexCond() : scan.recheckCond(), scan.filter());
            if (f.equality().isEmpty() && f.range() == null) {
                return Optional.empty();
            }
            String reason = String.format(Locale.ROOT, "%s on %s.%s fetches %s rows that its filter then discards: %s.",
                    scan.nodeType(), t.schema(), t.table(), count(removed), String.join(" AND ", f.texts()));
            return Optional.of(new Need(t, f.equality(), f.range(), f.prefix(), List.of(), reason));
        }
        return Optional.empty();
    }

    private static void joinNeeds(QueryPlan plan, PlanNode join, Map<String, List<TableCatalog>> catalog, List<Need> needs) {
        String cond = join.hashCond() != null ? join.hashCond() : join.mergeCond() != null ? join.mergeCond() : join.joinFilter();
        if (cond == null || join.children().size() < 2) {
            return;
        }
        for (Comparison cmp : Conditions.parse(cond)) {
            if (cmp.other() == null || cmp.use() != Use.EQUALITY) {
                continue;
            }
            for (ColumnRef side : List.of(cmp.column(), cmp.other())) {
                for (int child = 0; child < 2; child++) {
                    Optional<PlanNode> scan = scanIn(plan, join.children().get(child), side.qualifier());
                    if (scan.isEmpty() || !scan.get().nodeType().endsWith("Seq Scan")) {
                        continue;
                    }
                    Optional<TableCatalog> table = tableOf(scan.get(), catalog);
                    if (table.isEmpty() || !table.get().columns().containsKey(side.column())) {
                        continue;
                    }
                    double rows = tableRows(scan.get(), table.get());
                    PlanNode otherSide = join.children().get(1 - child);
                    double otherRows = otherSide.analyzed() && otherSide.actualRows() != null
                            ? otherSide.actualRows() * (otherSide.actualLoops() == null ? 1 : otherSide.actualLoops())
                            : otherSide.planRows() == null ? Double.MAX_VALUE : otherSide.planRows();
                    if (rows < MIN_TABLE_ROWS || otherRows > rows * JOIN_OTHER_SIDE_SHARE) {
                        continue;
                    }
                    Filtered f = filtered(scan.get(), table.get(), scan.get().filter());
                    List<String> eq = new ArrayList<>();
                    eq.add(side.column());
                    f.equality().stream().filter(c -> !eq.contains(c)).forEach(eq::add);
                    String reason = String.format(Locale.ROOT, "%s joins %s rows to all %s rows of %s.%s read by a "
                            + "sequential scan: an index on the join key %s lets the planner look rows up instead.",
                            join.nodeType(), count(otherRows), count(rows), table.get().schema(), table.get().table(),
                            side.column());
                    needs.add(new Need(table.get(), eq, null, false, List.of(), reason));
                }
            }
        }
    }

    /** The scan node with this alias (or table name) in a subtree. */
    private static Optional<PlanNode> scanIn(QueryPlan plan, PlanNode subtree, String qualifier) {
        if (qualifier == null) {
            return Optional.empty();
        }
        java.util.ArrayDeque<PlanNode> stack = new java.util.ArrayDeque<>();
        stack.push(subtree);
        while (!stack.isEmpty()) {
            PlanNode n = stack.pop();
            if (n.relationName() != null && (qualifier.equals(n.alias()) || (n.alias() == null && qualifier.equals(n.relationName())))) {
                return Optional.of(n);
            }
            n.children().forEach(stack::push);
        }
        return Optional.empty();
    }

    private static Optional<Need> sortNeed(QueryPlan plan, PlanNode sort, Map<String, List<TableCatalog>> catalog) {
        if (!sort.nodeType().equals("Sort") || sort.sortKey().isEmpty() || !underLimit(plan, sort)) {
            return Optional.empty();
        }
        PlanNode scan = sort;
        while (scan.relationName() == null && scan.children().size() == 1) {
            scan = scan.children().get(0);
        }
        if (scan.relationName() == null || !scan.nodeType().endsWith("Seq Scan")) {
            return Optional.empty();
        }
        Optional<TableCatalog> table = tableOf(scan, catalog);
        if (table.isEmpty() || tableRows(scan, table.get()) < MIN_TABLE_ROWS) {
            return Optional.empty();
        }
        List<SortColumn> keys = new ArrayList<>();
        for (String k : sort.sortKey()) {
            Optional<SortColumn> sc = Conditions.sortKey(k);
            if (sc.isEmpty() || !ownColumn(scan, sc.get().column()) || !table.get().columns().containsKey(sc.get().column().column())) {
                return Optional.empty();
            }
            keys.add(sc.get());
        }
        Filtered f = scan.filter() == null ? new Filtered(List.of(), null, false, List.of()) : filtered(scan, table.get(), scan.filter());
        String reason = String.format(Locale.ROOT, "A LIMIT takes the first rows of a sort of %s.%s by %s: an index in that "
                + "order returns them without reading and sorting the whole table.", table.get().schema(), table.get().table(),
                String.join(", ", sort.sortKey()));
        return Optional.of(new Need(table.get(), f.equality(), null, false, keys, reason));
    }

    private static boolean underLimit(QueryPlan plan, PlanNode node) {
        int hops = 0;
        for (PlanNode a : plan.ancestors(node)) {
            if (a.nodeType().equals("Limit")) {
                return true;
            }
            if (++hops >= 2 || !(a.nodeType().startsWith("Gather") || a.nodeType().equals("Result"))) {
                return false;
            }
        }
        return false;
    }

    /** Equality columns, most selective first (pg_stats n_distinct; text order when unknown), then range, then sort. */
    private static List<String> order(Need need) {
        TableCatalog t = need.table();
        List<String> eq = new ArrayList<>(need.equality());
        eq.sort(Comparator.comparingDouble((String c) -> -t.columns().get(c).distinctValues(t.rows()).orElse(0.0)));
        List<String> cols = new ArrayList<>(eq);
        if (need.range() != null && !cols.contains(need.range())) {
            cols.add(need.range());
        }
        for (SortColumn s : need.sort()) {
            if (!cols.contains(s.column().column())) {
                cols.add(s.column().column());
            }
        }
        return cols.size() > MAX_COLUMNS ? cols.subList(0, MAX_COLUMNS) : cols;
    }

    /**
     * A valid, non-partial index whose leading columns are the suggestion's: the equality columns
     * in any order, then the range or sort columns in order; a prefix search needs a pattern
     * operator class; hash indexes serve a single equality column.
     */
    static Optional<ExistingIndex> coveredBy(Need need, List<String> cols) {
        int eqCount = (int) cols.stream().filter(need.equality()::contains).count();
        for (ExistingIndex idx : need.table().indexes()) {
            if (!idx.valid() || idx.partial()) {
                continue;
            }
            List<String> keys = idx.keyColumns();
            if ("hash".equals(idx.accessMethod())) {
                if (cols.size() == 1 && eqCount == 1 && keys.size() == 1 && cols.get(0).equals(keys.get(0))) {
                    return Optional.of(idx);
                }
                continue;
            }
            if (!"btree".equals(idx.accessMethod()) || keys.size() < cols.size()) {
                continue;
            }
            if (!new java.util.HashSet<>(keys.subList(0, eqCount)).equals(new java.util.HashSet<>(cols.subList(0, eqCount)))) {
                continue;
            }
            boolean rest = true;
            for (int i = eqCount; i < cols.size(); i++) {
                if (!cols.get(i).equals(keys.get(i))) {
                    rest = false;
                    break;
                }
                if (need.prefix() && cols.get(i).equals(need.range()) && !idx.opclasses().get(i).endsWith("_pattern_ops")) {
                    rest = false;
                    break;
                }
            }
            if (rest) {
                return Optional.of(idx);
            }
        }
        return Optional.empty();
    }

    private static IndexSuggestion suggestion(Need need, List<String> cols) {
        TableCatalog t = need.table();
        boolean mixed = need.sort().stream().map(SortColumn::descending).distinct().count() > 1;
        List<String> keys = new ArrayList<>();
        for (String c : cols) {
            StringBuilder k = new StringBuilder(Identifiers.quoteIdent(c));
            if (need.prefix() && c.equals(need.range())) {
                k.append(" text_pattern_ops");
            }
            if (mixed) {
                need.sort().stream().filter(s -> s.column().column().equals(c) && s.descending()).findFirst()
                        .ifPresent(s -> k.append(" DESC"));
            }
            keys.add(k.toString());
        }
        String target = Identifiers.quoteIdent(t.schema()) + "." + Identifiers.quoteIdent(t.table());
        String name = indexName(t, cols);
        String ddl = "CREATE INDEX CONCURRENTLY " + Identifiers.quoteIdent(name) + " ON " + target
                + " (" + String.join(", ", keys) + ");";
        String hypothetical = "CREATE INDEX ON " + target + " (" + String.join(", ", keys) + ")";
        String reason = need.reason();
        if (!t.statisticsVisible() && need.equality().size() > 1) {
            reason += " Column order follows the conditions: pg_stats is not visible to this role (it needs SELECT on the table).";
        }
        if (need.prefix()) {
            reason += " LIKE 'prefix%' needs text_pattern_ops unless the column uses the C collation.";
        }
        return new IndexSuggestion(t.schema(), t.table(), cols, ddl, hypothetical, reason, false, null, null, null,
                "Not verified yet.");
    }

    /** {@code <table>_<columns>_idx}, cut to PostgreSQL's 63 bytes, unique among the table's index names. */
    static String indexName(TableCatalog t, List<String> cols) {
        String base = t.table() + "_" + String.join("_", cols);
        Set<String> taken = new java.util.HashSet<>();
        t.indexes().forEach(i -> taken.add(i.name()));
        for (int n = 0; ; n++) {
            String suffix = n == 0 ? "_idx" : "_idx" + n;
            String name = truncateUtf8(base, NAMEDATALEN - suffix.length()) + suffix;
            if (!taken.contains(name)) {
                return name;
            }
        }
    }

    private static String truncateUtf8(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String percent(double share) {
        double p = share * 100;
        return p < 0.1 && p > 0 ? "<0.1%" : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
