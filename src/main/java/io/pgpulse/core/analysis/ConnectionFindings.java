package io.pgpulse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.Snapshot;

/**
 * Findings about connection slots and the sessions that hold them: running out of connections,
 * sessions idling inside a transaction, and transactions left open for a long time.
 *
 * <p>Kinds: {@code connections_near_limit}, {@code idle_in_transaction},
 * {@code long_transaction}, {@code role_or_database_limit_near_cap}.
 */
public final class ConnectionFindings {

    /** Lists of pids in evidence stop here; the report's sections have the rest. */
    static final int MAX_LISTED_PIDS = 20;

    /**
     * @param warningPercent    share of usable connections in use that makes a warning
     * @param criticalPercent   …and a critical finding
     * @param idleInTransaction how long a session may sit idle inside a transaction unremarked
     * @param longTransaction   how long a transaction may stay open unremarked
     */
    public record Thresholds(double warningPercent, double criticalPercent, Duration idleInTransaction,
            Duration longTransaction) {
        public static final Thresholds DEFAULT =
                new Thresholds(80, 95, Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    private ConnectionFindings() {
    }

    public static List<Finding> of(ConnectionBudget budget, Snapshot snapshot) {
        return of(budget, snapshot, Thresholds.DEFAULT);
    }

    public static List<Finding> of(ConnectionBudget budget, Snapshot snapshot, Thresholds thresholds) {
        List<Finding> findings = new ArrayList<>();
        nearLimit(budget, thresholds).ifPresent(findings::add);
        List<ActivityRow> clients = snapshot.activity().stream().filter(ActivityRow::isClientBackend).toList();
        Map<Integer, Integer> directWaiters = directWaiters(snapshot.activity());
        Set<Integer> reported = new HashSet<>();
        idleInTransaction(clients, directWaiters, snapshot.takenAt(), thresholds, reported).ifPresent(findings::add);
        longTransaction(clients, snapshot.takenAt(), thresholds, reported).ifPresent(findings::add);
        for (LimitUsage limit : budget.limitsNearCap()) {
            findings.add(limitNearCap(limit));
        }
        return List.copyOf(findings);
    }

    private static Optional<Finding> nearLimit(ConnectionBudget b, Thresholds t) {
        double percent = b.usedPercentOfUsable();
        if (percent < t.warningPercent()) {
            return Optional.empty();
        }
        Severity severity = percent >= t.criticalPercent() ? Severity.CRITICAL : Severity.WARNING;
        StringBuilder summary = new StringBuilder()
                .append(Humanize.count(b.used())).append(" of ").append(Humanize.count(b.usable()))
                .append(" usable connections are in use (").append(Humanize.percent(percent)).append("); ")
                .append(Humanize.count(b.available())).append(b.available() == 1 ? " is" : " are").append(" free");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("used_connections", b.used());
        evidence.put("usable_connections", b.usable());
        evidence.put("available_connections", b.available());
        evidence.put("max_connections", b.maxConnections());
        evidence.put("used_percent", round1(percent));
        ConnectionGroup top = b.byApplication().isEmpty() ? null : b.byApplication().get(0);
        String holder = "the application holding the most";
        if (top != null) {
            summary.append("; ").append(Describe.application(top.name())).append(" holds ")
                    .append(Humanize.count(top.total())).append(" (")
                    .append(Humanize.count(top.byState().idle())).append(" idle)");
            holder = Describe.application(top.name());
        }
        evidence.put("top_application", top == null ? null : top.name());
        evidence.put("top_application_connections", top == null ? null : top.total());
        evidence.put("top_application_idle_connections", top == null ? null : top.byState().idle());
        summary.append('.');
        Remedy advice = new Remedy(
                "Find out why " + holder + " holds so many sessions (connections.by_application); idle sessions of"
                        + " an over-sized pool can be ended with SELECT pg_terminate_backend(pid) once you know they"
                        + " are safe to drop, or shrink that pool and restart it.",
                "Put a connection pooler (PgBouncer in transaction mode) in front of the database, keep the sum of"
                        + " all application pool sizes below the " + b.usable() + " usable connections, and set"
                        + " idle_session_timeout for roles that leak connections.");
        return Optional.of(new Finding("connections_near_limit", severity, summary.toString(), evidence, advice));
    }

    private static Optional<Finding> idleInTransaction(List<ActivityRow> clients,
            Map<Integer, Integer> directWaiters, Instant now, Thresholds t, Set<Integer> reported) {
        List<ActivityRow> idle = clients.stream()
                .filter(r -> SessionState.of(r.state()).isIdleInTransaction())
                .filter(r -> r.stateAge(now) != null && r.stateAge(now).compareTo(t.idleInTransaction()) > 0)
                .sorted(Comparator.comparing((ActivityRow r) -> r.stateAge(now)).reversed()
                        .thenComparingInt(ActivityRow::pid))
                .toList();
        if (idle.isEmpty()) {
            return Optional.empty();
        }
        idle.forEach(r -> reported.add(r.pid()));
        ActivityRow oldest = idle.get(0);
        int blocked = idle.stream().mapToInt(r -> directWaiters.getOrDefault(r.pid(), 0)).sum();
        int oldestBlocks = directWaiters.getOrDefault(oldest.pid(), 0);
        String who = "pid " + oldest.pid() + " (" + Describe.application(oldest.application())
                + (oldest.user() == null ? "" : ", user " + oldest.user()) + ")";
        StringBuilder summary = new StringBuilder();
        String idleFor = Humanize.duration(oldest.stateAge(now));
        String xactFor = Humanize.duration(oldest.transactionAge(now));
        if (idle.size() == 1) {
            summary.append(capitalize(who)).append(" has been ").append(oldest.state()).append(" for ").append(idleFor)
                    .append(", with its transaction open for ").append(xactFor);
        } else {
            summary.append(Humanize.count(idle.size())).append(" sessions have been idle in transaction for more than ")
                    .append(Humanize.duration(t.idleInTransaction())).append("; the longest, ").append(who)
                    .append(", for ").append(idleFor).append(" with its transaction open for ").append(xactFor);
        }
        if (oldestBlocks > 0) {
            summary.append(", and it blocks ").append(Humanize.count(oldestBlocks, "session", "sessions"));
        }
        summary.append('.');
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("sessions", idle.size());
        evidence.put("oldest_pid", oldest.pid());
        evidence.put("oldest_application", oldest.application());
        evidence.put("oldest_user", oldest.user());
        evidence.put("oldest_database", oldest.database());
        evidence.put("oldest_idle_seconds", Describe.seconds(oldest.stateAge(now)));
        evidence.put("oldest_xact_seconds", Describe.secondsOrNull(oldest.transactionAge(now)));
        evidence.put("blocked_sessions", blocked);
        evidence.put("pids", pids(idle));
        String roleFix = oldest.user() == null ? "the application's role"
                : "ALTER ROLE " + Identifiers.quoteIdent(oldest.user()) + " SET idle_in_transaction_session_timeout = '60s'";
        Remedy advice = new Remedy(
                "Find out in " + Describe.application(oldest.application()) + " what pid " + oldest.pid()
                        + " is waiting for; ending it rolls its transaction back: SELECT pg_terminate_backend("
                        + oldest.pid() + "); (pg_cancel_backend has no effect on an idle session).",
                "Set idle_in_transaction_session_timeout (" + roleFix + ") and fix the application's transaction"
                        + " handling: commit or roll back in a finally block, and make no network calls or user"
                        + " interaction while a transaction is open.");
        Severity severity = blocked > 0 ? Severity.CRITICAL : Severity.WARNING;
        return Optional.of(new Finding("idle_in_transaction", severity, summary.toString(), evidence, advice));
    }

    private static Optional<Finding> longTransaction(List<ActivityRow> clients, Instant now, Thresholds t,
            Set<Integer> alreadyReported) {
        List<ActivityRow> open = clients.stream()
                .filter(r -> !alreadyReported.contains(r.pid()))
                .filter(r -> r.transactionAge(now) != null && r.transactionAge(now).compareTo(t.longTransaction()) > 0)
                .sorted(Comparator.comparing((ActivityRow r) -> r.transactionAge(now)).reversed()
                        .thenComparingInt(ActivityRow::pid))
                .toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        ActivityRow oldest = open.get(0);
        String who = "pid " + oldest.pid() + " (" + Describe.application(oldest.application())
                + (oldest.state() == null ? "" : ", " + oldest.state()) + ")";
        String age = Humanize.duration(oldest.transactionAge(now));
        String summary = open.size() == 1
                ? capitalize(who) + " has had a transaction open for " + age + "."
                : Humanize.count(open.size()) + " transactions have been open for more than "
                        + Humanize.duration(t.longTransaction()) + "; the oldest, " + who + ", for " + age + ".";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("transactions", open.size());
        evidence.put("oldest_pid", oldest.pid());
        evidence.put("oldest_application", oldest.application());
        evidence.put("oldest_state", oldest.state());
        evidence.put("oldest_xact_seconds", Describe.seconds(oldest.transactionAge(now)));
        evidence.put("oldest_query", Describe.abbreviate(oldest.query(), 200));
        evidence.put("pids", pids(open));
        Remedy advice = new Remedy(
                "Check what pid " + oldest.pid() + " is doing; if it is a runaway query, cancel it first: SELECT"
                        + " pg_cancel_backend(" + oldest.pid() + "); and terminate only if that does not end it.",
                "Long transactions hold their locks and keep VACUUM from removing dead rows in every table: set"
                        + " statement_timeout for application roles, split large jobs into short transactions, and"
                        + " on PostgreSQL 17+ consider transaction_timeout.");
        return Optional.of(new Finding("long_transaction", Severity.WARNING, summary, evidence, advice));
    }

    private static Finding limitNearCap(LimitUsage l) {
        boolean role = l.kind() == ConnectionLimit.Kind.ROLE;
        String subject = (role ? "role \"" : "database \"") + l.name() + "\"";
        String summary = capitalize(subject) + " uses " + Humanize.count(l.inUse()) + " of its " + Humanize.count(l.limit())
                + " connections (CONNECTION LIMIT); " + Humanize.count(l.free()) + (l.free() == 1 ? " is" : " are")
                + " free.";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("limit_kind", l.kindLabel());
        evidence.put("name", l.name());
        evidence.put("in_use_connections", l.inUse());
        evidence.put("limit_connections", l.limit());
        evidence.put("free_connections", l.free());
        String alter = (role ? "ALTER ROLE " : "ALTER DATABASE ") + Identifiers.quoteIdent(l.name()) + " CONNECTION LIMIT n;";
        Remedy advice = new Remedy(
                "At the limit, new sessions fail with \"too many connections for " + (role ? "role" : "database")
                        + "\" even while the server has room: end idle sessions of " + subject
                        + " or shrink the pools that use it.",
                "If the load is expected, raise the limit (" + alter + "); otherwise put a pooler in front of it.");
        return new Finding("role_or_database_limit_near_cap", l.free() == 0 ? Severity.CRITICAL : Severity.WARNING,
                summary, evidence, advice);
    }

    private static Map<Integer, Integer> directWaiters(List<ActivityRow> activity) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ActivityRow row : activity) {
            for (int blocker : row.blockedBy()) {
                counts.merge(blocker, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<Integer> pids(List<ActivityRow> rows) {
        return rows.stream().limit(MAX_LISTED_PIDS).map(ActivityRow::pid).toList();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
