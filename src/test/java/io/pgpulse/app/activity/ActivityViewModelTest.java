package io.pgpulse.app.activity;

import static io.pgpulse.core.analysis.Sessions.NOW;
import static io.pgpulse.core.analysis.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.activity.PreparedTransaction;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.activity.TransactionHorizon;
import io.pgpulse.core.analysis.Incident;
import io.pgpulse.core.analysis.Sessions;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Snapshot;

class ActivityViewModelTest {

    private static Snapshot incident() {
        return Incident.snapshot();
    }

    private static Snapshot later(Snapshot s, Duration by, List<ActivityRow> activity, long deadlocks) {
        return new Snapshot(s.sequence() + 1, s.takenAt().plus(by), s.server(), activity, s.locks(),
                List.of(new DatabaseCounters(16384, "shop", -1, 0, 0, 0, deadlocks, 0, 0, 0, 0, 0, 0, null)),
                s.limits(), s.statements(), s.sections(), s.stats());
    }

    private static List<Integer> pids(ActivityViewModel vm) {
        return vm.sessions().stream().map(SessionItem::pid).sorted().toList();
    }

    @Test
    void rowsAreUpdatedInPlaceKeyedByPidAndBackendStart() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        Snapshot first = incident();
        vm.apply(first);
        SessionItem holder = vm.session(100);
        SessionItem alter = vm.session(200);
        List<ActivityRow> next = new ArrayList<>(first.activity());
        // pid 200 ended and its pid went to a new session; the rest carried on.
        next.replaceAll(r -> r.pid() != 200 ? r : new ActivityRow(200, NOW.minusSeconds(1), null, null, NOW, "idle",
                null, null, "client backend", "shop", "app", "web", "10.0.0.9", null, "SELECT 1", List.of()));

        vm.apply(later(first, Duration.ofSeconds(2), next, 0));

