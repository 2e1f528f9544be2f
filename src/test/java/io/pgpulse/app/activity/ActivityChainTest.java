package io.pgpulse.app.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.activity.Backend;
import io.pgpulse.core.activity.SessionActions;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.activity.SignalResult;
import io.pgpulse.core.analysis.BlockingTrees;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.LockFindings;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

/** The page's view-model against a real lock chain on a real server. */
class ActivityChainTest {
    private static final String GRANT = "Your role pgpulse_monitor may not signal other roles' sessions:"
            + " GRANT pg_signal_backend TO pgpulse_monitor; (it cannot signal superusers either)";

    private record Watched(MonitorSession session, LiveSession live, AppContext context, ActivityViewModel vm)
            implements AutoCloseable {
        static Watched open(String uri) throws Exception {
            MonitorSession session = MonitorSession.open(Targets.parse(uri), MonitorSettings.defaults());
            AppContext context = new AppContext(UiExecutor.direct(), new ThemeManager(AppTheme.DARK));
            LiveSession live = new LiveSession(session, UiExecutor.direct(), "test");
            return new Watched(session, live, context, ActivityViewModel.create(live, context));
        }

        void poll() throws Exception {
            session.sampler().pollNow().get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            live.close();
            context.close();
        }
    }

    @Test
    void realChainGivesRootsCountsAndTheMigrationStallToAMonitorOnlyRole() throws Exception {
        TestServer pg = PgServers.newest();
        try (LockChain chain = LockChain.start(pg);
             Watched w = Watched.open(LockChain.uri(pg, TestServer.MONITOR_ROLE, TestServer.MONITOR_PASSWORD))) {
            w.poll();
            ActivityViewModel vm = w.vm();

            List<BlockingEntry> roots = vm.blockingProperty().get();
            assertThat(roots).extracting(BlockingEntry::pid).containsExactly(chain.holder.pid(), chain.rowHolder.pid());
            BlockingEntry holder = roots.get(0);
            assertThat(holder.queued()).isEqualTo(4);
            assertThat(holder.state()).startsWith("idle in transaction for ");
            assertThat(holder.lock()).isEqualTo("holds AccessShareLock");
            assertThat(holder.relation()).isEqualTo("public.orders");
            assertThat(holder.query()).isEqualTo("SELECT status FROM orders WHERE id = 1");
            BlockingEntry alter = holder.children().get(0);
            assertThat(alter.pid()).isEqualTo(chain.alter.pid());
            assertThat(alter.lock()).isEqualTo("wants AccessExclusiveLock");
            assertThat(alter.relation()).isEqualTo("public.orders");
            assertThat(alter.queued()).isEqualTo(3);
            assertThat(alter.children()).extracting(BlockingEntry::pid)
                    .containsExactlyInAnyOrderElementsOf(chain.readers.stream().map(Backend::pid).toList());
            assertThat(alter.children()).allSatisfy(r -> assertThat(r.lock()).isEqualTo("wants AccessShareLock"));

            BlockingEntry rows = roots.get(1);
            assertThat(rows.queued()).isEqualTo(2);
            assertThat(rows.lock()).isEqualTo("holds row locks");
            BlockingEntry second = rows.children().get(0);
            assertThat(second.pid()).isEqualTo(chain.rowWaiter.pid());
            assertThat(second.lock()).isEqualTo("wants a row lock");
            assertThat(second.children()).singleElement().satisfies(tail -> {
                assertThat(tail.pid()).isEqualTo(chain.rowTail.pid());
                assertThat(tail.relation()).isEqualTo("public.accounts");
            });

            StallCallout stall = vm.stallProperty().get();
            assertThat(stall.headline()).isEqualTo("Migration stalled: 3 queries on public.orders are stuck behind"
                    + " ALTER TABLE (pid " + chain.alter.pid() + ")");
            assertThat(stall.blockerPid()).isEqualTo(chain.holder.pid());
            assertThat(stall.blockerIdle()).isTrue();
            List<Finding> findings = LockFindings.of(BlockingTrees.of(w.session().latest()));
            assertThat(findings).filteredOn(f -> f.kind().equals("migration_stall")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("ddl_pid", chain.alter.pid())
                            .containsEntry("blocker_pid", chain.holder.pid()).containsEntry("queued_queries", 3));

            assertThat(vm.session(chain.alter.pid()).view().row().query()).isEqualTo(LockChain.ALTER);
            vm.selection().setAll(vm.session(chain.holder.pid()));
            assertThat(vm.terminateUnavailableProperty().get()).isEqualTo(GRANT);
            assertThat(vm.privilegeNote()).endsWith(GRANT);
            List<SignalResult> results = SessionActions.of(w.session()).terminate(
                    List.of(vm.session(chain.holder.pid()).ref().orElseThrow()));
            assertThat(results).singleElement().isInstanceOfSatisfying(SignalResult.NotPermitted.class,
                    r -> assertThat(r.reason()).isEqualTo(GRANT));
            assertThat(chain.holder.alive()).as("nothing was sent").isTrue();
        }
    }

    @Test
    void cancellingTheDdlFromThePageReleasesTheQueueAndClearsTheStall() throws Exception {
        TestServer pg = PgServers.newest();
        try (LockChain chain = LockChain.start(pg);
             Watched w = Watched.open(LockChain.uri(pg, "postgres", null))) {
            w.poll();
            ActivityViewModel vm = w.vm();
            StallCallout stall = vm.stallProperty().get();
            assertThat(stall).isNotNull();

            ActionPlan plan = vm.planFor(Signal.CANCEL, stall.ddlPid());
            assertThat(plan.targets()).extracting(ActionPlan.Target::pid).containsExactly(chain.alter.pid());
            vm.execute(plan);

            await().atMost(Duration.ofSeconds(10)).until(() -> vm.outcomes().size() == 1 && !vm.busyProperty().get());
            assertThat(vm.outcomes().get(0).sent()).isTrue();
            Throwable failure = catchThrowable(() -> chain.alterDone.get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(((SQLException) failure.getCause()).getSQLState()).isEqualTo("57014");
            for (var reader : chain.readersDone) {
                reader.get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                w.poll();
                assertThat(vm.stallProperty().get()).isNull();
                assertThat(vm.blockingProperty().get()).extracting(BlockingEntry::pid)
                        .containsExactly(chain.rowHolder.pid());
            });

            vm.execute(vm.planFor(Signal.TERMINATE, chain.rowHolder.pid()));
            await().atMost(Duration.ofSeconds(10)).until(() -> !chain.rowHolder.alive());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                w.poll();
                assertThat(vm.blockingProperty().get()).isEmpty();
            });
        }
    }
}
