package io.pgpulse.core.sampling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.catalog.CatalogQuery;
import io.pgpulse.core.catalog.SqlCatalog;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one snapshot. Normally every section goes to the server in a single round trip (one
 * multi-statement batch, one Sync). A batch stops at its first error, so when a section fails
 * the reader falls back to one round trip per section for a while: the failing section is marked
 * stale and the others stay fresh.
 *
 * <p>Owned by the sampler's poll thread; not thread-safe.
 */
final class SnapshotReader {
    private static final Logger log = LoggerFactory.getLogger(SnapshotReader.class);
    /** Polls to stay in per-section mode after a section failed, before batching again. */
    static final int ISOLATED_POLLS_AFTER_FAILURE = 10;

    private final SqlCatalog catalog;
    private final SamplerConfig config;
    private final boolean statementsReady;
    private final StatementTracker tracker;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private Snapshot previous;
    private long sequence;
    private int isolatedPollsLeft;
    private Instant lastTextFetch = Instant.EPOCH;
    private boolean initialTextsRead;

    SnapshotReader(Capabilities caps, SamplerConfig config) {
        this.catalog = SqlCatalog.forServer(caps.versionNum(), caps.pgssSchema());
        this.config = config;
        this.statementsReady = caps.statementsReady();
        this.tracker = new StatementTracker(config.maxCachedTexts());
    }

    private List<Section> sections() {
        return statementsReady
                ? List.of(Section.SERVER, Section.ACTIVITY, Section.LOCKS, Section.DATABASES, Section.LIMITS, Section.STATEMENTS)
                : List.of(Section.SERVER, Section.ACTIVITY, Section.LOCKS, Section.DATABASES, Section.LIMITS);
    }

