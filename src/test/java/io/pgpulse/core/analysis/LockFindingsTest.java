package io.pgpulse.core.analysis;

import static io.pgpulse.core.analysis.Sessions.NOW;
import static io.pgpulse.core.analysis.Sessions.holds;
import static io.pgpulse.core.analysis.Sessions.session;
import static io.pgpulse.core.analysis.Sessions.waits;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.LockRow;

class LockFindingsTest {

    private static List<Finding> of(List<ActivityRow> rows, List<LockRow> locks) {
        return LockFindings.of(BlockingTrees.of(rows, locks, NOW));
    }

    private static List<Finding> ofKind(List<Finding> findings, String kind) {
        return findings.stream().filter(f -> f.kind().equals(kind)).toList();
    }

    @Test
    void migrationStuckBehindAnIdleTransactionIsReportedWithTheNumbersThatMatter() {
        List<Finding> findings = LockFindings.of(BlockingTrees.of(Incident.snapshot()));

        Finding stall = ofKind(findings, "migration_stall").get(0);
        assertThat(stall.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(stall.summary()).isEqualTo("ALTER TABLE (pid 200) on public.orders has waited 42 s for an"
                + " AccessExclusiveLock held up by pid 100 (idle in transaction for 12 min); 5 queries are queued"
                + " behind it.");
        assertThat(stall.evidence()).containsEntry("ddl_pid", 200).containsEntry("statement", "ALTER TABLE")
                .containsEntry("relation", "public.orders").containsEntry("lock_mode", "AccessExclusiveLock")
                .containsEntry("waiting_seconds", 42.0).containsEntry("blocker_pid", 100)
                .containsEntry("blocker_state", "idle in transaction").containsEntry("blocker_state_seconds", 720.0)
                .containsEntry("blocker_xact_seconds", 900.0).containsEntry("blocker_application", "billing")
                .containsEntry("root_pid", 100).containsEntry("queued_queries", 5)
                .containsEntry("longest_queued_wait_seconds", 40.0);
        assertThat(stall.advice().now()).contains("SELECT pg_cancel_backend(200);")
                .contains("SELECT pg_terminate_backend(100);").contains("cancelling does nothing");
        assertThat(stall.advice().nextTime()).contains("SET lock_timeout = '5s'").contains("retry")
                .contains("backwards-compatible");
    }

    @Test
    void rowLockChainIsBlockedSessionsButNotAMigrationStall() {
        List<Finding> findings = LockFindings.of(List.of(BlockingTrees.of(Incident.snapshot()).get(1)));

        assertThat(findings).extracting(Finding::kind).containsExactly("blocked_sessions");
        assertThat(findings.get(0).severity()).as("longest wait 15 s").isEqualTo(Severity.WARNING);
        assertThat(findings.get(0).summary()).isEqualTo("2 sessions are waiting for locks (longest 15 s); pid 400"
                + " (active for 20 s, application \"worker\") holds up 2 of them.");
    }

    @Test
    void blockedSessionsSummarisesEveryTreeAndIsCriticalOnceAWaitPassesAMinute() {
        List<Finding> findings = LockFindings.of(BlockingTrees.of(Incident.snapshot()));

        assertThat(findings).extracting(Finding::kind).containsExactly("migration_stall", "blocked_sessions");
        Finding blocked = findings.get(1);
        assertThat(blocked.severity()).as("longest wait 42 s, 8 waiting").isEqualTo(Severity.WARNING);
        assertThat(blocked.summary()).isEqualTo("8 sessions are waiting for locks (longest 42 s) in 2 blocking trees;"
                + " pid 100 (idle in transaction for 12 min, application \"billing\") holds up 6 of them.");
        assertThat(blocked.evidence()).containsEntry("waiting_sessions", 8).containsEntry("blocking_trees", 2)
                .containsEntry("top_root_pid", 100).containsEntry("top_root_waiters", 6)
                .containsEntry("deadlock_pids", List.of());

        List<Finding> later = of(List.of(session(1).build(), session(2).waitsFor(1).build()),
                List.of(waits(2, "RowExclusiveLock", "public.t", 5, Duration.ofSeconds(61))));
        assertThat(later.get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shortWaitsAreOnlyInformation() {
        List<Finding> findings = of(List.of(session(1).build(), session(2).waitsFor(1).build()),
                List.of(waits(2, "RowExclusiveLock", "public.t", 5, Duration.ofMillis(300))));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.summary()).isEqualTo("1 session is waiting for locks (longest 300 ms); pid 1 (active for 1.0 s,"
                    + " application \"web\") holds it up.");
        });
    }

