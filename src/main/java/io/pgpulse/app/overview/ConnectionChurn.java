package io.pgpulse.app.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.Remedy;
import io.pgpulse.core.analysis.SessionState;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.Snapshot;

/**
 * Who opens all those connections. pg_stat_database.sessions gives the server-wide rate of new
 * sessions but not who opened them; a session's {@code backend_start} does, for the sessions
 * that are still there when the poll looks. Short-lived sessions are mostly missed, so the
 * per-application count is a sample that names the culprit, not a measurement of its rate.
 *
 * <p>Not thread-safe: fed one snapshot at a time, in order.
 */
final class ConnectionChurn {
    /** New sessions per second, averaged over {@link #SPAN}, that a pooled application never reaches. */
    static final double WARNING_RATE = 5.0;
    static final Duration SPAN = Duration.ofSeconds(60);

    private final Deque<Tick> ticks = new ArrayDeque<>();
    private Instant previous;

    private record Tick(Instant at, Map<String, Integer> newByApplication) {
    }

    /**
     * Counts the sessions that started since the previous snapshot and, if the average rate of new
     * sessions over the last minute is high, says so and names the application seen opening most.
     *
     * @param averageRate new sessions per second over the last minute (server-wide); empty when unknown
     */
    Optional<Finding> update(Snapshot s, OptionalDouble averageRate) {
        if (s.isFresh(Section.ACTIVITY)) {
            Map<String, Integer> fresh = new HashMap<>();
            if (previous != null) {
                for (ActivityRow row : s.activity()) {
                    if (row.isClientBackend() && row.backendStart() != null && row.backendStart().isAfter(previous)) {
                        String who = source(row);
                        if (who != null) {
                            fresh.merge(who, 1, Integer::sum);
                        }
                    }
                }
            }
            ticks.addLast(new Tick(s.takenAt(), fresh));
            previous = s.takenAt();
        }
        Instant horizon = s.takenAt().minus(SPAN);
        while (!ticks.isEmpty() && ticks.peekFirst().at().isBefore(horizon)) {
            ticks.removeFirst();
        }
        if (averageRate.isEmpty() || averageRate.getAsDouble() < WARNING_RATE) {
            return Optional.empty();
        }
        return Optional.of(finding(averageRate.getAsDouble()));
    }

    /** New sessions seen per source ({@link #source}) over the last minute, most first. */
    Map<String, Integer> seenByApplication() {
        Map<String, Integer> total = new HashMap<>();
        for (Tick t : ticks) {
            t.newByApplication().forEach((app, n) -> total.merge(app, n, Integer::sum));
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        total.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private Finding finding(double rate) {
        Map<String, Integer> seen = seenByApplication();
        Map.Entry<String, Integer> top = seen.entrySet().stream().findFirst().orElse(null);
        String who = top == null ? null : top.getKey();
        StringBuilder summary = new StringBuilder("Many short-lived connections: ")
                .append(Humanize.rate(rate).replace(" /s", "")).append(" new sessions per second over the last minute");
        if (top != null) {
            summary.append(", most seen from ").append(who).append(" (")
                    .append(Humanize.count(top.getValue(), "new session", "new sessions")).append(" caught by the polls)");
        }
        summary.append('.');
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("new_sessions_per_second", Math.round(rate * 10) / 10.0);
        evidence.put("top_source", top == null ? null : top.getKey());
        evidence.put("top_source_new_sessions_seen", top == null ? null : top.getValue());
        String subject = who == null ? "the clients that connect per request" : who;
        Remedy remedy = new Remedy(
                "Put a pooler (PgBouncer, transaction mode) in front of the database for " + subject
                        + ", or make it reuse connections from a pool; if it already has one, lower the pool size"
                        + " and raise its idle timeout and max lifetime so connections are not recycled constantly.",
                "Serverless functions and per-request scripts must connect through a pooler (PgBouncer, RDS Proxy,"
                        + " Supavisor); size application pools so their sum stays below the usable connections.");
        return new Finding("connection_churn", Severity.WARNING, summary.toString(), evidence, remedy);
    }

    /**
     * Who opened a session, as specific as pg_stat_activity allows: the application, else the role
     * and client address. A session caught while still starting up has none of these yet and is
     * not counted, or it would drown the real names.
     */
    private static String source(ActivityRow row) {
        if (row.application() != null && !row.application().isEmpty()) {
            return "application \"" + row.application() + "\"";
        }
        // PostgreSQL 18 lists a backend while it is still authenticating ("starting"), before its
        // application_name is known; earlier versions show no state for sessions this role may not see.
        if (row.user() == null || SessionState.of(row.state()) == SessionState.OTHER) {
            return null;
        }
        return "role " + row.user() + (row.clientAddr() == null ? " (local socket)" : " from " + row.clientAddr());
    }
}
