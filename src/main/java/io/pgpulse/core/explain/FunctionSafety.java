package io.pgpulse.core.explain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether the functions a statement calls may run. A READ ONLY transaction stops writes
 * to tables, but not {@code pg_terminate_backend()}, {@code pg_sleep()}, advisory locks (which
 * outlive a rollback), {@code dblink} (another connection) or {@code lo_export} (a file): under
 * ANALYZE only IMMUTABLE and STABLE functions are allowed, and a few names are refused whatever
 * their declared volatility.
 *
 * <p>Names come from the statement text and, under ANALYZE, from the expressions of the
 * {@code VERBOSE} plan, which shows what views and row-level security policies call. SQL and
 * PL/pgSQL functions outside the system schemas are read too, a few levels deep: a function
 * declared STABLE whose body calls {@code pg_sleep()} is refused, and without ANALYZE as well,
 * because the planner may evaluate such a function while planning.
 */
final class FunctionSafety {
    private static final int MAX_ROUNDS = 4;
    private static final int MAX_NAMES = 500;
    /** Refused under ANALYZE whatever pg_proc says: they signal, sleep, lock beyond the transaction or leave the server. */
    private static final Pattern DENIED = Pattern.compile(
            "pg_terminate_backend|pg_cancel_backend|pg_sleep.*|set_config|nextval|setval|dblink.*|lo_.*"
            + "|pg_advisory.*|pg_try_advisory.*|pg_notify|pg_reload_conf|pg_rotate_logfile|pg_switch_wal"
            + "|pg_promote|pg_create_.*|pg_drop_replication_slot|pg_replication_origin_.*|pg_stat_reset.*"
            + "|pg_stat_statements_reset|pg_file_.*|pg_logical_emit_message|pg_wal_replay_.*|pg_backup_.*"
            + "|hypopg.*");

    private FunctionSafety() {}

    private record Resolved(String schema, String name, char volatility, String definition) {}

    /** Why the functions must not be called; empty when they may. */
    static Optional<String> check(Connection c, int versionNum, Collection<FunctionName> names, boolean analyze)
            throws SQLException {
        if (analyze) {
            for (FunctionName f : names) {
                if (isDenied(f.name())) {
                    return Optional.of(f.name() + "() is never run by EXPLAIN ANALYZE: it can signal sessions, sleep, "
                            + "take locks that outlive the transaction or act outside the database.");
                }
            }
        }
        Set<FunctionName> seen = new LinkedHashSet<>();
        List<FunctionName> pending = new ArrayList<>(names);
        Map<String, String> calledFrom = new HashMap<>();
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty() && seen.size() < MAX_NAMES; round++) {
            pending.removeIf(f -> !seen.add(f));
            if (pending.isEmpty()) {
                break;
            }
            List<FunctionName> next = new ArrayList<>();
            for (Resolved r : resolve(c, versionNum, pending)) {
                String via = calledFrom.get(r.name());
                if (analyze && r.volatility() == 'v') {
                    return Optional.of(r.name() + "() is VOLATILE" + (via == null ? "" : " (called by " + via + "())")
                            + ": EXPLAIN ANALYZE would run it. Only IMMUTABLE and STABLE functions are allowed under ANALYZE.");
                }
                if (r.definition() == null) {
                    continue;
                }
                List<FunctionName> inner;
                try {
                    inner = StatementSplitter.functions(SqlLexer.tokenize(r.definition()));
                } catch (SqlLexer.LexException e) {
                    if (analyze) {
                        return Optional.of("The definition of " + r.schema() + "." + r.name()
                                + "() could not be read, so what it calls is unknown: " + e.getMessage());
                    }
                    continue;
                }
                for (FunctionName f : inner) {
                    if (f.name().equals(r.name())) {
                        continue;
                    }
                    if (isDenied(f.name()) && (analyze || r.volatility() != 'v')) {
                        return Optional.of(r.schema() + "." + r.name() + "() is declared "
                                + volatilityWord(r.volatility()) + " but calls " + f.name() + "()"
                                + (analyze ? ": EXPLAIN ANALYZE would run it." : ": the planner may evaluate it while planning."));
                    }
                    calledFrom.putIfAbsent(f.name(), r.name());
                    next.add(f);
                }
            }
            pending = next;
        }
        return Optional.empty();
    }

    static boolean isDenied(String name) {
        return DENIED.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    private static String volatilityWord(char v) {
        return switch (v) {
            case 'i' -> "IMMUTABLE";
            case 's' -> "STABLE";
            default -> "VOLATILE";
        };
    }

    private static List<Resolved> resolve(Connection c, int versionNum, List<FunctionName> names) throws SQLException {
        List<String> plain = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        List<String> qualified = new ArrayList<>();
        for (FunctionName f : names) {
            if (f.schema() == null) {
                plain.add(f.name());
            } else {
                schemas.add(f.schema());
                qualified.add(f.name());
            }
        }
        List<Resolved> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ExplainQuery.FUNCTIONS.sql(versionNum))) {
            ps.setArray(1, textArray(c, plain));
            ps.setArray(2, textArray(c, schemas));
            ps.setArray(3, textArray(c, qualified));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String v = rs.getString("volatility");
                    out.add(new Resolved(rs.getString("schema_name"), rs.getString("function_name"),
                            v == null || v.isEmpty() ? 'v' : v.charAt(0), rs.getString("definition")));
                }
            }
        }
        return out;
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(new String[0]));
    }
}
