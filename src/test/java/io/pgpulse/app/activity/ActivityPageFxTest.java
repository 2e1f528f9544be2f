package io.pgpulse.app.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import atlantafx.base.theme.PrimerDark;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.activity.SignalPolicy;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.analysis.Incident;
import io.pgpulse.core.analysis.Sessions;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Snapshot;

@ExtendWith(ApplicationExtension.class)
class ActivityPageFxTest {
    private Stage stage;
    private ActivityViewModel vm;
    private ActivityPage page;
    private ViewModels.RecordingSignaller signaller;
    private Background background;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    }

    @AfterEach
    void closeDialogs() throws TimeoutException {
        FxToolkit.cleanupStages();
        if (background != null) {
            background.close();
        }
    }

    private void show(FxRobot robot, SignalPolicy policy) {
        signaller = new ViewModels.RecordingSignaller();
        background = new Background(new FxUiExecutor());
        robot.interact(() -> {
            vm = ViewModels.of(policy, signaller, null, background, () -> { });
            page = new ActivityPage(vm);
            vm.apply(Incident.snapshot());
            Scene scene = new Scene(new StackPane(page.view()), 1260, 780);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setScene(scene);
            stage.show();
        });
    }

    private void select(FxRobot robot, int... pids) {
        robot.interact(() -> {
            TableView<SessionItem> table = page.sessionsView().table();
            table.getSelectionModel().clearSelection();
            for (int pid : pids) {
                table.getSelectionModel().select(vm.session(pid));
            }
        });
    }

    private static DialogPane dialog(FxRobot robot) {
        return robot.lookup(".activity-dialog").queryAs(DialogPane.class);
    }

    @SuppressWarnings("unchecked")
    private static List<ActionPlan.Target> listed(DialogPane pane, String table) {
        return ((TableView<ActionPlan.Target>) pane.lookup(".activity-dialog-table." + table)).getItems();
    }

    @Test
    void confirmationDialogListsTheAffectedSessionAndSendsOnlyOnConfirm(FxRobot robot) {
        show(robot, ViewModels.SUPERUSER);
        select(robot, 200);

        robot.clickOn("#activity-cancel");

        DialogPane pane = dialog(robot);
        assertThat(pane.getHeaderText()).isEqualTo("Cancel the running query of 1 session?");
        assertThat(listed(pane, "targets")).singleElement().satisfies(t -> {
            assertThat(t.pid()).isEqualTo(200);
            assertThat(t.user()).isEqualTo("deploy");
            assertThat(t.application()).isEqualTo("migrate");
            assertThat(t.state()).isEqualTo("active for 42 s");
            assertThat(t.query()).isEqualTo(Incident.ALTER);
        });
        assertThat(robot.lookup(".activity-dialog-table.targets .table-cell").queryAll())
                .anySatisfy(cell -> assertThat(((javafx.scene.control.Labeled) cell).getText()).isEqualTo("200"));
        assertThat(signaller.requests).as("nothing is sent before confirming").isEmpty();

        robot.clickOn("Cancel 1 query");

        await().until(() -> signaller.requests.size() == 1);
        assertThat(signaller.requests.get(0).signal()).isEqualTo(Signal.CANCEL);
        assertThat(signaller.requests.get(0).targets()).extracting(t -> t.pid()).containsExactly(200);
        javafx.scene.control.ListView<ActionOutcome> outcomes = robot.lookup(".activity-outcomes").queryListView();
        await().until(() -> outcomes.getItems().size() == 1);
        assertThat(outcomes.getItems().get(0).message()).isEqualTo("pid 200: cancel sent; its statement stops at the next check");
        assertThat(outcomes.isVisible()).isTrue();
    }

    @Test
    void cancelIsOfferedBeforeTerminateAndTerminateSuggestsCancellingFirst(FxRobot robot) {
        show(robot, ViewModels.SUPERUSER);
        assertThat(x(robot, "#activity-cancel")).isLessThan(x(robot, "#activity-terminate"));
        assertThat(x(robot, "#stall-cancel-ddl")).isLessThan(x(robot, "#stall-terminate-blocker"));
        select(robot, 200);

        robot.clickOn("#activity-terminate");

        DialogPane terminate = dialog(robot);
        assertThat(terminate.getHeaderText()).isEqualTo("Terminate 1 session?");
        assertThat(((Label) terminate.lookup(".activity-advice")).getText()).contains("Try Cancel first");
        Button confirm = (Button) robot.lookup("Terminate 1 session").query();
        assertThat(confirm.isDefaultButton()).as("Enter alone must not end a session").isFalse();
        robot.clickOn("Cancel the query instead…");

        DialogPane cancel = dialog(robot);
        assertThat(cancel.getHeaderText()).isEqualTo("Cancel the running query of 1 session?");
        assertThat(listed(cancel, "targets")).extracting(ActionPlan.Target::pid).containsExactly(200);
        robot.clickOn(ActionDialog.BACK);
        assertThat(signaller.requests).isEmpty();
    }

    @Test
    void cancellingAnIdleTransactionExplainsWhyAndOffersTerminate(FxRobot robot) {
        show(robot, ViewModels.SUPERUSER);
        select(robot, 100);

        robot.clickOn("#activity-cancel");

        DialogPane cancel = dialog(robot);
        assertThat(cancel.getHeaderText()).isEqualTo("Nothing to cancel");
        assertThat(listed(cancel, "skipped")).singleElement().extracting(ActionPlan.Target::note)
                .isEqualTo("idle in transaction: no query is running, so cancel does nothing");
        assertThat(robot.lookup("Cancel 0 queries").tryQuery()).isEmpty();
        robot.clickOn("Terminate instead…");

        assertThat(dialog(robot).getHeaderText()).isEqualTo("Terminate 1 session?");
        robot.clickOn("Terminate 1 session");
        await().until(() -> signaller.requests.size() == 1);
        assertThat(signaller.requests.get(0).signal()).isEqualTo(Signal.TERMINATE);
        assertThat(signaller.requests.get(0).targets()).extracting(t -> t.pid()).containsExactly(100);
    }

    @Test
    void monitorOnlyRoleSeesDisabledActionsWithTheReasonAndTheGrant(FxRobot robot) {
        show(robot, ViewModels.MONITOR_ONLY);
        select(robot, 200);

        Button cancel = robot.lookup("#activity-cancel").queryButton();
        Button terminate = robot.lookup("#activity-terminate").queryButton();
        assertThat(cancel.isDisabled()).isTrue();
        assertThat(terminate.isDisabled()).isTrue();
        String grant = "Your role pgpulse_monitor may not signal other roles' sessions:"
                + " GRANT pg_signal_backend TO pgpulse_monitor; (it cannot signal superusers either)";
        assertThat(robot.lookup((Node n) -> n instanceof Label l && grant.equals(l.getText()) && l.isVisible())
                .tryQuery()).isPresent();
        assertThat(robot.lookup(".activity-sessions-card .activity-privilege").queryLabeled().getText()).endsWith(grant);
        assertThat(robot.lookup("#stall-cancel-ddl").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#stall-terminate-blocker").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup(".activity-stall .activity-privilege").queryLabeled().getText()).isEqualTo(grant);
    }

    @Test
    void selectionSurvivesRefreshesWhileOtherSessionsComeAndGo(FxRobot robot) {
        show(robot, ViewModels.SUPERUSER);
        select(robot, 402);
        TableView<SessionItem> table = page.sessionsView().table();
        SessionItem selected = vm.session(402);
        Snapshot s = Incident.snapshot();
        List<ActivityRow> next = new ArrayList<>(s.activity());
        next.removeIf(r -> r.pid() >= 500 && r.pid() < 510 || r.pid() >= 301 && r.pid() <= 303);
        next.addAll(Sessions.many(600, 10, pid -> Sessions.session(pid).idle()));

        robot.interact(() -> vm.apply(new Snapshot(2, s.takenAt().plusSeconds(2), s.server(), next, s.locks(),
                s.databases(), s.limits(), s.statements(), s.sections(), s.stats())));

        assertThat(vm.session(402)).isSameAs(selected);
        assertThat(table.getSelectionModel().getSelectedItems()).containsExactly(selected);
        assertThat(vm.focusedProperty().get().pid()).isEqualTo(402);
        assertThat(table.getItems()).hasSize(next.size());
    }

    @Test
    void stallCalloutButtonsGoThroughTheSameConfirmation(FxRobot robot) {
        show(robot, ViewModels.SUPERUSER);
        assertThat(robot.lookup(".activity-stall-headline").queryLabeled().getText())
                .isEqualTo("Migration stalled: 5 queries on public.orders are stuck behind ALTER TABLE (pid 200)");

        robot.clickOn("#stall-cancel-ddl");

        DialogPane pane = dialog(robot);
        assertThat(listed(pane, "targets")).extracting(ActionPlan.Target::pid).containsExactly(200);
        robot.clickOn(ActionDialog.BACK);
        robot.clickOn("#stall-terminate-blocker");
        assertThat(listed(dialog(robot), "targets")).extracting(ActionPlan.Target::pid).containsExactly(100);
        assertThat(signaller.requests).isEmpty();
    }

    @Test
    void blockingTreeShowsRootBlockerFirstWithItsWaitersExpanded(FxRobot robot) {
        show(robot, ViewModels.SUPERUSER);

        var roots = page.blockingView().tree().getRoot().getChildren();
        assertThat(roots).hasSize(2);
        var first = roots.get(0);
        assertThat(first.getValue().entry().pid()).isEqualTo(100);
        assertThat(first.isExpanded()).isTrue();
        assertThat(first.getChildren().get(0).getValue().entry().pid()).isEqualTo(200);
        var holder = first;

        robot.interact(() -> first.getChildren().get(0).setExpanded(false));
        robot.interact(() -> vm.apply(Incident.snapshot()));

        assertThat(page.blockingView().tree().getRoot().getChildren().get(0)).as("updated in place").isSameAs(holder);
        assertThat(holder.getChildren().get(0).isExpanded()).as("what the user collapsed stays collapsed").isFalse();
    }

    private static double x(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n.localToScene(n.getBoundsInLocal()).getMinX();
    }
}
