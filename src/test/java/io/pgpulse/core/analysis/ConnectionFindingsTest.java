package io.pgpulse.core.analysis;

import static io.pgpulse.core.analysis.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.Snapshot;

class ConnectionFindingsTest {

    private static List<Finding> findings(Snapshot snapshot) {
        return ConnectionFindings.of(ConnectionBudget.of(snapshot), snapshot);
    }

    private static Optional<Finding> kind(List<Finding> findings, String kind) {
        return findings.stream().filter(f -> f.kind().equals(kind)).findFirst();
    }

    /** {@code used} client backends: 2 are the monitor's, the rest mostly idle "web" sessions. */
    private static Snapshot withUsed(int used) {
        List<ActivityRow> rows = new ArrayList<>();
        rows.addAll(Sessions.many(1000, used - 12, pid -> session(pid).idle()));
        rows.addAll(Sessions.many(2000, 10, pid -> session(pid).app("reports")));
        return Sessions.snapshot(Sessions.server(100, 3, 0, used), rows);
    }

    @Test
    void connectionsNearLimitIsAWarningFromEightyPercentOfUsable() {
        assertThat(kind(findings(withUsed(77)), "connections_near_limit")).as("79 %").isEmpty();

        Finding warning = kind(findings(withUsed(80)), "connections_near_limit").orElseThrow();

        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.summary()).isEqualTo("80 of 97 usable connections are in use (82 %); 17 are free;"
                + " application \"web\" holds 68 (68 idle).");
        assertThat(warning.evidence()).containsEntry("used_connections", 80).containsEntry("usable_connections", 97)
                .containsEntry("available_connections", 17).containsEntry("used_percent", 82.5)
                .containsEntry("top_application", "web").containsEntry("top_application_idle_connections", 68);
        assertThat(warning.advice().nextTime()).contains("pooler").contains("97 usable connections");
    }

    @Test
    void connectionsNearLimitIsCriticalFromNinetyFivePercent() {
        Finding critical = kind(findings(withUsed(93)), "connections_near_limit").orElseThrow();

        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(critical.summary()).startsWith("93 of 97 usable connections are in use (96 %); 4 are free;");
    }

    @Test
    void idleInTransactionNamesTheApplicationAndAgeAndIsCriticalWhenItBlocksOthers() {
        Finding f = kind(findings(Incident.snapshot()), "idle_in_transaction").orElseThrow();

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.summary()).isEqualTo("Pid 100 (application \"billing\", user billing) has been idle in"
                + " transaction for 12 min, with its transaction open for 15 min, and it blocks 1 session.");
        assertThat(f.evidence()).containsEntry("sessions", 1).containsEntry("oldest_pid", 100)
                .containsEntry("oldest_application", "billing").containsEntry("oldest_idle_seconds", 720.0)
                .containsEntry("oldest_xact_seconds", 900.0).containsEntry("blocked_sessions", 1)
                .containsEntry("pids", List.of(100));
        assertThat(f.advice().now()).contains("pg_terminate_backend(100)");
        assertThat(f.advice().nextTime())
                .contains("ALTER ROLE billing SET idle_in_transaction_session_timeout = '60s'")
                .contains("transaction handling");
    }

    @Test
    void severalIdleTransactionsAreOneWarningLedByTheLongest() {
        List<ActivityRow> rows = List.of(
                session(1).app("a").state("idle in transaction", Duration.ofSeconds(90)).xact(Duration.ofSeconds(95)).build(),
                session(2).app("b").state("idle in transaction (aborted)", Duration.ofMinutes(4))
                        .xact(Duration.ofMinutes(4)).build(),
                session(3).app("c").state("idle in transaction", Duration.ofSeconds(59)).xact(Duration.ofSeconds(59)).build());

        Finding f = kind(findings(Sessions.snapshot(Sessions.server(3), rows)), "idle_in_transaction").orElseThrow();

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("2 sessions have been idle in transaction for more than 1 min; the longest,"
                + " pid 2 (application \"b\", user app), for 4 min with its transaction open for 4 min.");
        assertThat(f.evidence()).containsEntry("pids", List.of(2, 1));
    }

    @Test
    void longTransactionLeavesOutSessionsAlreadyReportedAsIdleInTransaction() {
        List<ActivityRow> rows = List.of(
                session(1).app("etl").xact(Duration.ofMinutes(42)).query("INSERT INTO facts SELECT * FROM staging").build(),
                session(2).state("idle in transaction", Duration.ofMinutes(10)).xact(Duration.ofMinutes(50)).build(),
                session(3).xact(Duration.ofMinutes(4)).build(),
                session(4).background("autovacuum worker").xact(Duration.ofHours(2)).build());

        List<Finding> findings = findings(Sessions.snapshot(Sessions.server(3), rows));

        Finding f = kind(findings, "long_transaction").orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("Pid 1 (application \"etl\", active) has had a transaction open for 42 min.");
        assertThat(f.evidence()).containsEntry("transactions", 1).containsEntry("oldest_xact_seconds", 2520.0)
                .containsEntry("oldest_query", "INSERT INTO facts SELECT * FROM staging");
        assertThat(f.advice().now()).contains("pg_cancel_backend(1)");
        assertThat(kind(findings, "idle_in_transaction")).isPresent();
    }

    @Test
    void roleLimitNearCapIsAWarningAndAFullOneIsCritical() {
        List<ConnectionLimit> limits = List.of(
                new ConnectionLimit(ConnectionLimit.Kind.ROLE, "app", 50, 48),
                new ConnectionLimit(ConnectionLimit.Kind.DATABASE, "shop", 20, 20),
                new ConnectionLimit(ConnectionLimit.Kind.ROLE, "report", 10, 2));
        Snapshot snapshot = Sessions.snapshot(Sessions.server(10), List.of(), List.of(), limits);

        List<Finding> near = findings(snapshot).stream()
                .filter(f -> f.kind().equals("role_or_database_limit_near_cap")).toList();

        assertThat(near).hasSize(2);
        assertThat(near.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(near.get(0).summary()).isEqualTo(
                "Database \"shop\" uses 20 of its 20 connections (CONNECTION LIMIT); 0 are free.");
        assertThat(near.get(0).advice().nextTime()).contains("ALTER DATABASE shop CONNECTION LIMIT");
        assertThat(near.get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(near.get(1).summary()).isEqualTo("Role \"app\" uses 48 of its 50 connections (CONNECTION LIMIT); 2 are free.");
        assertThat(near.get(1).evidence()).containsEntry("limit_kind", "role").containsEntry("free_connections", 2);
    }

    @Test
    void quietServerHasNoConnectionFindings() {
        assertThat(findings(withUsed(20))).isEmpty();
    }
}
