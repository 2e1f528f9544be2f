package io.pgpulse.app.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.core.activity.Signal;

/**
 * The sessions card: filters, the table, the selected session's details and the two actions.
 * The table's items are the view-model's list, changed only by sessions that come and go; after
 * each refresh the table re-sorts, which moves rows only when their order really changed.
 */
final class SessionsView {
    static final PseudoClass BLOCKER = PseudoClass.getPseudoClass("blocker");
    static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    static final PseudoClass IDLE_XACT = PseudoClass.getPseudoClass("idle-xact");
    static final PseudoClass LONG_RUNNING = PseudoClass.getPseudoClass("long-running");
    private static final String ALL = "All";

    private final ActivityViewModel vm;
    private final Consumer<ActionPlan> confirm;
    private final TableView<SessionItem> table = new TableView<>();
    private final List<SessionItem> keptSelection = new ArrayList<>();
    private boolean restoreSelection;
    private final VBox root;

    SessionsView(ActivityViewModel vm, Consumer<ActionPlan> confirm) {
        this.vm = vm;
        this.confirm = confirm;
        buildTable();
        SplitPane split = new SplitPane(table);
        Node detail = detailPane();
        // The inspector opens beside the table when a session is selected; until then the table
        // has the full width its columns need.
        vm.focusedProperty().addListener((obs, was, is) -> {
            if (is != null && !split.getItems().contains(detail)) {
                split.getItems().add(detail);
                split.setDividerPositions(0.74);
            } else if (is == null) {
                split.getItems().remove(detail);
            }
        });
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(6, header(), filters(), split, actions());
        root.getStyleClass().addAll("card", "activity-sessions-card");
    }

    Node root() {
        return root;
    }

    TableView<SessionItem> table() {
        return table;
    }

    /** Shows a session in the table, clearing filters that hide it. */
    void reveal(int pid) {
        SessionItem item = vm.session(pid);
        if (item == null) {
            return;
        }
        if (!vm.sessions().contains(item)) {
            vm.stateFilterProperty().set(null);
            vm.applicationFilterProperty().set(null);
            vm.userFilterProperty().set(null);
            vm.databaseFilterProperty().set(null);
            vm.searchProperty().set("");
            vm.onlyWaitingProperty().set(false);
            vm.onlyIdleInTransactionProperty().set(false);
            vm.onlyLongRunningProperty().set(false);
        }
        table.getSelectionModel().clearSelection();
        table.getSelectionModel().select(item);
        table.scrollTo(item);
    }

