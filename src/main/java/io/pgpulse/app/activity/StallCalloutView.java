package io.pgpulse.app.activity;

import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.core.activity.Signal;

/** The red box that appears when a migration stalls a table, with the two ways out as buttons. */
final class StallCalloutView {
    private final ActivityViewModel vm;
    private final Consumer<ActionPlan> confirm;
    private final Label headline = new Label();
    private final Label what = wrapped();
    private final Label now = wrapped();
    private final Label nextTime = wrapped();
    private final Tooltip nextTimeTip = new Tooltip();
    private final Label more = new Label();
    private final Label refused = wrapped();
    private final Button cancelDdl = new Button();
    private final Button cancelBlocker = new Button();
    private final Button terminateBlocker = new Button();
    private final VBox root;

    StallCalloutView(ActivityViewModel vm, Consumer<ActionPlan> confirm) {
        this.vm = vm;
        this.confirm = confirm;
        headline.getStyleClass().addAll("callout-title", "activity-stall-headline");
        headline.setGraphic(new FontIcon(Feather.ALERT_OCTAGON));
        headline.setWrapText(true);
        cancelDdl.getStyleClass().add(Styles.ACCENT);
        cancelDdl.setId("stall-cancel-ddl");
        cancelBlocker.setId("stall-cancel-blocker");
        terminateBlocker.getStyleClass().add(Styles.DANGER);
        terminateBlocker.setId("stall-terminate-blocker");
        Label nowTitle = new Label("Now:");
        nowTitle.getStyleClass().add("callout-title");
        nowTitle.setMinWidth(Label.USE_PREF_SIZE);
        Label nextTitle = new Label("Next time:");
        nextTitle.getStyleClass().add("callout-title");
        nextTitle.setMinWidth(Label.USE_PREF_SIZE);
        HBox buttons = new HBox(8, cancelDdl, cancelBlocker, terminateBlocker);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        HBox nowLine = new HBox(8, nowTitle, now);
        HBox.setHgrow(now, Priority.ALWAYS);
        HBox actions = new HBox(16, buttons, nowLine);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(nowLine, Priority.ALWAYS);
        HBox nextLine = new HBox(8, nextTitle, nextTime);
        HBox.setHgrow(nextTime, Priority.ALWAYS);
        nextTime.getStyleClass().add("activity-stall-next");
        nextTimeTip.setWrapText(true);
        nextTimeTip.setMaxWidth(600);
        nextTime.setTooltip(nextTimeTip);
        more.getStyleClass().add("muted");
        refused.getStyleClass().add("activity-privilege");
        refused.managedProperty().bind(refused.visibleProperty());
        root = new VBox(6, headline, what, actions, refused, nextLine, more);
        root.getStyleClass().addAll("callout", "critical", "activity-stall");
        root.managedProperty().bind(root.visibleProperty());
        vm.stallProperty().addListener((obs, was, is) -> show(is));
        show(vm.stallProperty().get());
    }

    Node root() {
        return root;
    }

    private void show(StallCallout s) {
        root.setVisible(s != null);
        if (s == null) {
            return;
        }
        headline.setText(s.headline());
        what.setText(s.what());
        now.setText(s.now());
        nextTime.setText(s.nextTime());
        nextTimeTip.setText(s.nextTimeDetail());
        more.setText(s.more() == 0 ? "" : "+" + s.more() + " more stalled statement" + (s.more() == 1 ? "" : "s")
                + " in the blocking tree.");
        more.setVisible(s.more() > 0);
        more.setManaged(s.more() > 0);
        cancelDdl.setText("Cancel the DDL (pid " + s.ddlPid() + ")");
        cancelDdl.setOnAction(e -> offer(Signal.CANCEL, s.ddlPid()));
        boolean blockerIsSession = s.blockerPid() != 0;
        cancelBlocker.setText("Cancel the blocker's query (pid " + s.blockerPid() + ")");
        cancelBlocker.setOnAction(e -> offer(Signal.CANCEL, s.blockerPid()));
        cancelBlocker.setVisible(blockerIsSession && !s.blockerIdle());
        cancelBlocker.setManaged(cancelBlocker.isVisible());
        terminateBlocker.setText("Terminate the blocker (pid " + s.blockerPid() + ")");
        terminateBlocker.setOnAction(e -> offer(Signal.TERMINATE, s.blockerPid()));
        terminateBlocker.setVisible(blockerIsSession);
        terminateBlocker.setManaged(blockerIsSession);
        // A role that may not signal these sessions learns why here, not from a dialog.
        String ddlRefusal = vm.refusal(s.ddlPid());
        String blockerRefusal = blockerIsSession ? vm.refusal(s.blockerPid()) : null;
        cancelDdl.setDisable(ddlRefusal != null);
        cancelBlocker.setDisable(blockerRefusal != null);
        terminateBlocker.setDisable(blockerRefusal != null);
        String reason = ddlRefusal != null ? ddlRefusal : blockerRefusal;
        refused.setText(reason == null ? "" : reason);
        refused.setVisible(reason != null);
    }

    private void offer(Signal signal, int pid) {
        ActionPlan plan = vm.planFor(signal, pid);
        if (plan != null) {
            confirm.accept(plan);
        }
    }

    private static Label wrapped() {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }
}