    /** One poll. Connection-level failures propagate; a failing section only goes stale. */
    Snapshot read(Connection c, boolean forceTexts) throws SQLException {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Parts parts = new Parts();
        int roundTrips;
        boolean batched = isolatedPollsLeft == 0;
        if (batched) {
            try {
                readBatch(c, parts);
                roundTrips = 1;
            } catch (SQLException e) {
                if (isConnectionError(e)) {
                    throw e;
                }
                log.warn("A section of the poll failed ({}); reading sections one by one for the next {} polls",
                        e.getMessage(), ISOLATED_POLLS_AFTER_FAILURE);
                isolatedPollsLeft = ISOLATED_POLLS_AFTER_FAILURE;
                parts = new Parts();
                roundTrips = 1 + readIsolated(c, parts);
                batched = false;
            }
        } else {
            isolatedPollsLeft--;
            roundTrips = readIsolated(c, parts);
        }
        if (parts.server == null && previous == null) {
            throw new SQLException("The server section could not be read: " + parts.failures.get(Section.SERVER), "57014");
        }

        StatementsSnapshot statements = previous == null ? null : previous.statements();
        int textsFetched = 0;
        int statementRows = 0;
        if (statementsReady && parts.statementsRead) {
            ServerInfo server = parts.server != null ? parts.server : previous.server();
            statementRows = parts.counterRows.size();
            DeltaResult result = tracker.accept(parts.counterRows, parts.sentFingerprints, server.serverTime(),
                    parts.statsReset, server.startedAt(), parts.dealloc);
            // Any text read loads the server's whole text file, so texts are rate-limited; role
            // names come from a small catalog and are read whenever an unknown id appears.
            Instant now = Instant.now();
            boolean due = forceTexts || Duration.between(lastTextFetch, now).compareTo(config.textFetchInterval()) >= 0;
            // The first read takes every entry's text (truncated): it costs the same file read as
            // one text, and it is how the monitor's own statements are recognised in the totals.
            boolean all = forceTexts || !initialTextsRead;
            Set<Long> texts = !due ? Set.of() : all ? tracker.allQueryIdsWithoutText() : tracker.queryIdsWithoutText(result);
            Set<Long> roles = tracker.unknownRoleIds();
            if (!texts.isEmpty() || !roles.isEmpty()) {
                try {
                    textsFetched = fetchTextsAndRoles(c, texts, roles);
                    roundTrips++;
                    if (!texts.isEmpty()) {
                        lastTextFetch = now;
                    }
                    initialTextsRead |= all;
                } catch (SQLException e) {
                    if (isConnectionError(e)) {
                        throw e;
                    }
                    log.warn("Reading statement texts failed: {}", e.getMessage());
                }
            }
            statements = tracker.publish(result, parts.statsReset, parts.dealloc);
        }

        Instant takenAt = parts.server != null ? parts.server.serverTime() : Instant.now();
        Map<Section, SectionState> states = new EnumMap<>(Section.class);
        for (Section s : sections()) {
            String failure = parts.failures.get(s);
            if (failure == null) {
                states.put(s, SectionState.FRESH);
            } else if (previous != null && previous.state(s) instanceof SectionState.Stale stale) {
                states.put(s, new SectionState.Stale(stale.since(), failure));
            } else {
                states.put(s, new SectionState.Stale(previous == null ? takenAt : previous.takenAt(), failure));
            }
        }
        if (!statementsReady) {
            states.put(Section.STATEMENTS, new SectionState.Unavailable("pg_stat_statements is not available"));
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        Snapshot snap = new Snapshot(++sequence, takenAt,
                parts.server != null ? parts.server : previous.server(),
                parts.activity != null ? parts.activity : previous == null ? List.of() : previous.activity(),
                parts.locks != null ? parts.locks : previous == null ? List.of() : previous.locks(),
                parts.databases != null ? parts.databases : previous == null ? List.of() : previous.databases(),
                parts.limits != null ? parts.limits : previous == null ? List.of() : previous.limits(),
                statements, states,
                new PollStats(Duration.ofNanos(System.nanoTime() - start), roundTrips, statementRows, textsFetched,
                        batched, Duration.ofNanos(Math.max(0, cpu))));
        previous = snap;
        return snap;
    }

    private void readBatch(Connection c, Parts parts) throws SQLException {
        List<Section> sections = sections();
        StringBuilder sql = new StringBuilder();
        for (Section s : sections) {
            for (CatalogQuery q : queries(s)) {
                if (sql.length() > 0) {
                    sql.append(";\n");
                }
                sql.append(catalog.sql(q));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int[] index = {1};
            for (Section s : sections) {
                bind(s, ps, c, index, parts);
            }
            boolean hasResult = ps.execute();
            for (Section s : sections) {
                for (CatalogQuery q : queries(s)) {
                    if (!hasResult) {
                        throw new SQLException("Expected a result for " + q.resourceName());
                    }
                    try (ResultSet rs = ps.getResultSet()) {
                        parse(q, rs, parts);
                    }
                    hasResult = ps.getMoreResults();
                }
            }
        }
        if (statementsReady) {
            parts.statementsRead = true;
        }
    }

    /** Returns the number of round trips made. */
    private int readIsolated(Connection c, Parts parts) throws SQLException {
        int trips = 0;
        for (Section s : sections()) {
            trips++;
            try {
                if (s == Section.STATEMENTS) {
                    // Info and counters must describe the same moment, so they still travel together.
                    String sql = catalog.sql(CatalogQuery.STATEMENTS_INFO) + ";\n" + catalog.sql(CatalogQuery.STATEMENT_COUNTERS);
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        bind(s, ps, c, new int[] {1}, parts);
                        ps.execute();
                        try (ResultSet rs = ps.getResultSet()) {
                            parse(CatalogQuery.STATEMENTS_INFO, rs, parts);
                        }
                        ps.getMoreResults();
                        try (ResultSet rs = ps.getResultSet()) {
                            parse(CatalogQuery.STATEMENT_COUNTERS, rs, parts);
                        }
                    }
                    parts.statementsRead = true;
                } else {
                    CatalogQuery q = queries(s).get(0);
                    try (PreparedStatement ps = c.prepareStatement(catalog.sql(q))) {
                        bind(s, ps, c, new int[] {1}, parts);
                        try (ResultSet rs = ps.executeQuery()) {
                            parse(q, rs, parts);
                        }
                    }
                }
            } catch (SQLException e) {
                if (isConnectionError(e)) {
                    throw e;
                }
                parts.failures.put(s, describe(e));
                log.warn("Section {} is stale: {}", s, e.getMessage());
            }
        }
        return trips;
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState();
        if ("57014".equals(state)) {
            return "timed out (statement_timeout)";
        }
        if ("55P03".equals(state)) {
            return "waited too long for a lock (lock_timeout)";
        }
        if ("42501".equals(state)) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private static List<CatalogQuery> queries(Section s) {
        return switch (s) {
            case SERVER -> List.of(CatalogQuery.SERVER_INFO);
            case ACTIVITY -> List.of(CatalogQuery.ACTIVITY);
            case LOCKS -> List.of(CatalogQuery.LOCKS);
            case DATABASES -> List.of(CatalogQuery.DATABASE_COUNTERS);
            case LIMITS -> List.of(CatalogQuery.CONNECTION_LIMITS);
            case STATEMENTS -> List.of(CatalogQuery.STATEMENTS_INFO, CatalogQuery.STATEMENT_COUNTERS);
        };
    }

    private void bind(Section s, PreparedStatement ps, Connection c, int[] index, Parts parts) throws SQLException {
        switch (s) {
            case ACTIVITY -> {
                ps.setInt(index[0]++, config.activityTextChars());
                ps.setInt(index[0]++, config.maxActivityRows());
            }
            case LOCKS -> ps.setInt(index[0]++, config.maxLockRows());
            case STATEMENTS -> {
                long[] fps = tracker.fingerprintsToSend();
                parts.sentFingerprints = fps.length > 0;
                Array array = c.createArrayOf("bigint", Arrays.stream(fps).boxed().toArray(Long[]::new));
                ps.setArray(index[0]++, array);
                Optional<Instant> reset = tracker.expectedStatsReset();
                if (reset.isPresent()) {
                    ps.setObject(index[0]++, OffsetDateTime.ofInstant(reset.get(), ZoneOffset.UTC));
                } else {
                    ps.setNull(index[0]++, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                ps.setObject(index[0]++, OffsetDateTime.ofInstant(tracker.expectedServerStart(), ZoneOffset.UTC));
            }
            case SERVER, DATABASES, LIMITS -> { }
        }
    }

    private void parse(CatalogQuery q, ResultSet rs, Parts parts) throws SQLException {
        switch (q) {
            case SERVER_INFO -> {
                rs.next();
                parts.server = new ServerInfo(rs.getInt("version_num"), rs.getInt("max_connections"),
                        rs.getInt("superuser_reserved_connections"), rs.getInt("reserved_connections"),
                        instant(rs, "started_at"), instant(rs, "server_time"), rs.getInt("client_backends"));
            }
            case ACTIVITY -> {
                List<ActivityRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new ActivityRow(rs.getInt("pid"), instant(rs, "backend_start"), instant(rs, "xact_start"),
                            instant(rs, "query_start"), instant(rs, "state_change"), rs.getString("state"),
                            rs.getString("wait_event_type"), rs.getString("wait_event"), rs.getString("backend_type"),
                            rs.getString("datname"), rs.getString("usename"), rs.getString("application_name"),
                            rs.getString("client_addr"), (Long) rs.getObject("query_id"), SqlSecrets.redact(rs.getString("query")),
                            intList(rs.getArray("blocked_by"))));
                }
                parts.activity = rows;
            }
            case LOCKS -> {
                List<LockRow> rows = new ArrayList<>();
                while (rs.next()) {
                    Object rel = rs.getObject("relation_oid");
                    rows.add(new LockRow(rs.getInt("pid"), rs.getString("locktype"), rs.getString("mode"),
                            rs.getBoolean("granted"), rel == null ? null : ((Number) rel).longValue(),
                            rs.getString("relation"), rs.getString("transactionid"), rs.getString("virtualxid"),
                            instant(rs, "waitstart")));
                }
                parts.locks = rows;
            }
            case DATABASE_COUNTERS -> {
                List<DatabaseCounters> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new DatabaseCounters(rs.getLong("datid"), rs.getString("datname"), rs.getInt("datconnlimit"),
                            rs.getInt("numbackends"), rs.getLong("xact_commit"), rs.getLong("xact_rollback"),
                            rs.getLong("deadlocks"), rs.getLong("temp_files"), rs.getLong("temp_bytes"),
                            rs.getLong("sessions"), rs.getLong("sessions_abandoned"), rs.getLong("sessions_fatal"),
                            rs.getLong("sessions_killed"), instant(rs, "stats_reset")));
                }
                parts.databases = rows;
            }
            case CONNECTION_LIMITS -> {
                List<ConnectionLimit> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new ConnectionLimit("role".equals(rs.getString("kind")) ? ConnectionLimit.Kind.ROLE
                            : ConnectionLimit.Kind.DATABASE, rs.getString("name"), rs.getInt("conn_limit"),
                            rs.getInt("in_use")));
                }
                parts.limits = rows;
            }
            case STATEMENTS_INFO -> {
                rs.next();
                parts.dealloc = rs.getLong("dealloc");
                parts.statsReset = Optional.ofNullable(instant(rs, "stats_reset"));
            }
            case STATEMENT_COUNTERS -> {
                List<StatementCounters> rows = new ArrayList<>();
                while (rs.next()) {
                    StatementKey key = new StatementKey(rs.getLong("userid"), rs.getLong("dbid"), rs.getLong("queryid"),
                            rs.getBoolean("toplevel"));
                    long wal = rs.getLong("wal_bytes");
                    boolean walNull = rs.wasNull();
                    rows.add(new StatementCounters(key, rs.getLong("calls"), rs.getDouble("total_exec_time"),
                            rs.getDouble("total_plan_time"), rs.getLong("rows"), rs.getLong("shared_blks_hit"),
                            rs.getLong("shared_blks_read"), rs.getLong("temp_blks_read"), rs.getLong("temp_blks_written"),
                            walNull ? OptionalLong.empty() : OptionalLong.of(wal),
                            optionalDouble(rs, "min_exec_time"), optionalDouble(rs, "max_exec_time"),
                            Optional.ofNullable(instant(rs, "stats_since"))));
                }
                parts.counterRows = rows;
            }
            default -> throw new IllegalStateException("not a poll query: " + q);
        }
    }

    /**
     * Texts and role names in one round trip. The batch runs as one implicit transaction, so
     * SET LOCAL gives the text-file read its own statement_timeout without BEGIN/ROLLBACK.
     */
    private int fetchTextsAndRoles(Connection c, Set<Long> queryIds, Set<Long> roleIds) throws SQLException {
        StringBuilder sql = new StringBuilder("SET LOCAL /* pgpulse */ statement_timeout = ").append(config.textTimeout().toMillis());
        if (!queryIds.isEmpty()) {
            sql.append(";\n").append(catalog.sql(CatalogQuery.STATEMENT_TEXTS));
        }
        if (!roleIds.isEmpty()) {
            sql.append(";\n").append(catalog.sql(CatalogQuery.ROLE_NAMES));
        }
        int fetched = 0;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int index = 1;
            if (!queryIds.isEmpty()) {
                ps.setInt(index++, config.statementTextChars());
                ps.setArray(index++, c.createArrayOf("bigint", queryIds.toArray(Long[]::new)));
            }
            if (!roleIds.isEmpty()) {
                ps.setArray(index, c.createArrayOf("bigint", roleIds.toArray(Long[]::new)));
            }
            ps.execute();
            if (!queryIds.isEmpty()) {
                ps.getMoreResults();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        String text = rs.getString("query");
                        if (text != null) {
                            tracker.addText(new QueryText(rs.getLong("queryid"), SqlSecrets.redact(text), rs.getInt("full_length")));
                            fetched++;
                        }
                    }
                }
            }
            if (!roleIds.isEmpty()) {
                ps.getMoreResults();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        tracker.addRoleName(rs.getLong("oid"), rs.getString("rolname"));
                    }
                }
                // A role dropped since its statements ran has no name any more; remember that
                // instead of asking again on every poll.
                for (long id : tracker.unknownRoleIds()) {
                    tracker.addRoleName(id, "(dropped role " + id + ")");
                }
            }
        }
        return fetched;
    }

    /** Errors after which the session is unusable: the sampler reconnects instead of marking a section stale. */
    static boolean isConnectionError(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static List<Integer> intList(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Integer[] values = (Integer[]) array.getArray();
        return List.of(values);
    }

    /** What one poll managed to read; null fields were not read this time. */
    private static final class Parts {
        ServerInfo server;
        List<ActivityRow> activity;
        List<LockRow> locks;
        List<DatabaseCounters> databases;
        List<ConnectionLimit> limits;
        List<StatementCounters> counterRows = List.of();
        boolean statementsRead;
        boolean sentFingerprints;
        Optional<Instant> statsReset = Optional.empty();
        long dealloc;
        final Map<Section, String> failures = new EnumMap<>(Section.class);
    }

}
