package io.pgpulse.app.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.core.analysis.Severity;

/** The Alerts page: what is raised now, what happened, and the thresholds. Binds to {@link AlertsViewModel}. */
public final class AlertsView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AlertsViewModel vm;
    private final ScrollPane root;

    public AlertsView(AlertsViewModel vm) {
        this.vm = vm;
        Label title = new Label("Alerts");
        title.getStyleClass().add("page-title");
        Label badge = new Label();
        badge.textProperty().bind(vm.badgeProperty());
        badge.getStyleClass().add("muted");
        HBox header = new HBox(12, title, badge);
        header.setAlignment(Pos.BASELINE_LEFT);
        VBox page = new VBox(header, activeCard(), historyCard(), thresholdsCard());
        page.getStyleClass().addAll("page", "alerts");
        root = new ScrollPane(page);
        root.setFitToWidth(true);
        root.getStyleClass().add("edge-to-edge");
    }

    public Parent root() {
        return root;
    }

    private Node activeCard() {
        Label title = new Label("RAISED NOW");
        title.getStyleClass().add("card-title");
        Label none = new Label("Nothing is raised. Every poll is checked against the thresholds below.");
        none.getStyleClass().add("muted");
        VBox list = new VBox(8);
        list.setId("alerts-active");
        Map<ActiveAlertItem, Node> nodes = new IdentityHashMap<>();
        ObservableList<ActiveAlertItem> items = vm.active();
        Runnable sync = () -> {
            nodes.keySet().retainAll(new java.util.HashSet<>(items));
            list.getChildren().setAll(items.stream().map(i -> nodes.computeIfAbsent(i, AlertsView::activeNode)).toList());
        };
        items.addListener((ListChangeListener<ActiveAlertItem>) c -> sync.run());
        sync.run();
        none.visibleProperty().bind(Bindings.isEmpty(items));
        none.managedProperty().bind(none.visibleProperty());
        VBox card = new VBox(8, title, none, list);
        card.getStyleClass().add("card");
        return card;
    }

    private static Node activeNode(ActiveAlertItem item) {
        Label head = new Label();
        head.textProperty().bind(Bindings.createStringBinding(() -> {
            Severity s = item.severityProperty().get();
            Instant since = item.sinceProperty().get();
            return item.kind().label() + " — " + (s == null ? "" : s.label())
                    + (since == null ? "" : " since " + TIME.format(since));
        }, item.severityProperty(), item.sinceProperty()));
        head.getStyleClass().add("callout-title");
        head.setGraphic(new FontIcon(Feather.BELL));
        Label body = new Label();
        body.textProperty().bind(item.summaryProperty());
        body.setWrapText(true);
        VBox box = new VBox(4, head, body);
        box.getStyleClass().add("callout");
        Runnable tone = () -> {
            box.getStyleClass().removeAll("warning", "critical");
            box.getStyleClass().add(item.severityProperty().get() == Severity.CRITICAL ? "critical" : "warning");
        };
        item.severityProperty().addListener((obs, o, n) -> tone.run());
        tone.run();
        return box;
    }

    private Node historyCard() {
        Label title = new Label("WHAT HAPPENED");
        title.getStyleClass().add("card-title");
        TableView<AlertEntry> table = new TableView<>(vm.entries());
        table.setId("alerts-history");
        table.setPrefHeight(300);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No alert has been raised in this session."));
        TableColumn<AlertEntry, Instant> time = new TableColumn<>("Time");
        time.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().at()));
        time.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? "" : DAY_TIME.format(at));
            }
        });
        time.setPrefWidth(130);
        TableColumn<AlertEntry, Severity> severity = new TableColumn<>("Severity");
        severity.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().severity()));
        severity.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Severity s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? "" : s.label());
                getStyleClass().removeAll("age-warning", "age-critical");
                if (!empty && s != null) {
                    getStyleClass().add(s == Severity.CRITICAL ? "age-critical" : "age-warning");
                }
            }
        });
        severity.setPrefWidth(80);
        TableColumn<AlertEntry, String> event = new TableColumn<>("Event");
        event.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().type().label()));
        event.setPrefWidth(80);
        TableColumn<AlertEntry, String> kind = new TableColumn<>("Alert");
        kind.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().kind().label()));
        kind.setPrefWidth(150);
        TableColumn<AlertEntry, String> summary = new TableColumn<>("What happened");
        summary.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().summary()));
        summary.setCellFactory(c -> tooltipCell());
        summary.setPrefWidth(420);
        TableColumn<AlertEntry, String> evidence = new TableColumn<>("Evidence");
        evidence.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().evidence()));
        evidence.setCellFactory(c -> tooltipCell());
        evidence.setPrefWidth(300);
        table.getColumns().addAll(List.of(time, severity, event, kind, summary, evidence));
        table.setSortPolicy(t -> false);
        VBox card = new VBox(8, title, table);
        card.getStyleClass().add("card");
        return card;
    }

    /** Long texts are cut to the column; the tooltip has all of it. */
    private static TableCell<AlertEntry, String> tooltipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? "" : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : wrapping(text));
            }
        };
    }

    private static Tooltip wrapping(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(520);
        return t;
    }

    private Node thresholdsCard() {
        Label title = new Label("THRESHOLDS");
        title.getStyleClass().add("card-title");
        Label explain = new Label("An alert is raised when its value stays at or above the warning threshold for the"
                + " given time, becomes critical at the critical threshold, and clears only when the value falls below"
                + " the clear threshold — so a value hovering at a threshold raises it once, not on every poll.");
        explain.setWrapText(true);
        explain.getStyleClass().add("muted");
        // Why saved thresholds are not in use (a damaged file, and where it was moved).
        Label problem = new Label(null, new FontIcon(Feather.ALERT_TRIANGLE));
        problem.setId("alerts-rules-problem");
        problem.textProperty().bind(vm.rulesProblemProperty());
        problem.setWrapText(true);
        problem.getStyleClass().addAll("callout", "warning");
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.visibleProperty().bind(vm.rulesProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.setId("alerts-thresholds");
        String[] heads = {"Alert", "Warning at", "Critical at", "Clear below", "For at least (s)", "Unit"};
        for (int i = 0; i < heads.length; i++) {
            Label h = new Label(heads[i]);
            h.getStyleClass().add("muted");
            grid.add(h, i, 0);
        }
        int row = 1;
        for (RuleForm form : vm.forms()) {
            Label name = new Label(form.kind().label());
            name.setTooltip(wrapping(form.kind().description()));
            grid.add(name, 0, row);
            grid.add(field(form, form.warningProperty(), "warning"), 1, row);
            grid.add(field(form, form.criticalProperty(), "critical"), 2, row);
            grid.add(field(form, form.clearProperty(), "clear"), 3, row);
            grid.add(field(form, form.sustainProperty(), "sustain"), 4, row);
            Label unit = new Label(form.kind().unit());
            unit.getStyleClass().add("muted");
            grid.add(unit, 5, row);
            Label error = new Label();
            error.textProperty().bind(form.errorProperty());
            error.getStyleClass().add("form-error");
            error.setWrapText(true);
            error.visibleProperty().bind(form.errorProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            grid.add(error, 1, row + 1, 5, 1);
            row += 2;
        }
        Button apply = new Button("Apply", new FontIcon(Feather.CHECK));
        apply.setId("alerts-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> vm.applyRules());
        Button reset = new Button("Restore defaults");
        reset.setOnAction(e -> vm.resetRules());
        Label status = new Label();
        status.textProperty().bind(vm.formStatusProperty());
        status.getStyleClass().add("muted");
        HBox buttons = new HBox(10, apply, reset, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        gap.setMinHeight(4);
        VBox card = new VBox(8, title, explain, problem, grid, gap, buttons);
        card.getStyleClass().add("card");
        return card;
    }

    private TextField field(RuleForm form, javafx.beans.property.StringProperty value, String what) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(6);
        f.setId("alerts-" + form.kind().key() + "-" + what);
        form.errorProperty().addListener((obs, o, n) -> f.pseudoClassStateChanged(Styles.STATE_DANGER, !n.isEmpty()));
        HBox.setHgrow(f, Priority.NEVER);
        f.setOnAction(e -> vm.applyRules());
        return f;
    }
}
