package io.pgpulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.pgpulse.core.alerts.AlertEngine;
import io.pgpulse.core.alerts.AlertEvent;
import io.pgpulse.core.alerts.AlertKind;
import io.pgpulse.core.alerts.AlertRules;
import io.pgpulse.core.analysis.Sessions;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.sampling.Snapshot;

import org.junit.jupiter.api.Test;

class AlertsViewModelTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Sessions.NOW);
    private final AlertsViewModel vm = new AlertsViewModel(new AlertEngine(AlertRules.defaults()), now::get);
    private final List<AlertEvent> notified = new ArrayList<>();

    AlertsViewModelTest() {
        vm.setNotifier(notified::add);
    }

    private void feed(int clientBackends) {
        now.set(now.get().plusSeconds(2));
        vm.accept(Sessions.snapshot(Sessions.server(clientBackends), List.of()));
    }

    @Test
    void crossingTheThresholdNotifiesOnceAndListsTheEventWithItsEvidence() {
        feed(50);
        feed(85);
        feed(86);
        feed(84);

        assertThat(notified).singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.RAISED);
        assertThat(vm.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.at()).isEqualTo(Sessions.NOW.plusSeconds(4));
            assertThat(entry.severity()).isEqualTo(Severity.WARNING);
            assertThat(entry.kind()).isEqualTo(AlertKind.CONNECTIONS_USED);
            assertThat(entry.summary()).contains("85 of 97 usable connections in use");
            assertThat(entry.evidence()).contains("used_connections: 85").contains("usable_connections: 97");
        });
        assertThat(vm.activeCountProperty().get()).isEqualTo(1);
        assertThat(vm.badgeProperty().get()).isEqualTo("1 active alert");
        assertThat(vm.active()).singleElement().satisfies(a ->
                assertThat(a.summaryProperty().get()).contains("84 of 97"));
    }

    @Test
    void clearingEmptiesTheActiveListAndAddsAnEntryAtTheTop() {
        feed(93);
        feed(40);

        assertThat(vm.entries()).extracting(AlertEntry::type)
                .containsExactly(AlertEvent.Type.CLEARED, AlertEvent.Type.RAISED);
        assertThat(vm.active()).isEmpty();
        assertThat(vm.worstProperty().get()).isNull();
        assertThat(vm.badgeProperty().get()).isEqualTo("No active alerts");
    }

    @Test
    void theSameSnapshotDeliveredTwiceIsEvaluatedOnce() {
        Snapshot s = Sessions.snapshot(Sessions.server(96), List.of());

        vm.accept(s);
        vm.accept(s);

        assertThat(vm.entries()).hasSize(1);
        assertThat(vm.badgeProperty().get()).isEqualTo("1 active alert · 1 critical");
    }

    @Test
    void invalidThresholdsAreExplainedNextToTheirFieldsAndNotApplied() {
        RuleForm form = vm.form(AlertKind.CONNECTIONS_USED);
        form.warningProperty().set("ninety");
        vm.form(AlertKind.BLOCKED_SESSIONS).clearProperty().set("5");

        boolean applied = vm.applyRules();

        assertThat(applied).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("The warning value \"ninety\" is not a number.");
        assertThat(vm.form(AlertKind.BLOCKED_SESSIONS).errorProperty().get()).contains("clear threshold must not be above");
        assertThat(vm.formStatusProperty().get()).startsWith("Not applied");
        assertThat(vm.rules()).isEqualTo(AlertRules.defaults());
    }

    @Test
    void validThresholdsChangeWhenTheAlertFires() {
        vm.form(AlertKind.CONNECTIONS_USED).warningProperty().set("50 %");
        vm.form(AlertKind.CONNECTIONS_USED).clearProperty().set("45,5");
        vm.form(AlertKind.BLOCKED_SESSIONS).sustainProperty().set("30");

        assertThat(vm.applyRules()).isTrue();
        feed(50);

        assertThat(vm.rules().get(AlertKind.CONNECTIONS_USED).clear()).isEqualTo(45.5);
        assertThat(vm.rules().get(AlertKind.BLOCKED_SESSIONS).sustain()).isEqualTo(Duration.ofSeconds(30));
        assertThat(notified).singleElement().extracting(AlertEvent::kind).isEqualTo(AlertKind.CONNECTIONS_USED);
    }

    @Test
    void restoringDefaultsResetsTheFormsAndTheEngine() {
        vm.form(AlertKind.CONNECTIONS_USED).warningProperty().set("50");
        vm.applyRules();

        vm.resetRules();

        assertThat(vm.form(AlertKind.CONNECTIONS_USED).warningProperty().get()).isEqualTo("80");
        assertThat(vm.rules()).isEqualTo(AlertRules.defaults());
    }

    @Test
    void aFailingNotifierDoesNotLoseTheEvent() {
        vm.setNotifier(e -> {
            throw new IllegalStateException("no desktop");
        });

        feed(90);

        assertThat(vm.entries()).hasSize(1);
    }

    @Test
    void theListKeepsOnlyTheNewestEntries() {
        for (int i = 0; i < AlertsViewModel.MAX_ENTRIES; i++) {
            feed(90);
            feed(10);
        }

        assertThat(vm.entries()).hasSize(AlertsViewModel.MAX_ENTRIES);
        assertThat(vm.entries().get(0).type()).isEqualTo(AlertEvent.Type.CLEARED);
    }
}
