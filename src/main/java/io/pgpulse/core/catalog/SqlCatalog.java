package io.pgpulse.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Version-specific SQL chosen by floor lookup: the variant with the highest floor not above the
 * server's {@code server_version_num} (pgwatch-style), loaded once from resource files.
 *
 * <p>A catalog instance is bound to one server: the version and the schema of
 * pg_stat_statements (which may live outside the search path) are fixed when it is made.
 */
public final class SqlCatalog {
    /**
     * Every query the monitor sends begins with this tag (pg_stat_activity and server logs show
     * it) and carries it again after its first key word: pg_stat_statements drops leading
     * comments but keeps inner ones, and the inner tag is how the monitor recognises its own
     * statements there.
     */
    public static final String TAG = "/* pgpulse */";
    static final String PGSS_SCHEMA_PLACEHOLDER = "{{pgss}}";

    private static final Map<CatalogQuery, NavigableMap<Integer, String>> VARIANTS = load();

    private final int versionNum;
    private final Map<CatalogQuery, String> resolved = new EnumMap<>(CatalogQuery.class);

    private SqlCatalog(int versionNum, String pgssSchema) {
        this.versionNum = versionNum;
        String schema = Identifiers.quoteIdent(pgssSchema);
        for (CatalogQuery q : CatalogQuery.values()) {
            Map.Entry<Integer, String> e = VARIANTS.get(q).floorEntry(versionNum);
            if (e != null) {
                resolved.put(q, e.getValue().replace(PGSS_SCHEMA_PLACEHOLDER, schema));
            }
        }
    }

    /** A catalog for a server; {@code pgssSchema} is where pg_stat_statements is installed (default {@code public}). */
    public static SqlCatalog forServer(int serverVersionNum, String pgssSchema) {
        return new SqlCatalog(serverVersionNum, pgssSchema == null ? "public" : pgssSchema);
    }

    public int versionNum() {
        return versionNum;
    }

    /** The SQL of a query for this server; fails loudly if none of its variants applies. */
    public String sql(CatalogQuery query) {
        String sql = resolved.get(query);
        if (sql == null) {
            throw new UnsupportedVersionException(query, versionNum);
        }
        return sql;
    }

    /** The floor whose variant serves this version, e.g. 160000 for 16.4; for tests and diagnostics. */
    public static int floorFor(CatalogQuery query, int serverVersionNum) {
        Map.Entry<Integer, String> e = VARIANTS.get(query).floorEntry(serverVersionNum);
        if (e == null) {
            throw new UnsupportedVersionException(query, serverVersionNum);
        }
        return e.getKey();
    }

    private static Map<CatalogQuery, NavigableMap<Integer, String>> load() {
        Map<CatalogQuery, NavigableMap<Integer, String>> all = new EnumMap<>(CatalogQuery.class);
        for (CatalogQuery q : CatalogQuery.values()) {
            NavigableMap<Integer, String> byFloor = new TreeMap<>();
            for (int floor : q.floors()) {
                String path = q.resourcePath(floor);
                try (InputStream in = SqlCatalog.class.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("SQL catalog resource missing: " + path);
                    }
                    // Whole-line comments document the files; they are not sent on every poll.
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(line -> !line.stripLeading().startsWith("--"))
                            .collect(java.util.stream.Collectors.joining("\n")).strip();
                    if (!sql.startsWith(TAG) || sql.indexOf(TAG, TAG.length()) < 0) {
                        throw new IllegalStateException(path + " must begin with " + TAG + " and repeat it after its first key word");
                    }
                    byFloor.put(floor, sql);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            all.put(q, byFloor);
        }
        return all;
    }

    /** Thrown when a query has no variant for a server this old; the capability probe prevents it. */
    public static final class UnsupportedVersionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedVersionException(CatalogQuery query, int versionNum) {
            super("No variant of query '" + query.resourceName() + "' for server_version_num " + versionNum);
        }
    }
}
