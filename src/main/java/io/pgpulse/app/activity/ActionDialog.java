package io.pgpulse.app.activity;

import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;

import atlantafx.base.theme.Styles;

import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.activity.Signal;

/**
 * The confirmation every cancel and terminate goes through: it lists exactly the sessions the
 * signal will reach, those it will not and why, and the other signal when that is the better one.
 * Its dismiss button says "Back", never "Cancel", next to an action that cancels queries.
 */
final class ActionDialog {
    static final String BACK = "Back";

    private ActionDialog() {
    }

    /**
     * Shows the dialog without blocking; {@code onConfirm} runs with the plan when confirmed, and
     * choosing the alternative opens its own confirmation.
     */
    static Dialog<ButtonType> show(Node owner, ActionPlan plan, ActivityViewModel vm, Consumer<ActionPlan> onConfirm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initModality(Modality.WINDOW_MODAL);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle(plan.signal() == Signal.CANCEL ? "Cancel query" : "Terminate session");
        dialog.setHeaderText(plan.title());
        dialog.getDialogPane().getStylesheets().add(ThemeManager.appStylesheet());
        dialog.getDialogPane().getStyleClass().add("activity-dialog");
        dialog.getDialogPane().setContent(content(plan));
        // Wide enough to read each session's state and query; the app's window is never narrower.
        dialog.getDialogPane().setMinWidth(880);
        dialog.setResizable(true);

        ButtonType confirm = null;
        if (plan.ready()) {
            // Terminate is never the default button: Enter alone must not end sessions.
            confirm = new ButtonType(plan.confirmLabel(),
                    plan.signal() == Signal.CANCEL ? ButtonBar.ButtonData.OK_DONE : ButtonBar.ButtonData.OTHER);
            dialog.getDialogPane().getButtonTypes().add(confirm);
        }
        ButtonType alternative = null;
        if (plan.alternative() != null) {
            alternative = new ButtonType(plan.alternativeLabel(), ButtonBar.ButtonData.LEFT);
            dialog.getDialogPane().getButtonTypes().add(alternative);
        }
        ButtonType back = new ButtonType(BACK, ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().add(back);
        if (confirm != null) {
            Button b = (Button) dialog.getDialogPane().lookupButton(confirm);
            b.getStyleClass().add(plan.signal() == Signal.CANCEL ? Styles.ACCENT : Styles.DANGER);
        }

        ButtonType confirmType = confirm;
        ButtonType alternativeType = alternative;
        dialog.setOnHidden(e -> {
            ButtonType result = dialog.getResult();
            if (result != null && result == confirmType) {
                onConfirm.accept(plan);
            } else if (result != null && result == alternativeType) {
                show(owner, vm.plan(plan.alternative(), plan.alternativeItems()), vm, onConfirm);
            }
        });
        dialog.show();
        return dialog;
    }

    private static Node content(ActionPlan plan) {
        VBox box = new VBox(10);
        box.setPadding(new Insets(4, 0, 0, 0));

        Label explanation = wrapped(plan.explanation());
        box.getChildren().add(explanation);
        if (!plan.advice().isEmpty()) {
            Label advice = wrapped(plan.advice());
            advice.getStyleClass().addAll("callout", "warning", "activity-advice");
            box.getChildren().add(advice);
        }
        if (plan.ready()) {
            Label heading = new Label((plan.signal() == Signal.CANCEL ? "The signal goes to" : "These sessions end")
                    + " (" + plan.targets().size() + "):");
            heading.getStyleClass().add("card-title");
            TableView<ActionPlan.Target> targets = targetTable(plan, false);
            VBox.setVgrow(targets, Priority.ALWAYS);
            box.getChildren().addAll(heading, targets);
        }
        if (!plan.skipped().isEmpty()) {
            Label heading = new Label("Nothing is sent to (" + plan.skipped().size() + "):");
            heading.getStyleClass().add("card-title");
            box.getChildren().addAll(heading, targetTable(plan, true));
        }
        return box;
    }

    private static TableView<ActionPlan.Target> targetTable(ActionPlan plan, boolean skipped) {
        TableView<ActionPlan.Target> table = new TableView<>();
        table.getStyleClass().addAll(Styles.DENSE, "activity-dialog-table", skipped ? "skipped" : "targets");
        table.getItems().setAll(skipped ? plan.skipped() : plan.targets());
        table.getColumns().add(column("pid", 72, t -> Integer.toString(t.pid())));
        table.getColumns().add(column("User", 100, ActionPlan.Target::user));
        table.getColumns().add(column("Application", 120, ActionPlan.Target::application));
        table.getColumns().add(column("State", 200, ActionPlan.Target::state));
        if (skipped) {
            table.getColumns().add(column("Why not", 300, ActionPlan.Target::note));
        } else {
            table.getColumns().add(column("Query", 300, ActionPlan.Target::query));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        int rows = Math.min(table.getItems().size(), 8);
        table.setPrefHeight(34 + rows * 30);
        table.setMinHeight(34 + Math.min(rows, 2) * 30);
        return table;
    }

    private static TableColumn<ActionPlan.Target, String> column(String title, double width,
            Function<ActionPlan.Target, String> value) {
        TableColumn<ActionPlan.Target, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }
}
