package io.pgpulse.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.RaceFix;
import io.pgpulse.demo.Scenario;
import io.pgpulse.demo.ScenarioState;
import io.pgpulse.demo.Workload;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The view-model against a real demo database (one per class: starting it takes seconds). The UI
 * executor runs callbacks in place, so no toolkit is needed; scenarios are switched off between
 * tests so each starts from a quiet workload. The tests of a closed demo close the shared one, so
 * they run last rather than paying for a second server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoViewModelTest {
    private static final int AFTER_THE_OTHERS = Integer.MAX_VALUE;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static DemoEnvironment demo;
    private static Background background;
    private final AtomicLong clock = new AtomicLong();
    private DemoViewModel model;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoEnvironment.start();
        background = new Background(UiExecutor.direct());
    }

    @AfterAll
    static void stopDemo() {
        background.close();
        demo.close();
    }

    @BeforeEach
    void quietWorkload() throws Exception {
        Workload workload = demo.workload();
        for (Scenario s : Scenario.values()) {
            workload.disable(s).get();
        }
        workload.raceFix(RaceFix.NONE);
        model = new DemoViewModel(demo, background, clock::get);
    }

    @Test
    void headerNamesTheServerItsPortAndThatEverythingIsThrownAway() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(model.headerProperty().get())
                .startsWith("Demo database: embedded PostgreSQL 18")
                .contains("on port " + demo.port() + ", started in ")
                .endsWith("everything is removed when you disconnect or close PgPulse."));
    }

    @Test
    void switchingNPlusOneOnRunsItAndItsQueriesAddUp() {
        ScenarioViewModel item = model.scenario(Scenario.N_PLUS_ONE);
        long before = item.queriesProperty().get();
        assertThat(item.whereToLook()).isEqualTo("Queries: the N+1 badge appears within a few refreshes.");

        item.switchedOnProperty().set(true);

        await().atMost(PATIENCE).untilAsserted(() -> {
            model.refresh();
            assertThat(item.stateProperty().get()).isEqualTo(ScenarioState.RUNNING);
            assertThat(item.queriesProperty().get()).isGreaterThan(before + 51);
            assertThat(item.busyProperty().get()).isFalse();
        });
        assertThat(item.statusProperty().get()).contains("customer lookups per page");
        assertThat(model.anyOnProperty().get()).isTrue();
    }

    @Test
    void switchingOffIsBusyUntilTheScenarioHasStopped() {
        ScenarioViewModel item = model.scenario(Scenario.SLOW_QUERY);
        item.switchedOnProperty().set(true);
        await().atMost(PATIENCE).until(() -> demo.workload().isEnabled(Scenario.SLOW_QUERY) && !item.busyProperty().get());

        item.switchedOnProperty().set(false);

        assertThat(item.busyProperty().get()).as("busy as soon as the switch is flipped").isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> {
            model.refresh();
            assertThat(item.stateProperty().get()).isEqualTo(ScenarioState.OFF);
            assertThat(item.busyProperty().get()).isFalse();
        });
        assertThat(item.switchedOnProperty().get()).isFalse();
        assertThat(item.actionErrorProperty().get()).isEmpty();
        assertThat(demo.workload().state(Scenario.SLOW_QUERY)).isEqualTo(ScenarioState.OFF);
    }

    @Test
    void aSwitchFollowsTheWorkloadWhenSomethingElseChangesIt() {
        ScenarioViewModel item = model.scenario(Scenario.MIGRATION_STALL);

        demo.workload().enable(Scenario.MIGRATION_STALL);

        await().atMost(PATIENCE).until(() -> item.switchedOnProperty().get());
        assertThat(item.busyProperty().get()).as("following the workload is not a request of its own").isFalse();
        assertThat(item.stateProperty().get()).isEqualTo(ScenarioState.RUNNING);
    }

    @Test
    void theRaceLosesUpdatesAtReadCommittedAndTheTrendSaysTheyAreRising() {
        assertThat(model.raceFixProperty().get()).isEqualTo(RaceFix.NONE);
        assertThat(model.lostUpdatesTrendProperty().get()).startsWith("Payments are off");
        long before = model.lostUpdatesProperty().get();

        model.scenario(Scenario.BALANCE_RACE).switchedOnProperty().set(true);

        await().atMost(PATIENCE).untilAsserted(() -> {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            model.refresh();
            assertThat(model.lostUpdatesProperty().get()).isGreaterThan(before);
            assertThat(model.lostUpdatesRisingProperty().get()).isTrue();
        });
        assertThat(model.lostUpdatesTrendProperty().get()).startsWith("Rising: +");
    }

    @Test
    void withSelectForUpdateNoPaymentIsLostAndTheTrendSaysSo() {
        model.raceFixProperty().set(RaceFix.SELECT_FOR_UPDATE);
        assertThat(demo.workload().raceFix()).isEqualTo(RaceFix.SELECT_FOR_UPDATE);
        assertThat(model.raceFixExplanationProperty().get()).contains("locks the account row");
        ScenarioViewModel race = model.scenario(Scenario.BALANCE_RACE);
        long lostBefore = demo.workload().lostUpdates();
        long paymentsBefore = race.queriesProperty().get();

        race.switchedOnProperty().set(true);

        await().atMost(PATIENCE).untilAsserted(() -> {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            model.refresh();
            assertThat(race.queriesProperty().get()).as("statements of the payments").isGreaterThan(paymentsBefore + 200);
            assertThat(model.lostUpdatesTrendProperty().get()).isEqualTo("No new lost updates in the last 10 s.");
        });
        assertThat(model.lostUpdatesProperty().get()).isEqualTo(lostBefore);
        assertThat(model.lostUpdatesRisingProperty().get()).isFalse();
    }

    @Test
    void aNewGuardIsJudgedOnlyAfterPaymentsStartedUnderTheOldOneHaveFinished() {
        model.scenario(Scenario.BALANCE_RACE).switchedOnProperty().set(true);
        long before = model.lostUpdatesProperty().get();
        await().atMost(PATIENCE).until(() -> {
            model.refresh();
            return model.lostUpdatesProperty().get() > before;
        });

        model.raceFixProperty().set(RaceFix.SERIALIZABLE);

        assertThat(model.lostUpdatesTrendProperty().get()).isEqualTo("Payments are switching to the new guard …");
        assertThat(model.lostUpdatesRisingProperty().get()).isFalse();
        clock.addAndGet(DemoViewModel.FIX_SETTLE.toNanos());
        await().atMost(PATIENCE).untilAsserted(() -> {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            model.refresh();
            assertThat(model.lostUpdatesTrendProperty().get()).isEqualTo("No new lost updates in the last 10 s.");
        });
    }

    @Test
    void serializableIsExplainedAsAbortAndRetry() {
        model.raceFixProperty().set(RaceFix.SERIALIZABLE);

        assertThat(demo.workload().raceFix()).isEqualTo(RaceFix.SERIALIZABLE);
        assertThat(model.raceFixExplanationProperty().get()).contains("40001").contains("retries");
    }

    @Test
    void stopAllSwitchesEveryScenarioOffTheBaselineIncluded() {
        model.scenario(Scenario.BASELINE).switchedOnProperty().set(true);
        model.scenario(Scenario.CONNECTION_STORM).switchedOnProperty().set(true);
        await().atMost(PATIENCE).until(() -> demo.workload().isEnabled(Scenario.BASELINE)
                && demo.workload().isEnabled(Scenario.CONNECTION_STORM));

        model.stopAll();

        assertThat(model.stoppingAllProperty().get()).isTrue();
        await().atMost(PATIENCE).until(() -> !model.stoppingAllProperty().get());
        model.refresh();
        assertThat(model.stopAllErrorProperty().get()).isEmpty();
        assertThat(model.anyOnProperty().get()).isFalse();
        assertThat(model.scenarios()).allSatisfy(item -> {
            assertThat(item.stateProperty().get()).as(item.name()).isEqualTo(ScenarioState.OFF);
            assertThat(item.switchedOnProperty().get()).as(item.name()).isFalse();
        });
    }

    @Test
    void everyScenarioSaysWhereToLook() {
        assertThat(model.scenarios()).extracting(ScenarioViewModel::scenario).containsExactly(Scenario.values());
        assertThat(model.scenarios()).allSatisfy(item -> {
            assertThat(item.purpose()).isNotBlank();
            assertThat(item.whereToLook()).isNotBlank();
        });
        assertThat(model.scenario(Scenario.CONNECTION_STORM).whereToLook()).contains("headroom collapses");
        assertThat(model.scenario(Scenario.MIGRATION_STALL).whereToLook()).contains("blocking tree");
        assertThat(model.scenario(Scenario.SLOW_QUERY).whereToLook()).contains("Explain");
        assertThat(model.scenario(Scenario.BALANCE_RACE).whereToLook()).contains("lost-updates counter");
    }

    @Test
    @Order(AFTER_THE_OTHERS)
    void aRefusedSwitchOnIsExplainedOnTheCardAndTheSwitchGoesBackOff() {
        demo.close();
        DemoViewModel closed = new DemoViewModel(demo, background, clock::get);
        ScenarioViewModel item = closed.scenario(Scenario.N_PLUS_ONE);

        item.switchedOnProperty().set(true);

        await().atMost(PATIENCE).until(() -> !item.busyProperty().get());
        assertThat(item.actionErrorProperty().get())
                .isEqualTo("Could not switch N+1 queries on: The demo workload is closed");
        assertThat(item.switchedOnProperty().get()).isFalse();
        assertThat(item.stateProperty().get()).isEqualTo(ScenarioState.OFF);
    }

    @Test
    @Order(AFTER_THE_OTHERS)
    void theHeaderStillDescribesTheDemoWhenItsVersionCannotBeRead() {
        demo.close();

        DemoViewModel closed = new DemoViewModel(demo, background, clock::get);

        assertThat(closed.headerProperty().get())
                .startsWith("Demo database: embedded PostgreSQL on port " + demo.port())
                .endsWith("everything is removed when you disconnect or close PgPulse.");
    }
}
