package io.pgpulse.core.capability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

import io.pgpulse.core.catalog.CatalogQuery;
import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.catalog.SqlCatalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what PgPulse can do on a server. It only reads settings and catalogs: it never
 * creates an extension, grants anything or changes a setting, even when it knows the fix.
 */
@io.pgpulse.core.CoreService
public final class CapabilityProbe {
    private static final Logger log = LoggerFactory.getLogger(CapabilityProbe.class);

    private static final String NOT_PRELOADED = "55000";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private CapabilityProbe() {}

    public static ProbeResult probe(Connection connection) throws SQLException {
        int versionNum;
        String version;
        SqlCatalog bootstrap = SqlCatalog.forServer(0, null);
        try (PreparedStatement ps = connection.prepareStatement(bootstrap.sql(CatalogQuery.SERVER_VERSION));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            versionNum = rs.getInt("version_num");
            version = rs.getString("version");
        }
        return probe(connection, versionNum, version);
    }

    static ProbeResult probe(Connection connection, int versionNum, String version) throws SQLException {
        if (!ServerVersions.isSupported(versionNum)) {
            return new UnsupportedServer(versionNum, version);
        }
        SqlCatalog catalog = SqlCatalog.forServer(versionNum, null);
        try (PreparedStatement ps = connection.prepareStatement(catalog.sql(CatalogQuery.CAPABILITIES));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String role = rs.getString("role_name");
            String database = rs.getString("database");
            String preload = rs.getString("shared_preload_libraries");
            boolean superuser = rs.getBoolean("is_superuser");
            boolean readsAll = rs.getBoolean("reads_all_stats");
            boolean memberReadAll = rs.getBoolean("member_of_read_all_stats");
            boolean canSignal = superuser || rs.getBoolean("can_signal_backends");
            String pgssVersion = rs.getString("pgss_version");
            String pgssSchema = rs.getString("pgss_schema");
            String hypopgVersion = rs.getString("hypopg_version");
            boolean hypopgAvailable = rs.getBoolean("hypopg_available");
            boolean pgssExecutable = rs.getBoolean("pgss_executable");
            // Unknown (hidden from this role) counts as preloaded until the function says otherwise.
            boolean preloaded = preload == null || isPreloaded(preload);
            String computeQueryId = rs.getString("compute_query_id");

            StatementsAvailability statements = statements(connection, versionNum, role, database, preload,
                    preloaded, pgssVersion, pgssSchema, pgssExecutable);
            StatsVisibility visibility = superuser ? new StatsVisibility.AllSessions("superuser")
                    : readsAll ? new StatsVisibility.AllSessions("pg_read_all_stats")
                    : memberReadAll ? new StatsVisibility.NoInherit(role)
                    : new StatsVisibility.OwnSessionsOnly(role);
            boolean idsOn = "on".equalsIgnoreCase(computeQueryId) || "regress".equalsIgnoreCase(computeQueryId)
                    || ("auto".equalsIgnoreCase(computeQueryId) && preloaded);
            HypotheticalIndexes hypo = hypopgVersion != null ? new HypotheticalIndexes.Installed(hypopgVersion)
                    : hypopgAvailable ? new HypotheticalIndexes.Available(database)
                    : new HypotheticalIndexes.Absent(ServerVersions.major(versionNum));
            Capabilities caps = new Capabilities(versionNum, version, role, database, superuser, statements,
                    pgssSchema, visibility, new QueryIds(computeQueryId, idsOn),
                    new QueryTextSize(parseBytes(rs.getString("track_activity_query_size"))), hypo, canSignal);
            log.info("Probed PostgreSQL {}: statements {}, visibility {}", version,
                    statements.getClass().getSimpleName(), visibility.getClass().getSimpleName());
            return caps;
        }
    }

    private static StatementsAvailability statements(Connection connection, int versionNum, String role,
            String database, String preload, boolean preloaded, String pgssVersion, String pgssSchema,
            boolean executable) throws SQLException {
        if (pgssVersion == null) {
            return new StatementsAvailability.NotInstalled(database, preloaded);
        }
        String quotedSchema = Identifiers.quoteIdent(pgssSchema);
        if (!preloaded) {
            return new StatementsAvailability.NotPreloaded(preload);
        }
        if (!executable) {
            return new StatementsAvailability.NoPrivilege(role, quotedSchema);
        }
        // Settings can say "preloaded" while the function still fails (e.g. a library renamed on
        // disk); one cheap read settles it.
        SqlCatalog catalog = SqlCatalog.forServer(versionNum, pgssSchema);
        try (PreparedStatement ps = connection.prepareStatement(catalog.sql(CatalogQuery.STATEMENTS_PROBE));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new StatementsAvailability.Ready(pgssVersion, pgssSchema);
        } catch (SQLException e) {
            if (NOT_PRELOADED.equals(e.getSQLState())) {
                return new StatementsAvailability.NotPreloaded(preload == null ? "" : preload);
            }
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return new StatementsAvailability.NoPrivilege(role, quotedSchema);
            }
            throw e;
        }
    }

    static boolean isPreloaded(String sharedPreloadLibraries) {
        return Arrays.stream(sharedPreloadLibraries.split(","))
                .map(s -> s.strip().replace("\"", "").toLowerCase(Locale.ROOT))
                .anyMatch(s -> s.equals("pg_stat_statements") || s.endsWith("/pg_stat_statements"));
    }

    /** track_activity_query_size is shown with a unit ("1kB", "4096"): normalise to bytes. */
    static int parseBytes(String setting) {
        String s = setting.strip();
        int multiplier = 1;
        if (s.endsWith("kB")) {
            multiplier = 1024;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("MB")) {
            multiplier = 1024 * 1024;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        return Integer.parseInt(s.strip()) * multiplier;
    }
}