    private Node header() {
        Label title = new Label("Sessions");
        title.getStyleClass().add("card-title");
        title.setMinWidth(Label.USE_PREF_SIZE);
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("muted");
        Label note = new Label();
        note.textProperty().bind(vm.dataNoteProperty());
        note.getStyleClass().add("activity-data-note");
        note.visibleProperty().bind(vm.dataNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Node legend = legend();
        ((Region) legend).setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(12, title, summary, note, gap, legend);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node filters() {
        TextField search = new TextField();
        search.setPromptText("Find pid, query, user, app");
        search.setPrefColumnCount(10);
        search.textProperty().bindBidirectional(vm.searchProperty());

        CheckBox waiting = new CheckBox("waiting");
        waiting.setId("only-waiting");
        waiting.selectedProperty().bindBidirectional(vm.onlyWaitingProperty());
        CheckBox idle = new CheckBox("idle in transaction");
        idle.setId("only-idle-in-transaction");
        idle.selectedProperty().bindBidirectional(vm.onlyIdleInTransactionProperty());
        CheckBox longRunning = new CheckBox("long-running");
        longRunning.setId("only-long-running");
        longRunning.selectedProperty().bindBidirectional(vm.onlyLongRunningProperty());
        Label only = new Label("Only:");
        only.getStyleClass().add("muted");

        FlowPane pane = new FlowPane(10, 6, search,
                choice("State", vm.states(), vm.stateFilterProperty()),
                choice("Application", vm.applications(), vm.applicationFilterProperty()),
                choice("User", vm.users(), vm.userFilterProperty()),
                choice("Database", vm.databases(), vm.databaseFilterProperty()),
                only, waiting, idle, longRunning);
        pane.setAlignment(Pos.CENTER_LEFT);
        return pane;
    }

    private static Spinner<Integer> secondsSpinner(ObjectProperty<Duration> property) {
        Spinner<Integer> spinner = new Spinner<>(1, 86_400, (int) property.get().toSeconds(), 5);
        spinner.setEditable(true);
        spinner.setPrefWidth(84);
        spinner.getStyleClass().add(Styles.DENSE);
        spinner.valueProperty().addListener((obs, was, is) -> {
            if (is != null) {
                property.set(Duration.ofSeconds(is));
            }
        });
        return spinner;
    }

    private static ComboBox<String> choice(String what, ObservableList<String> values,
            ObjectProperty<String> filter) {
        ComboBox<String> box = new ComboBox<>();
        box.setPromptText(what);
        Runnable fill = () -> {
            String keep = filter.get();
            List<String> items = new ArrayList<>();
            items.add(ALL);
            items.addAll(values);
            if (keep != null && !values.contains(keep)) {
                items.add(keep);
            }
            box.getItems().setAll(items);
            box.setValue(keep == null ? null : keep);
        };
        values.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || ALL.equals(item) ? what : item);
            }
        });
        box.valueProperty().addListener((obs, was, is) -> filter.set(is == null || ALL.equals(is) ? null : is));
        filter.addListener((obs, was, is) -> {
            if (is == null && box.getValue() != null && !ALL.equals(box.getValue())) {
                box.setValue(null);
            }
        });
        box.setMaxWidth(220);
        box.setPrefWidth(122);
        return box;
    }

    private void buildTable() {
        table.getStyleClass().addAll(Styles.DENSE, "activity-sessions");
        // TableView's selection model loses track of selected rows when several non-adjacent rows
        // are removed in one change (it shifts indices, not items). So the page remembers what the
        // user selected, ignores what the model does while rows come and go, and puts the
        // selection back by item after each refresh. This listener is registered before the
        // table's own, so it runs first.
        vm.sessions().addListener((ListChangeListener<SessionItem>) c -> restoreSelection = true);
        table.setItems(vm.sessions());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<SessionItem>) c -> {
            if (!restoreSelection) {
                keptSelection.clear();
                keptSelection.addAll(table.getSelectionModel().getSelectedItems());
            }
        });
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(true);
        table.setPlaceholder(new Label("No session matches the filters."));
        Bindings.bindContent(vm.selection(), table.getSelectionModel().getSelectedItems());
        table.setRowFactory(t -> new SessionRow());

        TableColumn<SessionItem, RowView> pid = column("pid", 62, v -> Integer.toString(v.pid()),
                Comparator.comparingInt(RowView::pid), true);
        TableColumn<SessionItem, RowView> db = column("Database", 92, v -> text(v.row().database()),
                Comparator.comparing(v -> text(v.row().database())), false);
        TableColumn<SessionItem, RowView> user = column("User", 84, v -> text(v.row().user()),
                Comparator.comparing(v -> text(v.row().user())), false);
        TableColumn<SessionItem, RowView> app = column("Application", 110, v -> text(v.row().application()),
                Comparator.comparing(v -> text(v.row().application())), false);
        TableColumn<SessionItem, RowView> client = column("Client", 80, RowView::client,
                Comparator.comparing(RowView::client), false);
        TableColumn<SessionItem, RowView> type = column("Backend", 96, v -> text(v.row().backendType()),
                Comparator.comparing(v -> text(v.row().backendType())), false);
        TableColumn<SessionItem, RowView> state = column("State", 150, SessionsView::state,
                Comparator.comparing(SessionsView::state), false);
        TableColumn<SessionItem, RowView> wait = column("Wait event", 116, RowView::waitEvent,
                Comparator.comparing(RowView::waitEvent), false);
        TableColumn<SessionItem, RowView> xact = column("xact", 60, v -> Texts.age(v.xactAge()),
                Comparator.comparing(RowView::xactAge, Comparator.nullsFirst(Comparator.naturalOrder())), true);
        TableColumn<SessionItem, RowView> query = column("query", 60, v -> Texts.age(v.queryAge()),
                Comparator.comparing(RowView::queryAge, Comparator.nullsFirst(Comparator.naturalOrder())), true);
        TableColumn<SessionItem, RowView> stateAge = column("state", 60, v -> Texts.age(v.stateAge()),
                Comparator.comparing(RowView::stateAge, Comparator.nullsFirst(Comparator.naturalOrder())), true);
        TableColumn<SessionItem, RowView> ages = new TableColumn<>("Age of");
        ages.getColumns().setAll(List.of(xact, query, stateAge));
        TableColumn<SessionItem, RowView> blocked = column("Blocked by", 100, v -> Texts.pids(v.row().blockedBy()),
                Comparator.comparingInt((RowView v) -> v.row().blockedBy().size()), false);
        TableColumn<SessionItem, RowView> text = new TableColumn<>("Query");
        text.setCellValueFactory(c -> c.getValue().viewProperty());
        text.setCellFactory(c -> new QueryCell());
        text.setComparator(Comparator.comparing(v -> text(v.row().query())));

        table.getColumns().setAll(List.of(pid, db, user, app, client, type, state, wait, ages, blocked, text));
        // Shown in the details; the column menu (top right of the table) brings them back.
        client.setVisible(false);
        type.setVisible(false);
        FillColumn.fill(table.widthProperty(), table.getColumns(), text, 220);
        xact.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(xact);
        vm.revisionProperty().addListener((obs, was, is) -> {
            table.sort();
            if (restoreSelection) {
                reselect();
                restoreSelection = false;
            }
        });
    }

    private void reselect() {
        var model = table.getSelectionModel();
        if (keptSelection.isEmpty() && model.isEmpty()) {
            return;
        }
        Set<SessionItem> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(keptSelection);
        List<Integer> indices = new ArrayList<>();
        List<SessionItem> items = table.getItems();
        for (int i = 0; i < items.size() && indices.size() < wanted.size(); i++) {
            if (wanted.contains(items.get(i))) {
                indices.add(i);
            }
        }
        List<SessionItem> now = model.getSelectedItems();
        if (now.size() == indices.size() && wanted.containsAll(now)) {
            return;
        }
        model.clearSelection();
        if (!indices.isEmpty()) {
            int[] rest = new int[indices.size() - 1];
            for (int i = 1; i < indices.size(); i++) {
                rest[i - 1] = indices.get(i);
            }
            model.selectIndices(indices.get(0), rest);
            table.getFocusModel().focus(indices.get(0));
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Background processes have no state; their kind says more than an empty cell. */
    private static String state(RowView v) {
        if (v.row().state() != null) {
            return v.row().state();
        }
        return v.row().backendType() == null ? "" : "(" + v.row().backendType() + ")";
    }

    private static TableColumn<SessionItem, RowView> column(String title, double width, Function<RowView, String> text,
            Comparator<RowView> order, boolean numeric) {
        TableColumn<SessionItem, RowView> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> d.getValue().viewProperty());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RowView v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : text.apply(v));
            }
        });
        c.setComparator(order);
        if (numeric) {
            c.getStyleClass().add("numeric");
        }
        return c;
    }

    /** The query on one line; the tooltip shows more, the detail pane all of it. */
    private static final class QueryCell extends TableCell<SessionItem, RowView> {
        private final Tooltip tooltip = new Tooltip();

        QueryCell() {
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(700);
            tooltip.setShowDelay(javafx.util.Duration.millis(400));
            tooltip.setShowDuration(javafx.util.Duration.seconds(30));
        }

        @Override
        protected void updateItem(RowView v, boolean empty) {
            super.updateItem(v, empty);
            String query = empty || v == null ? null : v.row().query();
            if (query == null || query.isEmpty()) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(Texts.oneLine(query, 300));
            String tip = query.length() > 1500 ? query.substring(0, 1500) + "…" : query;
            if (!tip.equals(tooltip.getText())) {
                tooltip.setText(tip);
            }
            setTooltip(tooltip);
        }
    }

    /** Tints rows that need attention; follows in-place updates of its item. */
    private static final class SessionRow extends TableRow<SessionItem> {
        private final ChangeListener<RowView> onChange = (obs, was, is) -> mark(is);
        private SessionItem bound;

        @Override
        protected void updateItem(SessionItem item, boolean empty) {
            super.updateItem(item, empty);
            SessionItem next = empty ? null : item;
            if (next != bound) {
                if (bound != null) {
                    bound.viewProperty().removeListener(onChange);
                }
                bound = next;
                if (bound != null) {
                    bound.viewProperty().addListener(onChange);
                }
            }
            mark(bound == null ? null : bound.view());
        }

        private void mark(RowView v) {
            boolean blocker = v != null && v.blocker();
            pseudoClassStateChanged(BLOCKER, blocker);
            pseudoClassStateChanged(WAITING, v != null && !blocker && v.waiting());
            pseudoClassStateChanged(IDLE_XACT, v != null && !blocker && v.idleTooLong());
            pseudoClassStateChanged(LONG_RUNNING, v != null && !blocker && !v.waiting() && v.longRunning());
        }
    }

    /**
     * The selected session: its full query first (what a person reads), then every field. Its
     * labels are updated in place on each refresh, and it scrolls rather than push the blocking
     * tree off the page.
     */
    private Node detailPane() {
        Label title = new Label();
        title.getStyleClass().add("card-title");
        TextArea query = new TextArea();
        query.setEditable(false);
        query.setWrapText(true);
        query.setPrefRowCount(5);
        query.setMinHeight(60);
        query.getStyleClass().add("activity-query");
        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(3);
        fields.getStyleClass().add("activity-fields");
        ScrollPane scroll = new ScrollPane(fields);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("activity-facts-scroll");
        scroll.setMinHeight(0);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox pane = new VBox(6, title, query, scroll);
        pane.setPadding(new Insets(0, 0, 0, 10));
        pane.getStyleClass().add("activity-detail");
        pane.setMinWidth(260);
        pane.setPrefWidth(330);
        pane.setMinHeight(0);
        List<Label[]> rows = new ArrayList<>();
        vm.focusedProperty().addListener((obs, was, v) -> {
            if (v == null) {
                return;
            }
            title.setText("Session " + v.pid());
            List<SessionDetails.Field> details = vm.details(v);
            while (rows.size() < details.size()) {
                Label label = new Label();
                label.getStyleClass().add("muted");
                label.setMinWidth(Label.USE_PREF_SIZE);
                Label value = new Label();
                value.setWrapText(true);
                fields.addRow(rows.size(), label, value);
                rows.add(new Label[] {label, value});
            }
            for (int i = 0; i < rows.size(); i++) {
                boolean used = i < details.size();
                rows.get(i)[0].setText(used ? details.get(i).label() : "");
                rows.get(i)[1].setText(used ? details.get(i).value() : "");
                rows.get(i)[0].setManaged(used);
                rows.get(i)[1].setManaged(used);
            }
            String full = v.row().query() == null ? "" : v.row().query();
            if (!full.equals(query.getText())) {
                query.setText(full);
            }
        });
        return pane;
    }

    /** The highlight colours, with the two thresholds set right where they are explained. */
    private Node legend() {
        HBox box = new HBox(12, swatch("blocker", new Label("blocks others")),
                swatch("waiting", new Label("waits for a lock")),
                swatch("idle-xact", new Label("idle in xact over"),
                        secondsSpinner(vm.idleInTransactionThresholdProperty()), new Label("s")),
                swatch("long-running", new Label("running over"),
                        secondsSpinner(vm.longRunningThresholdProperty()), new Label("s")));
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("activity-legend");
        return box;
    }

    private static Node swatch(String kind, Node... parts) {
        Region r = new Region();
        r.getStyleClass().addAll("activity-swatch", kind);
        r.setMinSize(12, 12);
        r.setMaxSize(12, 12);
        HBox h = new HBox(5, r);
        for (Node part : parts) {
            if (part instanceof Label) {
                part.getStyleClass().add("muted");
            }
            h.getChildren().add(part);
        }
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private Node actions() {
        Button cancel = new Button("Cancel query…", new FontIcon(Feather.X_CIRCLE));
        cancel.getStyleClass().add(Styles.ACCENT);
        cancel.setId("activity-cancel");
        cancel.disableProperty().bind(vm.cancelUnavailableProperty().isNotEmpty());
        cancel.setOnAction(e -> confirm.accept(vm.plan(Signal.CANCEL)));
        Button terminate = new Button("Terminate session…", new FontIcon(Feather.SLASH));
        terminate.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        terminate.setId("activity-terminate");
        terminate.disableProperty().bind(vm.terminateUnavailableProperty().isNotEmpty());
        terminate.setOnAction(e -> confirm.accept(vm.plan(Signal.TERMINATE)));

        Label why = new Label();
        why.getStyleClass().add("muted");
        why.setWrapText(true);
        why.textProperty().bind(Bindings.when(vm.cancelUnavailableProperty().isNotEmpty())
                .then(vm.cancelUnavailableProperty()).otherwise(""));
        Label privilege = new Label(vm.privilegeNote());
        privilege.getStyleClass().add("activity-privilege");
        privilege.setWrapText(true);
        privilege.setMinHeight(Label.USE_PREF_SIZE);
        privilege.setVisible(!vm.privilegeNote().isEmpty());
        privilege.managedProperty().bind(privilege.visibleProperty());

        Label summary = new Label();
        summary.textProperty().bind(vm.outcomeSummaryProperty());
        summary.getStyleClass().add("activity-outcome-summary");
        ListView<ActionOutcome> results = new ListView<>(vm.outcomes());
        results.getStyleClass().addAll(Styles.DENSE, "activity-outcomes");
        results.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ActionOutcome o, boolean empty) {
                super.updateItem(o, empty);
                getStyleClass().removeAll("sent", "not-sent");
                if (empty || o == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(o.message());
                setGraphic(new FontIcon(o.sent() ? Feather.CHECK : Feather.ALERT_TRIANGLE));
                getStyleClass().add(o.sent() ? "sent" : "not-sent");
            }
        });
        results.prefHeightProperty().bind(Bindings.min(4, Bindings.size(vm.outcomes())).multiply(30).add(4));
        results.setMinHeight(Region.USE_PREF_SIZE);
        results.visibleProperty().bind(Bindings.isNotEmpty(vm.outcomes()));
        results.managedProperty().bind(results.visibleProperty());

        // A disabled button gets no mouse events, so its tooltip lives on a wrapper.
        StackPane cancelWrap = tooltipWrapper(cancel, vm.cancelUnavailableProperty());
        StackPane terminateWrap = tooltipWrapper(terminate, vm.terminateUnavailableProperty());
        HBox buttons = new HBox(8, cancelWrap, terminateWrap, why);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(why, Priority.ALWAYS);
        VBox box = new VBox(6, buttons, privilege, summary, results);
        summary.visibleProperty().bind(vm.outcomeSummaryProperty().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());
        return box;
    }

    private static StackPane tooltipWrapper(Button button, ObservableStringValue reason) {
        StackPane wrap = new StackPane(button);
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(520);
        tip.textProperty().bind(reason);
        Runnable install = () -> {
            String text = reason.get();
            if (text == null || text.isEmpty()) {
                Tooltip.uninstall(wrap, tip);
            } else {
                Tooltip.install(wrap, tip);
            }
        };
        reason.addListener((obs, was, is) -> install.run());
        install.run();
        return wrap;
    }
}
