package io.pgpulse.core.alerts;

import static io.pgpulse.core.analysis.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pgpulse.core.analysis.Incident;
import io.pgpulse.core.analysis.Sessions;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Snapshot;

import org.junit.jupiter.api.Test;

class AlertEngineTest {
    /** 100 connections, 3 reserved for superusers: 97 usable, so n used is n/97 of usable. */
    private static Snapshot used(int clientBackends) {
        return Sessions.snapshot(Sessions.server(clientBackends), List.of());
    }

    private static Snapshot withActivity(List<ActivityRow> rows) {
        return Sessions.snapshot(Sessions.server(rows.size() + 2), rows);
    }

    private final AlertEngine engine = new AlertEngine(AlertRules.defaults());
    private Instant clock = Sessions.NOW;

    private List<AlertEvent> feed(Snapshot s) {
        clock = clock.plusSeconds(2);
        return engine.evaluate(s, clock);
    }

    private List<AlertEvent> connectionEvents(int... clientBackends) {
        List<AlertEvent> all = new ArrayList<>();
        for (int n : clientBackends) {
            feed(used(n)).stream().filter(e -> e.kind() == AlertKind.CONNECTIONS_USED).forEach(all::add);
        }
        return all;
    }

    @Test
    void connectionsAlertIsRaisedOnceWhileTheValueHoversAboveTheClearThreshold() {
        // 70 %, then 82 %, 86 %, 79 %, 81 %, 76 %, 80 % of usable: over the warning threshold once, never below 75 %.
        List<AlertEvent> events = connectionEvents(68, 80, 83, 77, 79, 74, 78);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEvent.Type.RAISED);
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
            assertThat(e.value()).isCloseTo(82.47, org.assertj.core.data.Offset.offset(0.01));
            assertThat(e.summary()).contains("80 of 97 usable connections in use (82 %)").contains("warning at 80 %");
            assertThat(e.evidence()).containsEntry("used_connections", 80).containsEntry("usable_connections", 97);
        });
        assertThat(engine.active()).singleElement().extracting(ActiveAlert::kind).isEqualTo(AlertKind.CONNECTIONS_USED);
    }

    @Test
    void connectionsAlertClearsOnlyBelowTheClearThresholdAndThenCanBeRaisedAgain() {
        List<AlertEvent> events = connectionEvents(80, 72, 74, 80);

        assertThat(events).extracting(AlertEvent::type)
                .containsExactly(AlertEvent.Type.RAISED, AlertEvent.Type.CLEARED, AlertEvent.Type.RAISED);
        assertThat(events.get(1).summary()).startsWith("Connections in use back to normal").contains("below 75 %");
        assertThat(events.get(1).at()).isEqualTo(Sessions.NOW.plusSeconds(4));
    }

    @Test
    void escalationHappensOnceAndCriticalStaysUntilTheAlertClears() {
        // 82 % warning, 96 % critical, back to 90 % and up to 97 %: still the same critical alert; 72 % clears it.
        List<AlertEvent> events = connectionEvents(80, 93, 87, 94, 70);

        assertThat(events).extracting(AlertEvent::type, AlertEvent::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertEvent.Type.RAISED, Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple(AlertEvent.Type.ESCALATED, Severity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(AlertEvent.Type.CLEARED, Severity.CRITICAL));
        assertThat(events.get(1).summary()).contains("now critical").contains("critical at 95 %");
    }

    @Test
    void aValueAlreadyPastCriticalIsRaisedAsCritical() {
        assertThat(connectionEvents(95)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEvent.Type.RAISED);
            assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void blockedSessionsAreRaisedOnlyAfterTheyStayBlockedForTenSeconds() {
        Snapshot blocked = Incident.snapshot();
        Instant t0 = Sessions.NOW;

        assertThat(engine.evaluate(blocked, t0)).noneMatch(e -> e.kind() == AlertKind.BLOCKED_SESSIONS);
        assertThat(engine.evaluate(blocked, t0.plusSeconds(6))).noneMatch(e -> e.kind() == AlertKind.BLOCKED_SESSIONS);
        List<AlertEvent> later = engine.evaluate(blocked, t0.plusSeconds(10));

        assertThat(later).filteredOn(e -> e.kind() == AlertKind.BLOCKED_SESSIONS).singleElement().satisfies(e -> {
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
            assertThat(e.value()).isEqualTo(8);
            assertThat(e.summary()).contains("8 sessions are waiting for a lock").contains("the longest, pid 200, for 42 s")
                    .contains("held up by pid 100, pid 400").contains("for 10 s");
            assertThat(e.evidence()).containsEntry("blocking_pids", List.of(100, 400))
                    .containsEntry("longest_wait_seconds", 42.0);
        });
    }

    @Test
    void aShortLockWaitThatEndsBeforeTheSustainTimeRaisesNothing() {
        Snapshot blocked = Incident.snapshot();
        Snapshot calm = withActivity(Sessions.many(500, 3, pid -> session(pid).idle()));

        engine.evaluate(blocked, Sessions.NOW);
        engine.evaluate(calm, Sessions.NOW.plusSeconds(5));
        List<AlertEvent> events = engine.evaluate(blocked, Sessions.NOW.plusSeconds(12));

        assertThat(events).noneMatch(e -> e.kind() == AlertKind.BLOCKED_SESSIONS);
    }

    @Test
    void idleInTransactionAgeWarnsAfterAMinuteAndEscalatesAfterFive() {
        Snapshot ninetySeconds = withActivity(List.of(session(42).app("billing").user("billing")
                .state("idle in transaction", Duration.ofSeconds(90)).xact(Duration.ofSeconds(95)).build()));
        Snapshot sixMinutes = withActivity(List.of(session(42).app("billing").user("billing")
                .state("idle in transaction", Duration.ofMinutes(6)).xact(Duration.ofMinutes(6)).build()));

        List<AlertEvent> first = feed(ninetySeconds);
        List<AlertEvent> second = feed(sixMinutes);

        assertThat(first).filteredOn(e -> e.kind() == AlertKind.IDLE_IN_TRANSACTION).singleElement().satisfies(e -> {
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
            assertThat(e.summary()).contains("pid 42 (application \"billing\", user billing) has been idle in transaction for 1 min 30 s");
            assertThat(e.evidence()).containsEntry("oldest_pid", 42).containsEntry("oldest_idle_seconds", 90.0);
        });
        assertThat(second).filteredOn(e -> e.kind() == AlertKind.IDLE_IN_TRANSACTION)
                .singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.ESCALATED);
    }

    @Test
    void longestTransactionNamesTheSessionAndItsQuery() {
        Snapshot s = withActivity(List.of(session(7).app("report").state("active", Duration.ofMinutes(7))
                .xact(Duration.ofMinutes(7)).query("SELECT * FROM orders").build()));

        assertThat(feed(s)).filteredOn(e -> e.kind() == AlertKind.LONGEST_TRANSACTION).singleElement().satisfies(e -> {
            assertThat(e.summary()).contains("pid 7 (application \"report\", active) has had a transaction open for 7 min");
            assertThat(e.evidence()).containsEntry("oldest_query", "SELECT * FROM orders");
        });
    }

    @Test
    void aStaleActivitySectionNeitherRaisesNorClearsSessionAlerts() {
        feed(withActivity(List.of(session(42).state("idle in transaction", Duration.ofMinutes(2)).build())));
        Snapshot lostSight = new Snapshot(2, Sessions.NOW, Sessions.server(2), List.of(), List.of(), List.of(), List.of(),
                null, Map.of(Section.ACTIVITY, new SectionState.Stale(Sessions.NOW, "statement timeout")), null);

        assertThat(feed(lostSight)).noneMatch(e -> e.kind() == AlertKind.IDLE_IN_TRANSACTION);
        assertThat(engine.active()).extracting(ActiveAlert::kind).contains(AlertKind.IDLE_IN_TRANSACTION);
    }

    @Test
    void newThresholdsApplyFromTheNextSnapshot() {
        connectionEvents(80);
        engine.setRules(engine.rules().with(new AlertRule(AlertKind.CONNECTIONS_USED, 90, 95, 85, Duration.ZERO)));

        assertThat(connectionEvents(80)).singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.CLEARED);
        assertThat(connectionEvents(85)).isEmpty();
    }

    @Test
    void defaultsMatchWhatAnOnCallEngineerIsPagedFor() {
        AlertRules d = AlertRules.defaults();

        assertThat(d.get(AlertKind.CONNECTIONS_USED)).extracting(AlertRule::warning, AlertRule::critical, AlertRule::clear)
                .containsExactly(80.0, 95.0, 75.0);
        assertThat(d.get(AlertKind.IDLE_IN_TRANSACTION)).extracting(AlertRule::warning, AlertRule::critical)
                .containsExactly(60.0, 300.0);
        assertThat(d.get(AlertKind.LONGEST_TRANSACTION)).extracting(AlertRule::warning, AlertRule::critical)
                .containsExactly(300.0, 1800.0);
        assertThat(d.get(AlertKind.BLOCKED_SESSIONS)).extracting(AlertRule::warning, AlertRule::critical, AlertRule::sustain)
                .containsExactly(1.0, 10.0, Duration.ofSeconds(10));
    }

    @Test
    void rulesThatCannotWorkAreRejectedWithAReason() {
        assertThat(AlertRule.problem(AlertKind.CONNECTIONS_USED, 80, 70, 75, Duration.ZERO)).contains("critical threshold must be at least");
        assertThat(AlertRule.problem(AlertKind.CONNECTIONS_USED, 80, 95, 85, Duration.ZERO)).contains("clear threshold must not be above");
        assertThat(AlertRule.problem(AlertKind.CONNECTIONS_USED, 80, 120, 75, Duration.ZERO)).contains("at most 100");
        assertThat(AlertRule.problem(AlertKind.BLOCKED_SESSIONS, 0, 10, 0, Duration.ZERO)).contains("at least 1");
        assertThat(AlertRule.problem(AlertKind.BLOCKED_SESSIONS, 1, 10, 1, Duration.ofSeconds(-1))).contains("between 0 s and 1 h");
        assertThatThrownBy(() -> new AlertRule(AlertKind.IDLE_IN_TRANSACTION, -1, 10, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