    @Test
    void ddlWithNobodyQueuedBehindItIsNotAStall() {
        List<Finding> findings = of(
                List.of(session(1).build(), session(2).query("ALTER TABLE t ADD c int").waitsFor(1).build()),
                List.of(holds(1, "AccessShareLock", "public.t", 5),
                        waits(2, "AccessExclusiveLock", "public.t", 5, Duration.ofSeconds(10))));

        assertThat(findings).extracting(Finding::kind).containsExactly("blocked_sessions");
    }

    @Test
    void createIndexBehindARunningQueryStallsWritesAndAdvisesCancellingFirst() {
        List<ActivityRow> rows = List.of(
                session(1).state("active", Duration.ofMinutes(3)).xact(Duration.ofMinutes(3))
                        .query("SELECT count(*) FROM events").build(),
                session(2).query("/* migration 42 */ CREATE UNIQUE INDEX events_key ON events (key)").waitsFor(1).build(),
                session(3).query("INSERT INTO events VALUES ($1)").waitsFor(2).build());
        List<LockRow> locks = List.of(
                holds(1, "AccessShareLock", "public.events", 7),
                waits(2, "ShareLock", "public.events", 7, Duration.ofSeconds(20)),
                waits(3, "RowExclusiveLock", "public.events", 7, Duration.ofSeconds(12)));

        Finding stall = ofKind(of(rows, locks), "migration_stall").get(0);

        assertThat(stall.summary()).isEqualTo("CREATE UNIQUE INDEX (pid 2) on public.events has waited 20 s for a"
                + " ShareLock held up by pid 1 (active for 3 min); 1 query is queued behind it.");
        assertThat(stall.advice().now()).contains("SELECT pg_cancel_backend(1);")
                .doesNotContain("cancelling does nothing");
    }

    @Test
    void queuedSessionsThatAlsoWaitForTheHolderStillCountAsQueuedBehindTheDdl() {
        // The holder's ShareLock conflicts with the writes too, so they name both pids.
        List<ActivityRow> rows = List.of(
                session(1).state("idle in transaction", Duration.ofMinutes(5)).build(),
                session(2).query("ALTER TABLE t DROP COLUMN c").waitsFor(1).build(),
                session(3).waitsFor(1, 2).build(),
                session(4).waitsFor(1, 2).build());
        List<LockRow> locks = List.of(holds(1, "ShareLock", "public.t", 5),
                waits(2, "AccessExclusiveLock", "public.t", 5, Duration.ofSeconds(9)),
                waits(3, "RowExclusiveLock", "public.t", 5, Duration.ofSeconds(8)),
                waits(4, "RowExclusiveLock", "public.t", 5, Duration.ofSeconds(7)));

        Finding stall = ofKind(of(rows, locks), "migration_stall").get(0);

        assertThat(stall.evidence()).containsEntry("queued_queries", 2);
    }

    @Test
    void deadlockInProgressIsNamedInTheSummary() {
        List<Finding> findings = of(List.of(session(7).waitsFor(8).build(), session(8).waitsFor(7).build()), List.of());

        assertThat(findings.get(0).summary()).contains("pids 7 and 8 wait for each other (a deadlock");
        assertThat(findings.get(0).evidence()).containsEntry("deadlock_pids", List.of(7, 8));
    }

    @Test
    void noTreesNoFindings() {
        assertThat(LockFindings.of(List.of())).isEmpty();
    }
}
