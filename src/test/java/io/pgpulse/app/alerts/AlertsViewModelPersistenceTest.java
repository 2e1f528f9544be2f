package io.pgpulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.pgpulse.app.kit.Background;
import io.pgpulse.core.alerts.AlertEngine;
import io.pgpulse.core.alerts.AlertEvent;
import io.pgpulse.core.alerts.AlertKind;
import io.pgpulse.core.alerts.AlertRule;
import io.pgpulse.core.alerts.AlertRules;
import io.pgpulse.core.alerts.AlertRulesStore;
import io.pgpulse.core.analysis.Sessions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thresholds survive a restart: saved in the background to a real config directory when applied,
 * read back when the next session starts, and a damaged file means the defaults and a message.
 * The test thread plays the UI thread, running what the background hands back.
 */
class AlertsViewModelPersistenceTest {
    @TempDir
    Path config;

    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final Background background = new Background(ui::add);

    @AfterEach
    void close() {
        background.close();
    }

    private AlertsViewModel session() {
        return new AlertsViewModel(new AlertEngine(AlertRules.defaults()), () -> Sessions.NOW,
                new AlertRulesStore(config), background);
    }

    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            Runnable task = ui.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (task == null) {
                throw new AssertionError("the background handed nothing back within 10 s");
            }
            task.run();
        }
    }

    /** Runs what the background hands back until it has read the saved thresholds. */
    private void started(AlertsViewModel vm) throws InterruptedException {
        Runnable task = ui.poll(10, TimeUnit.SECONDS);
        assertThat(task).as("the thresholds are read in the background").isNotNull();
        task.run();
        assertThat(ui).isEmpty();
    }

    @Test
    void thresholdsAppliedInOneSessionAreInForceInTheNext() throws Exception {
        AlertsViewModel first = session();
        started(first);
        first.form(AlertKind.CONNECTIONS_USED).warningProperty().set("50");
        first.form(AlertKind.CONNECTIONS_USED).clearProperty().set("45");
        first.form(AlertKind.BLOCKED_SESSIONS).sustainProperty().set("30");

        assertThat(first.applyRules()).isTrue();
        runUiUntil(() -> first.formStatusProperty().get().startsWith("Applied and saved"));

        AlertsViewModel next = session();
        started(next);
        assertThat(next.rules().get(AlertKind.CONNECTIONS_USED).warning()).isEqualTo(50);
        assertThat(next.rules().get(AlertKind.BLOCKED_SESSIONS).sustain()).isEqualTo(Duration.ofSeconds(30));
        assertThat(next.form(AlertKind.CONNECTIONS_USED).warningProperty().get()).isEqualTo("50");
        assertThat(next.form(AlertKind.CONNECTIONS_USED).clearProperty().get()).isEqualTo("45");
        assertThat(next.rulesProblemProperty().get()).isEmpty();

        next.resetRules();
        runUiUntil(() -> next.formStatusProperty().get().contains("saved"));
        AlertsViewModel third = session();
        started(third);
        assertThat(third.rules()).isEqualTo(AlertRules.defaults());
    }

    @Test
    void snapshotsThatArriveBeforeTheThresholdsAreReadAreJudgedByThem() throws Exception {
        new AlertRulesStore(config).save(AlertRules.defaults()
                .with(new AlertRule(AlertKind.CONNECTIONS_USED, 50, 95, 45, Duration.ZERO)));
        AlertsViewModel vm = session();
        List<AlertEvent> notified = new java.util.ArrayList<>();
        vm.setNotifier(notified::add);

        // 60 of 97 usable connections: over the saved 50 %, under the default 80 %.
        vm.accept(Sessions.snapshot(Sessions.server(60), List.of()));
        assertThat(vm.entries()).as("waits for the saved thresholds").isEmpty();
        started(vm);

        assertThat(notified).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AlertKind.CONNECTIONS_USED);
            assertThat(e.type()).isEqualTo(AlertEvent.Type.RAISED);
        });
        assertThat(vm.entries()).hasSize(1);
    }

    @Test
    void aDamagedFileMeansTheDefaultsAndAClearMessage() throws Exception {
        Files.writeString(config.resolve(AlertRulesStore.FILE_NAME), "connections_used = 50\n");

        AlertsViewModel vm = session();
        started(vm);

        assertThat(vm.rules()).isEqualTo(AlertRules.defaults());
        assertThat(vm.form(AlertKind.CONNECTIONS_USED).warningProperty().get()).isEqualTo("80");
        assertThat(vm.rulesProblemProperty().get())
                .startsWith("alert-rules.json is not valid JSON")
                .contains("moved to alert-rules.json.bad-")
                .contains("the default alert thresholds are used");
        vm.accept(Sessions.snapshot(Sessions.server(90), List.of()));
        assertThat(vm.activeCountProperty().get()).as("alerts work on the defaults").isEqualTo(1);

        assertThat(vm.applyRules()).isTrue();
        runUiUntil(() -> vm.formStatusProperty().get().startsWith("Applied and saved"));
        assertThat(vm.rulesProblemProperty().get()).as("a good file replaces it").isEmpty();
    }

    @Test
    void aSaveThatFailsKeepsTheThresholdsForTheSessionAndSaysSo() throws Exception {
        Path blocked = config.resolve("not-a-directory");
        Files.writeString(blocked, "");
        AlertsViewModel vm = new AlertsViewModel(new AlertEngine(AlertRules.defaults()), Instant::now,
                new AlertRulesStore(blocked), background);
        started(vm);
        vm.form(AlertKind.CONNECTIONS_USED).warningProperty().set("60");
        vm.form(AlertKind.CONNECTIONS_USED).clearProperty().set("55");

        assertThat(vm.applyRules()).isTrue();
        runUiUntil(() -> vm.formStatusProperty().get().contains("not saved"));

        assertThat(vm.formStatusProperty().get())
                .startsWith("Applied to this session, but not saved for the next start: Could not create");
        assertThat(vm.rules().get(AlertKind.CONNECTIONS_USED).warning()).isEqualTo(60);
    }
}
