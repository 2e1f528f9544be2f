package io.pgpulse.core.explain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.pgpulse.core.catalog.SqlCatalog;
import io.pgpulse.core.connection.input.Redactor;

import org.postgresql.core.BaseStatement;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.core.QueryExecutor;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs EXPLAIN so that it can never write.
 *
 * <ul>
 *   <li>The text must be exactly one explainable statement ({@link StatementSplitter}), checked
 *       before anything is sent; pgjdbc's own parser must agree that it is one statement.</li>
 *   <li>Everything happens in a {@code READ ONLY} transaction that is always rolled back, with
 *       {@code SET LOCAL statement_timeout} and {@code lock_timeout}; the socket timeout is raised
 *       above the statement timeout for the duration, so the server cancels first.</li>
 *   <li>ANALYZE only when asked and confirmed, only for SELECT/VALUES/TABLE (and WITH without
 *       data-modifying parts, INTO or FOR UPDATE), only when the plain VERBOSE plan has no
 *       ModifyTable or LockRows node and every function referenced, in the text or in the plan's
 *       expressions, is IMMUTABLE or STABLE and not on the deny list ({@link FunctionSafety}).</li>
 *   <li>One EXPLAIN in flight per runner; {@link #cancel()} cancels it on the server.</li>
 * </ul>
 *
 * Parameterised statements ({@code $1 … $n}, as pg_stat_statements shows them) get a generic plan:
 * {@code EXPLAIN (GENERIC_PLAN)} on 16+, {@code PREPARE} with {@code force_generic_plan} and
 * {@code EXECUTE} with NULLs on 14–15. User-supplied values are sent as bind parameters.
 */
@io.pgpulse.core.CoreService
public final class ExplainRunner {
    private static final Logger log = LoggerFactory.getLogger(ExplainRunner.class);
    private static final String TAG = SqlCatalog.TAG;
    /** Names are unique per JVM, so two runners sharing a pooled session never collide. */
    private static final AtomicLong PREPARED_SEQUENCE = new AtomicLong();
    /** Extra socket time beyond statement_timeout: the server's cancel must win over a client-side abort. */
    private static final int NETWORK_MARGIN_MS = 5_000;

    private final ConnectionSource source;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile Statement current;
    private volatile boolean cancelRequested;

    public ExplainRunner(ConnectionSource source) {
        this.source = source;
    }

    /** True while an EXPLAIN or a verification runs. */
    public boolean isRunning() {
        return inFlight.get();
    }

    /** Cancels the running EXPLAIN on the server (a cancel request, never a terminate). */
    public boolean cancel() {
        if (!inFlight.get()) {
            return false;
        }
        cancelRequested = true;
        Statement s = current;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                log.warn("Cancel request failed: {}", e.getMessage());
            }
        }
        return true;
    }

    public ExplainOutcome explain(ExplainRequest request) {
        Prepared prep = prepare(request);
        if (prep.rejection != null) {
            return prep.rejection;
        }
        if (!inFlight.compareAndSet(false, true)) {
            return new ExplainOutcome.Rejected("Another EXPLAIN is still running on this connection: wait for it or cancel it.");
        }
        // Reset here, not when the transaction starts: a cancel that arrives in between must not be lost.
        cancelRequested = false;
        try {
            return inTransaction(request.options(), tx -> run(tx, request, prep.statement));
        } finally {
            inFlight.set(false);
        }
    }

    /**
     * Plans the statement once without and once with each hypothetical index (hypopg), inside the
     * same kind of rolled-back read-only transaction as {@link #explain}. Hypothetical indexes live
     * in the session's memory only and are dropped again before the session is given back.
     *
     * @param createIndexSql {@code CREATE INDEX ON schema.table (…)} statements built with quoted identifiers
     */
    public HypotheticalIndexCheck checkHypotheticalIndexes(ExplainRequest request, List<String> createIndexSql) {
        ExplainRequest plain = request.withOptions(request.options().withAnalyze(false));
        Prepared prep = prepare(plain);
        if (prep.rejection != null) {
            return new HypotheticalIndexCheck.Failed(prep.rejection.reason());
        }
        if (!inFlight.compareAndSet(false, true)) {
            return new HypotheticalIndexCheck.Failed("Another EXPLAIN is still running on this connection.");
        }
        // Reset here, not when the transaction starts: a cancel that arrives in between must not be lost.
        cancelRequested = false;
        try {
            HypotheticalIndexCheck[] result = new HypotheticalIndexCheck[1];
            ExplainOutcome outcome = inTransaction(plain.options(), tx -> {
                result[0] = verify(tx, plain, prep.statement, createIndexSql);
                return null;
            });
            if (outcome instanceof ExplainOutcome.Failed f) {
                return new HypotheticalIndexCheck.Failed(f.message());
            }
            if (outcome instanceof ExplainOutcome.Rejected r) {
                return new HypotheticalIndexCheck.Failed(r.reason());
            }
            return result[0];
        } finally {
            inFlight.set(false);
        }
    }

    private record Prepared(CheckedStatement statement, ExplainOutcome.Rejected rejection) {}

    /** Everything decided without a server: one statement, its kind, values, ANALYZE rules, confirmation. */
    private static Prepared prepare(ExplainRequest request) {
        StatementCheck check = StatementSplitter.check(request.sql());
        if (check instanceof StatementCheck.Refused r) {
            return rejected(r.reason());
        }
        CheckedStatement st = ((StatementCheck.Single) check).statement();
        int params = st.parameterCount();
        List<String> values = request.parameterValues();
        if (!values.isEmpty() && values.size() != params) {
            return rejected("The statement has " + params + " parameter" + (params == 1 ? "" : "s")
                    + (params > 0 ? " ($1 … $" + params + ")" : "") + " but " + values.size() + " value"
                    + (values.size() == 1 ? " was" : "s were") + " given.");
        }
        if (request.options().analyze()) {
            Optional<String> writes = st.writesOrLocks();
            if (writes.isPresent()) {
                return rejected("EXPLAIN ANALYZE executes the statement, and " + writes.get()
                        + ": only the plan without ANALYZE is available for it.");
            }
            if (params > 0 && values.isEmpty()) {
                return rejected("EXPLAIN ANALYZE needs a value for each of the " + params + " parameters ($1 … $"
                        + params + "): a generic plan cannot be executed. Give values, or explain without ANALYZE.");
            }
            if (!request.confirmed()) {
                return rejected("EXPLAIN ANALYZE executes the statement for real (read-only, rolled back, within "
                        + request.options().statementTimeout().toSeconds() + " s): confirm to run it.");
            }
        }
        return new Prepared(st, null);
    }

    private static Prepared rejected(String reason) {
        return new Prepared(null, new ExplainOutcome.Rejected(reason));
    }

    @FunctionalInterface
    private interface Work {
        ExplainOutcome run(Tx tx) throws SQLException, Refusal, PlanFormatException;
    }

    /** Ends the work with a {@link ExplainOutcome.Rejected} after the rollback. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String reason) {
            super(reason);
        }
    }

    /** One transaction on one session, and what must be undone after its rollback. */
    private final class Tx {
        final Connection connection;
        final int versionNum;
        final List<String> preparedNames = new ArrayList<>();
        final List<Long> hypotheticalOids = new ArrayList<>();
        String hypopgSchema;

        Tx(Connection connection, int versionNum) {
            this.connection = connection;
            this.versionNum = versionNum;
        }

        void execute(String sql) throws SQLException, Refusal {
            try (Statement s = connection.createStatement()) {
                track(s);
                s.execute(sql);
            } finally {
                current = null;
            }
        }

        void track(Statement s) throws Refusal {
            if (cancelRequested) {
                throw new Refusal("Cancelled.");
            }
            current = s;
        }
    }

    private ExplainOutcome inTransaction(ExplainOptions options, Work work) {
        long timeoutMs = options.statementTimeout().toMillis();
        try (Connection c = source.borrow()) {
            int previousNetworkTimeout = c.getNetworkTimeout();
            int versionNum = c.getMetaData().getDatabaseMajorVersion() * 10000;
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeoutMs + NETWORK_MARGIN_MS));
            c.setAutoCommit(false);
            Tx tx = new Tx(c, versionNum);
            try {
                tx.execute(TAG + " SET " + TAG + " TRANSACTION READ ONLY");
                tx.execute(TAG + " SET " + TAG + " LOCAL statement_timeout = " + timeoutMs);
                tx.execute(TAG + " SET " + TAG + " LOCAL lock_timeout = " + options.lockTimeout().toMillis());
                // The lexer reads strings with standard_conforming_strings on; make the server do the same.
                tx.execute(TAG + " SET " + TAG + " LOCAL standard_conforming_strings = on");
                return work.run(tx);
            } catch (Refusal r) {
                return new ExplainOutcome.Rejected(r.getMessage());
            } catch (SQLException e) {
                return failure(e, options);
            } catch (PlanFormatException e) {
                return new ExplainOutcome.Failed("The server's plan could not be read: " + e.getMessage(), null);
            } finally {
                cleanUp(tx, previousNetworkTimeout);
            }
        } catch (SQLException e) {
            return failure(e, options);
        }
    }

    /** Rollback first: an aborted transaction refuses everything until then. */
    private void cleanUp(Tx tx, int previousNetworkTimeout) {
        Connection c = tx.connection;
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("Rollback of the EXPLAIN transaction failed: {}", e.getMessage());
        }
        for (Long oid : tx.hypotheticalOids) {
            try (PreparedStatement ps = c.prepareStatement(TAG + " SELECT " + TAG + " "
                    + io.pgpulse.core.catalog.Identifiers.quoteIdent(tx.hypopgSchema) + ".hypopg_drop_index(?)")) {
                ps.setLong(1, oid);
                ps.execute();
            } catch (SQLException e) {
                log.warn("Could not drop hypothetical index {}: {}", oid, e.getMessage());
            }
        }
        for (String name : tx.preparedNames) {
            try (Statement s = c.createStatement()) {
                s.execute(TAG + " DEALLOCATE " + TAG + " " + name);
            } catch (SQLException e) {
                log.warn("Could not deallocate {}: {}", name, e.getMessage());
            }
        }
        try {
            c.setNetworkTimeout(Runnable::run, previousNetworkTimeout);
        } catch (SQLException e) {
            log.debug("Could not restore the network timeout", e);
        }
    }

    private ExplainOutcome run(Tx tx, ExplainRequest request, CheckedStatement st)
            throws SQLException, Refusal, PlanFormatException {
        ExplainOptions options = request.options();
        Optional<String> unsafe = FunctionSafety.check(tx.connection, tx.versionNum, st.functions(), options.analyze());
        if (unsafe.isPresent()) {
            throw new Refusal(unsafe.get());
        }
        PlanMode mode = mode(st, request, tx.versionNum);
        if (options.analyze()) {
            String safetyJson = explain(tx, st, mode, List.of("FORMAT JSON", "VERBOSE"), request.parameterValues());
            List<QueryPlan> safetyPlans = PlanJson.parse(safetyJson);
            for (QueryPlan p : safetyPlans) {
                checkPlanCannotWrite(p);
            }
            Optional<String> planUnsafe = FunctionSafety.check(tx.connection, tx.versionNum, planFunctions(safetyPlans), true);
            if (planUnsafe.isPresent()) {
                throw new Refusal(planUnsafe.get());
            }
        }
        String json = explain(tx, st, mode, explainOptions(options, "JSON"), request.parameterValues());
        List<QueryPlan> plans = PlanJson.parse(json);
        Optional<String> text = options.analyze() ? Optional.empty()
                : Optional.of(explain(tx, st, mode, explainOptions(options, "TEXT"), request.parameterValues()));
        List<String> notes = new ArrayList<>();
        if (mode != PlanMode.PLAIN) {
            notes.add("Plan: " + mode.description() + ".");
        }
        if (plans.size() > 1) {
            notes.add("The statement produced " + plans.size() + " plans (a rewrite rule); the first is shown.");
        }
        if (options.analyze()) {
            notes.add("The statement was executed inside a read-only transaction that was rolled back.");
        }
        List<TableStats> stats = tableStats(tx, plans);
        return new ExplainOutcome.Plan(st, plans, json, text, mode, options.analyze(), notes, stats);
    }

    private static PlanMode mode(CheckedStatement st, ExplainRequest request, int versionNum) {
        if (st.parameterCount() == 0) {
            return PlanMode.PLAIN;
        }
        if (!request.parameterValues().isEmpty()) {
            return PlanMode.BOUND_VALUES;
        }
        return versionNum >= 160000 ? PlanMode.GENERIC_PLAN : PlanMode.PREPARED_GENERIC;
    }

    private static List<String> explainOptions(ExplainOptions o, String format) {
        List<String> out = new ArrayList<>();
        out.add("FORMAT " + format);
        if (o.analyze()) {
            out.add("ANALYZE");
        }
        if (o.buffers()) {
            out.add("BUFFERS");
        }
        if (o.verbose()) {
            out.add("VERBOSE");
        }
        if (o.settings()) {
            out.add("SETTINGS");
        }
        return out;
    }

    /**
     * One EXPLAIN of the checked statement; the result rows joined by newlines. Everything goes
     * through a prepared statement, so a jsonb {@code ?} operator is always sent doubled.
     */
    private String explain(Tx tx, CheckedStatement st, PlanMode mode, List<String> options, List<String> values)
            throws SQLException, Refusal {
        List<String> opts = new ArrayList<>(options);
        String prefix = TAG + " EXPLAIN " + TAG + " (";
        switch (mode) {
            case PLAIN -> {
                return query(tx, prefix + String.join(", ", opts) + ") " + st.jdbcText().sql(), List.of());
            }
            case GENERIC_PLAN -> {
                opts.add("GENERIC_PLAN");
                return genericPlan(tx, st, prefix + String.join(", ", opts) + ") ");
            }
            case PREPARED_GENERIC -> {
                String name = "pgpulse_explain_" + PREPARED_SEQUENCE.incrementAndGet();
                String prepare = TAG + " PREPARE " + TAG + " " + name + " AS " + st.text();
                requireSingle(prepare, false);
                tx.preparedNames.add(name);
                tx.execute(prepare);
                tx.execute(TAG + " SET " + TAG + " LOCAL plan_cache_mode = force_generic_plan");
                String nulls = Collections.nCopies(st.parameterCount(), "NULL").stream().collect(Collectors.joining(", "));
                return query(tx, prefix + String.join(", ", opts) + ") EXECUTE " + name + "(" + nulls + ")", List.of());
            }
            case BOUND_VALUES -> {
                CheckedStatement.JdbcText jdbc = st.jdbcText();
                List<String> bound = new ArrayList<>();
                for (int n : jdbc.parameterOrder()) {
                    bound.add(values.get(n - 1));
                }
                return query(tx, prefix + String.join(", ", opts) + ") " + jdbc.sql(), bound);
            }
            default -> throw new IllegalStateException(mode.name());
        }
    }

    /**
     * EXPLAIN (GENERIC_PLAN) must reach the server with its {@code $n} unbound: over the extended
     * protocol each would be a protocol parameter needing a value, and bound values are folded
     * into the plan (a NULL turns the scan into "One-Time Filter: false"). So it is sent with the
     * simple protocol, which would run several statements if the text had them: before that the
     * server itself parses an equivalent text (Parse/Describe, never executed), which refuses
     * more than one command, on top of the lexer's and the driver's verdicts.
     */
    private String genericPlan(Tx tx, CheckedStatement st, String prefix) throws SQLException, Refusal {
        String simple = prefix + st.text();
        requireSingle(simple, false);
        String extended = prefix + st.jdbcText().sql();
        requireSingle(extended, true);
        try (PreparedStatement check = tx.connection.prepareStatement(extended)) {
            tx.track(check);
            check.getParameterMetaData();
        } finally {
            current = null;
        }
        StringBuilder out = new StringBuilder();
        try (Statement s = tx.connection.createStatement()) {
            tx.track(s);
            BaseStatement base = s.unwrap(BaseStatement.class);
            base.executeWithFlags(simple, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
            try (ResultSet rs = base.getResultSet()) {
                while (rs.next()) {
                    if (out.length() > 0) {
                        out.append('\n');
                    }
                    out.append(rs.getString(1));
                }
            }
        } finally {
            current = null;
        }
        return out.toString();
    }

    private String query(Tx tx, String sql, List<String> bindValues) throws SQLException, Refusal {
        requireSingle(sql, true);
        StringBuilder out = new StringBuilder();
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            for (int i = 0; i < bindValues.size(); i++) {
                String v = bindValues.get(i);
                if (v == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    // Types.OTHER sends the value untyped, so the server casts it to the inferred parameter type.
                    ps.setObject(i + 1, v, Types.OTHER);
                }
            }
            tx.track(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.length() > 0) {
                        out.append('\n');
                    }
                    out.append(rs.getString(1));
                }
            }
        } finally {
            current = null;
        }
        return out.toString();
    }

    /**
     * pgjdbc splits on semicolons by its own reading of the text; the lexer has already decided
     * there is one statement, and this makes sure the driver sees it the same way.
     */
    private static void requireSingle(String sql, boolean withParameters) throws Refusal {
        try {
            List<NativeQuery> parts = Parser.parseJdbcSql(sql, true, withParameters, true, false, false);
            if (parts.size() != 1) {
                throw new Refusal("The driver would split this text into " + parts.size()
                        + " statements; it is not sent.");
            }
        } catch (SQLException e) {
            throw new Refusal("The driver cannot read this text: " + e.getMessage());
        }
    }

    private static void checkPlanCannotWrite(QueryPlan plan) throws Refusal {
        for (PlanNode n : plan.nodes()) {
            if (n.nodeType().equals("ModifyTable") || n.operation() != null) {
                throw new Refusal("The plan modifies data (" + n.nodeType()
                        + (n.operation() != null ? ": " + n.operation() : "")
                        + (n.relationName() != null ? " on " + n.relationName() : "")
                        + "): EXPLAIN ANALYZE would execute it. Only the plan without ANALYZE is available.");
            }
            if (n.nodeType().equals("LockRows")) {
                throw new Refusal("The plan locks rows (LockRows): EXPLAIN ANALYZE would take the locks. "
                        + "Only the plan without ANALYZE is available.");
            }
        }
    }

    /** Function calls in every expression of a VERBOSE plan: what views and policies call shows up here. */
    static Set<FunctionName> planFunctions(List<QueryPlan> plans) {
        Set<FunctionName> out = new LinkedHashSet<>();
        for (QueryPlan p : plans) {
            for (PlanNode n : p.nodes()) {
                List<String> texts = new ArrayList<>();
                Collections.addAll(texts, n.filter(), n.joinFilter(), n.indexCond(), n.recheckCond(), n.hashCond(),
                        n.mergeCond(), n.runCondition(), n.functionName());
                texts.addAll(n.output());
                texts.addAll(n.sortKey());
                texts.addAll(n.groupKey());
                collectStrings(n.extras().values(), texts);
                for (String t : texts) {
                    if (t == null || t.indexOf('(') < 0) {
                        continue;
                    }
                    try {
                        out.addAll(StatementSplitter.functions(SqlLexer.tokenize(t)));
                    } catch (SqlLexer.LexException e) {
                        // Deparsed expressions are SQL; a label that is not is no function call.
                        log.debug("Plan text not lexed: {}", e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    private static void collectStrings(java.util.Collection<?> values, List<String> into) {
        for (Object v : values) {
            if (v instanceof String s) {
                into.add(s);
            } else if (v instanceof java.util.Collection<?> c) {
                collectStrings(c, into);
            } else if (v instanceof java.util.Map<?, ?> m) {
                collectStrings(m.values(), into);
            }
        }
    }

    private HypotheticalIndexCheck verify(Tx tx, ExplainRequest request, CheckedStatement st, List<String> ddl)
            throws SQLException, Refusal, PlanFormatException {
        Optional<String> unsafe = FunctionSafety.check(tx.connection, tx.versionNum, st.functions(), false);
        if (unsafe.isPresent()) {
            throw new Refusal(unsafe.get());
        }
        try (PreparedStatement ps = tx.connection.prepareStatement(ExplainQuery.HYPOPG_SCHEMA.sql(tx.versionNum));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            tx.hypopgSchema = rs.getString(1);
        }
        if (tx.hypopgSchema == null) {
            int major = tx.versionNum / 10000;
            return new HypotheticalIndexCheck.Unavailable("hypopg is not installed in this database, so the suggestions "
                    + "are not verified.", "Install the package postgresql-" + major + "-hypopg on the server, then run "
                    + "CREATE EXTENSION hypopg; in this database (PgPulse never creates extensions itself).");
        }
        PlanMode mode = mode(st, request, tx.versionNum);
        List<String> json = List.of("FORMAT JSON");
        double before = PlanJson.parseOne(explain(tx, st, mode, json, request.parameterValues())).root().totalCost();
        String create = TAG + " SELECT " + TAG + " indexrelid, indexname FROM "
                + io.pgpulse.core.catalog.Identifiers.quoteIdent(tx.hypopgSchema) + ".hypopg_create_index(?)";
        String drop = TAG + " SELECT " + TAG + " "
                + io.pgpulse.core.catalog.Identifiers.quoteIdent(tx.hypopgSchema) + ".hypopg_drop_index(?)";
        List<HypotheticalIndexCheck.Result> results = new ArrayList<>();
        for (String statement : ddl) {
            long oid;
            String indexName;
            tx.execute(TAG + " SAVEPOINT " + TAG + " pgpulse_hypothetical");
            try (PreparedStatement ps = tx.connection.prepareStatement(create)) {
                ps.setString(1, statement);
                tx.track(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    oid = rs.getLong(1);
                    indexName = rs.getString(2);
                }
            } catch (SQLException e) {
                tx.execute(TAG + " ROLLBACK " + TAG + " TO SAVEPOINT pgpulse_hypothetical");
                results.add(new HypotheticalIndexCheck.Result(statement, OptionalDouble.empty(), false, message(e)));
                continue;
            } finally {
                current = null;
            }
            tx.hypotheticalOids.add(oid);
            QueryPlan after = PlanJson.parseOne(explain(tx, st, mode, json, request.parameterValues()));
            boolean used = after.nodes().stream().anyMatch(n -> indexName.equals(n.indexName()));
            results.add(new HypotheticalIndexCheck.Result(statement, OptionalDouble.of(after.root().totalCost()), used, null));
            try (PreparedStatement ps = tx.connection.prepareStatement(drop)) {
                ps.setLong(1, oid);
                ps.execute();
            }
            tx.hypotheticalOids.remove(Long.valueOf(oid));
        }
        return new HypotheticalIndexCheck.Verified(before, results);
    }

    private static List<TableStats> tableStats(Tx tx, List<QueryPlan> plans) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (QueryPlan p : plans) {
            for (PlanNode n : p.nodes()) {
                if (n.relationName() != null) {
                    names.add(n.relationName());
                }
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        List<TableStats> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(ExplainQuery.TABLE_STATS.sql(tx.versionNum))) {
            ps.setArray(1, tx.connection.createArrayOf("text", names.toArray(new String[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant manual = instant(rs.getTimestamp("last_analyze"));
                    Instant auto = instant(rs.getTimestamp("last_autoanalyze"));
                    Instant last = manual == null ? auto : auto == null ? manual : manual.isAfter(auto) ? manual : auto;
                    out.add(new TableStats(rs.getString("schema_name"), rs.getString("table_name"),
                            rs.getBoolean("visible"), rs.getLong("n_live_tup"), rs.getLong("n_dead_tup"),
                            rs.getLong("n_mod_since_analyze"), rs.getDouble("reltuples"), last,
                            instant(rs.getTimestamp("server_now"))));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static ExplainOutcome failure(SQLException e, ExplainOptions options) {
        String state = e.getSQLState();
        String msg = message(e);
        log.info("EXPLAIN failed ({}): {}", state, msg);
        if ("57014".equals(state)) {
            return new ExplainOutcome.Failed(msg.contains("statement timeout")
                    ? "The EXPLAIN ran longer than the statement timeout (" + options.statementTimeout().toMillis() / 1000.0
                    + " s) and the server cancelled it; nothing was changed."
                    : "Cancelled; nothing was changed.", state);
        }
        if ("55P03".equals(state)) {
            return new ExplainOutcome.Failed("A table the statement needs is locked (" + msg + "): a migration or a "
                    + "long transaction holds a conflicting lock. PgPulse gave up after lock_timeout ("
                    + options.lockTimeout().toMillis() + " ms) instead of queueing behind it.", state);
        }
        if ("42501".equals(state)) {
            return new ExplainOutcome.Failed(msg + ". EXPLAIN checks privileges as if it ran the statement: SELECT on "
                    + "every table it reads (e.g. GRANT pg_read_all_data TO the monitoring role), and for INSERT, UPDATE, "
                    + "DELETE or MERGE that privilege too, which a read-only monitoring role should not have.", state);
        }
        if ("42P18".equals(state)) {
            return new ExplainOutcome.Failed("No generic plan: " + msg + ". PostgreSQL cannot infer the type of that "
                    + "parameter from the statement; give a value for each parameter or cast it (e.g. $1::integer).", state);
        }
        if ("25006".equals(state)) {
            return new ExplainOutcome.Failed("Stopped by the read-only transaction: " + msg + ". Nothing was changed.", state);
        }
        return new ExplainOutcome.Failed(msg, state);
    }

    /** The server's primary message and hint, without the "ERROR:" prefix; redacted. */
    private static String message(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            String text = m.getMessage() + (m.getHint() != null ? " (hint: " + m.getHint() + ")" : "");
            return Redactor.redact(text);
        }
        return Redactor.redact(String.valueOf(e.getMessage()));
    }
}