        assertThat(vm.session(100)).isSameAs(holder);
        assertThat(holder.view().stateAge()).isEqualTo(Duration.ofMinutes(12).plusSeconds(2));
        assertThat(vm.session(200)).isNotSameAs(alter);
        assertThat(vm.sessions()).doesNotContain(alter).contains(vm.session(200)).hasSize(first.activity().size());
    }

    @Test
    void filtersNarrowTheTableAndCombine() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        vm.apply(incident());

        vm.onlyWaitingProperty().set(true);
        assertThat(pids(vm)).containsExactly(200, 301, 302, 303, 304, 305, 401, 402);
        vm.applicationFilterProperty().set("worker");
        assertThat(pids(vm)).containsExactly(401, 402);
        vm.onlyWaitingProperty().set(false);
        vm.applicationFilterProperty().set(null);

        vm.onlyIdleInTransactionProperty().set(true);
        assertThat(pids(vm)).containsExactly(100);
        vm.onlyIdleInTransactionProperty().set(false);

        vm.stateFilterProperty().set(SessionFilter.BACKGROUND);
        assertThat(pids(vm)).containsExactly(10);
        vm.stateFilterProperty().set(null);

        vm.userFilterProperty().set("deploy");
        assertThat(pids(vm)).containsExactly(200);
        vm.userFilterProperty().set(null);

        vm.searchProperty().set("balance +");
        assertThat(pids(vm)).containsExactly(401, 402);
        vm.searchProperty().set("402");
        assertThat(pids(vm)).containsExactly(402);
        vm.searchProperty().set("");

        vm.databaseFilterProperty().set("shop");
        assertThat(vm.sessions()).hasSize(incident().activity().size() - 1);
        assertThat(vm.applications()).contains("billing", "migrate", "web", "worker");
        assertThat(vm.users()).contains("billing", "deploy", "app");
    }

    @Test
    void longRunningAndIdleTransactionsAreFlaggedPastConfigurableThresholds() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        vm.apply(incident());

        assertThat(vm.session(100).view().idleTooLong()).isTrue();
        assertThat(vm.session(100).view().blocker()).isTrue();
        assertThat(vm.session(200).view().waiting()).isTrue();
        assertThat(vm.session(400).view().longRunning()).as("20 s is under the 60 s default").isFalse();
        vm.onlyLongRunningProperty().set(true);
        assertThat(vm.sessions()).isEmpty();

        vm.longRunningThresholdProperty().set(Duration.ofSeconds(15));
        vm.idleInTransactionThresholdProperty().set(Duration.ofMinutes(13));

        assertThat(pids(vm)).containsExactly(200, 301, 302, 303, 304, 305, 400, 401);
        assertThat(vm.session(100).view().idleTooLong()).isFalse();
        assertThat(vm.summaryProperty().get()).isEqualTo("33 sessions · 11 active · 8 waiting · 1 idle in transaction"
                + " · 8 long-running");
    }

    @Test
    void blockingTreeShowsRootBlockersFirstWithWhatTheyHoldAndWhoQueues() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        vm.apply(incident());

        List<BlockingEntry> roots = vm.blockingProperty().get();
        assertThat(roots).extracting(BlockingEntry::pid).containsExactly(100, 400);
        BlockingEntry holder = roots.get(0);
        assertThat(holder.state()).isEqualTo("idle in transaction for 12 min");
        assertThat(holder.lock()).isEqualTo("holds RowExclusiveLock");
        assertThat(holder.relation()).isEqualTo("public.orders");
        assertThat(holder.queued()).isEqualTo(6);
        assertThat(holder.query()).isEqualTo("UPDATE orders SET status = 'paid' WHERE id = $1");
        BlockingEntry alter = holder.children().get(0);
        assertThat(alter.pid()).isEqualTo(200);
        assertThat(alter.lock()).isEqualTo("wants AccessExclusiveLock");
        assertThat(alter.waited()).isEqualTo(Duration.ofSeconds(42));
        assertThat(alter.state()).isEqualTo("waiting 42 s");
        assertThat(alter.queued()).isEqualTo(5);
        assertThat(alter.children()).extracting(BlockingEntry::pid).containsExactly(301, 302, 303, 304, 305);
        assertThat(alter.children().get(0).lock()).isEqualTo("wants AccessShareLock");
        BlockingEntry rows = roots.get(1);
        assertThat(rows.lock()).isEqualTo("holds row locks");
        assertThat(rows.queued()).isEqualTo(2);
        assertThat(rows.children().get(0).children().get(0).relation()).isEqualTo("public.accounts");
        assertThat(BlockingTreeView.lockOn(alter)).isEqualTo("wants AccessExclusiveLock on public.orders");
        assertThat(vm.blockingSummaryProperty().get()).startsWith("8 sessions are waiting for locks");
    }

    @Test
    void aDeadlockInProgressIsMarkedOnEveryMember() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());

        vm.apply(Sessions.snapshot(Sessions.server(2), List.of(session(7).waitsFor(8).build(),
                session(8).waitsFor(7).build())));

        BlockingEntry root = vm.blockingProperty().get().get(0);
        assertThat(root.pid()).isEqualTo(7);
        assertThat(root.inCycle()).isTrue();
        assertThat(root.state()).isEqualTo("active for 1 s (deadlock)");
        assertThat(root.children()).singleElement().satisfies(c -> {
            assertThat(c.pid()).isEqualTo(8);
            assertThat(c.state()).isEqualTo("waiting 1 s (deadlock)");
        });
    }

    @Test
    void aHugeQueueFoldsIntoOneMoreLine() {
        List<ActivityRow> rows = new ArrayList<>();
        rows.add(session(1).state("idle in transaction", Duration.ofMinutes(3)).build());
        rows.addAll(Sessions.many(1000, 500, pid -> session(pid).waitsFor(1)));
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());

        vm.apply(Sessions.snapshot(Sessions.server(501), rows));

        BlockingEntry root = vm.blockingProperty().get().get(0);
        assertThat(root.queued()).isEqualTo(500);
        assertThat(root.children()).hasSize(BlockingEntries.MAX_CHILDREN + 1);
        BlockingEntry more = root.children().get(BlockingEntries.MAX_CHILDREN);
        assertThat(more.kind()).isEqualTo(BlockingEntry.Kind.MORE);
        assertThat(more.session()).isEqualTo("… 450 more waiting sessions");
    }

    @Test
    void migrationStallCalloutSaysWhatIsStuckBehindWhomForHowLong() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        vm.apply(incident());

        StallCallout stall = vm.stallProperty().get();
        assertThat(stall.headline()).isEqualTo("Migration stalled: 5 queries on public.orders are stuck behind"
                + " ALTER TABLE (pid 200)");
        assertThat(stall.what()).isEqualTo("ALTER TABLE (pid 200, migrate) has waited 42 s for an AccessExclusiveLock"
                + " on public.orders. It is held up by pid 100, billing, idle in transaction for 12 min. Lock requests"
                + " queue in order, so every query on public.orders now waits behind the ALTER TABLE (the longest for"
                + " 40 s).");
        assertThat(stall.now()).contains("Cancelling the ALTER TABLE lets the queued queries run at once")
                .contains("pid 100 is idle in transaction, so cancelling it does nothing");
        assertThat(stall.nextTime()).contains("lock_timeout").contains("backwards-compatible");
        assertThat(stall.nextTimeDetail()).contains("CREATE INDEX CONCURRENTLY");
        assertThat(stall.ddlPid()).isEqualTo(200);
        assertThat(stall.blockerPid()).isEqualTo(100);
        assertThat(stall.blockerIdle()).isTrue();

        List<ActivityRow> resolved = incident().activity().stream().filter(r -> r.pid() != 100 && r.pid() != 200)
                .map(r -> r.pid() > 300 && r.pid() < 400 ? session(r.pid()).build() : r).toList();
        vm.apply(later(incident(), Duration.ofSeconds(2), resolved, 0));
        assertThat(vm.stallProperty().get()).isNull();
    }

    @Test
    void cancelOnAnIdleTransactionSaysItDoesNothingAndOffersTerminate() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        vm.apply(incident());

        ActionPlan cancel = vm.planFor(Signal.CANCEL, 100);

        assertThat(cancel.ready()).isFalse();
        assertThat(cancel.skipped()).singleElement().satisfies(t -> {
            assertThat(t.pid()).isEqualTo(100);
            assertThat(t.note()).isEqualTo("idle in transaction: no query is running, so cancel does nothing");
        });
        assertThat(cancel.advice()).isEqualTo("1 selected session is idle in transaction: cancelling does nothing"
                + " there. To end its transaction and release the locks, terminate it.");
        assertThat(cancel.alternative()).isEqualTo(Signal.TERMINATE);
        assertThat(cancel.alternativeLabel()).isEqualTo("Terminate instead…");
        ActionPlan terminate = vm.plan(cancel.alternative(), cancel.alternativeItems());
        assertThat(terminate.ready()).isTrue();
        assertThat(terminate.targets()).extracting(ActionPlan.Target::pid).containsExactly(100);
        assertThat(terminate.alternative()).as("nothing to cancel first").isNull();
    }

    @Test
    void terminateOfARunningQuerySuggestsCancellingFirst() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        vm.apply(incident());
        vm.selection().setAll(vm.session(200), vm.session(100));

        ActionPlan terminate = vm.plan(Signal.TERMINATE);

        assertThat(terminate.title()).isEqualTo("Terminate 2 sessions?");
        assertThat(terminate.targets()).extracting(ActionPlan.Target::pid).containsExactly(200, 100);
        ActionPlan.Target alter = terminate.targets().get(0);
        assertThat(alter.user()).isEqualTo("deploy");
        assertThat(alter.application()).isEqualTo("migrate");
        assertThat(alter.state()).isEqualTo("active for 42 s");
        assertThat(alter.query()).isEqualTo(Incident.ALTER);
        assertThat(terminate.advice()).isEqualTo("1 selected session is running a query. Try Cancel first: it stops"
                + " the query and keeps the session; terminate only if that does not help.");
        assertThat(terminate.alternative()).isEqualTo(Signal.CANCEL);
        assertThat(terminate.alternativeItems()).containsExactly(vm.session(200));
    }

    @Test
    void actionsAreUnavailableWithTheReasonForAMonitorOnlyRole() {
        ActivityViewModel vm = ViewModels.of(ViewModels.MONITOR_ONLY, new ViewModels.RecordingSignaller());
        vm.apply(incident());
        assertThat(vm.cancelUnavailableProperty().get()).isEqualTo("Select one or more sessions in the table first");

        vm.selection().setAll(vm.session(200));

        String grant = "Your role pgpulse_monitor may not signal other roles' sessions:"
                + " GRANT pg_signal_backend TO pgpulse_monitor; (it cannot signal superusers either)";
        assertThat(vm.cancelUnavailableProperty().get()).isEqualTo(grant);
        assertThat(vm.terminateUnavailableProperty().get()).isEqualTo(grant);
        assertThat(vm.privilegeNote()).isEqualTo("Cancel and terminate work only on your own sessions. " + grant);
        ActionPlan plan = vm.plan(Signal.TERMINATE);
        assertThat(plan.ready()).isFalse();
        assertThat(plan.skipped()).singleElement().extracting(ActionPlan.Target::note).isEqualTo(grant);
    }

    @Test
    void confirmedPlanIsSentOffTheUiThreadAndReportedPerSession() {
        ViewModels.RecordingSignaller signaller = new ViewModels.RecordingSignaller();
        AtomicInteger refreshes = new AtomicInteger();
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, signaller, null,
                new Background(UiExecutor.direct()), refreshes::incrementAndGet);
        vm.apply(incident());
        vm.selection().setAll(vm.session(301), vm.session(302));

        vm.execute(vm.plan(Signal.CANCEL));

        await().until(() -> !vm.busyProperty().get() && vm.outcomes().size() == 2);
        assertThat(signaller.requests).singleElement().satisfies(r -> {
            assertThat(r.signal()).isEqualTo(Signal.CANCEL);
            assertThat(r.targets()).extracting(t -> t.pid()).containsExactly(301, 302);
            assertThat(r.targets().get(0).backendStart()).isEqualTo(NOW.minus(Duration.ofHours(2)));
        });
        assertThat(vm.outcomes()).extracting(ActionOutcome::message)
                .containsExactly("pid 301: cancel sent; its statement stops at the next check",
                        "pid 302: cancel sent; its statement stops at the next check");
        assertThat(vm.outcomeSummaryProperty().get()).isEqualTo("Cancel: sent to 2 of 2 sessions.");
        assertThat(refreshes).as("a refresh is asked for at once").hasValue(1);
    }

    @Test
    void transactionsCardExplainsTheOldestTransactionIdleOnesPreparedAndDeadlocks() {
        Instant prepared = NOW.minus(Duration.ofHours(3));
        TransactionHorizon horizon = new TransactionHorizon(10, 1,
                List.of(new PreparedTransaction("pay-7", prepared, "billing", "shop", "812", 4000)), 100, 5000L,
                null, null, NOW);
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller(), () -> horizon,
                new Background(UiExecutor.direct()), () -> { });
        Snapshot first = incident();
        vm.apply(later(first, Duration.ZERO, first.activity(), 3));
        await().until(() -> vm.transactionsProperty().get().get(2).value().startsWith("1 "));

        vm.apply(later(first, Duration.ofSeconds(2), first.activity(), 5));

        Map<String, TransactionFact> facts = new java.util.HashMap<>();
        vm.transactionsProperty().get().forEach(f -> facts.put(f.title(), f));
        TransactionFact oldest = facts.get("Oldest transaction");
        assertThat(oldest.value()).isEqualTo("15 min 2 s");
        assertThat(oldest.tone()).isEqualTo("warning");
        assertThat(oldest.meaning()).startsWith("pid 100 (billing), idle in transaction. Until it ends, VACUUM cannot"
                + " remove rows");
        TransactionFact idle = facts.get("Idle in transaction");
        assertThat(idle.value()).isEqualTo("1 (1 over 30 s)");
        assertThat(idle.meaning()).contains("Cancel does nothing here; terminate ends the transaction");
        TransactionFact twoPhase = facts.get("Prepared transactions");
        assertThat(twoPhase.value()).isEqualTo("1 (oldest 3 h)");
        assertThat(twoPhase.tone()).isEqualTo("critical");
        assertThat(twoPhase.meaning()).contains("'pay-7' by billing in shop").contains("COMMIT PREPARED");
        TransactionFact deadlocks = facts.get("Deadlocks");
        assertThat(deadlocks.value()).isEqualTo("+2 since 12:00:00");
        assertThat(deadlocks.meaning()).startsWith("PostgreSQL found 2 deadlocks (last at 12:00:02, in shop)")
                .contains("40P01");
    }

    @Test
    void staleSessionDataIsSaidToBeStale() {
        ActivityViewModel vm = ViewModels.of(ViewModels.SUPERUSER, new ViewModels.RecordingSignaller());
        Snapshot s = incident();

        vm.apply(new Snapshot(2, s.takenAt(), s.server(), s.activity(), s.locks(), s.databases(), s.limits(),
                s.statements(), Map.of(Section.ACTIVITY, new SectionState.Stale(NOW.minusSeconds(6), "canceling statement due to statement timeout")),
                s.stats()));

        assertThat(vm.dataNoteProperty().get()).isEqualTo("Sessions as of 11:59:54: the last refresh could not read them"
                + " (canceling statement due to statement timeout).");
    }
}
