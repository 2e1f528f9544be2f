package io.pgpulse.app.queries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.QueryExplanations;
import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.core.statements.query.QueryMarker;
import io.pgpulse.core.statements.query.QueryTable;
import io.pgpulse.core.statements.query.QueryUnits;
import io.pgpulse.core.statements.query.QueryWindow;

/**
 * The Queries page: window selector and findings on top, the statements table in the middle, the
 * selected statement's detail below. Built in code; it only binds to the view-model and turns
 * clicks into view-model calls (the file chooser and the clipboard are the only things it does
 * itself, since both belong to the UI thread).
 */
public final class QueriesView {
    static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");
    private static final int MAX_LOOP_CARDS = 3;
    private static final int MAX_HOT_LINKS = 4;

    /** Heaviest first, then the key, so that equal figures keep a stable order from refresh to refresh. */
    private static final Comparator<QueryFigures> TIE_BREAK = (a, b) -> {
        int c = Double.compare(b.totalTimeMs(), a.totalTimeMs());
        if (c != 0) {
            return c;
        }
        StatementKey x = a.key();
        StatementKey y = b.key();
        c = Long.compare(x.queryId(), y.queryId());
        c = c != 0 ? c : Long.compare(x.dbId(), y.dbId());
        c = c != 0 ? c : Long.compare(x.userId(), y.userId());
        return c != 0 ? c : Boolean.compare(x.topLevel(), y.topLevel());
    };

    private final QueriesViewModel vm;
    private final StackPane root = new StackPane();
    private final TableView<QuerySlot> table = new TableView<>();
    /** The rows as shown: filtered and sorted by the view-model, in the table's sort order. */
    private final ObservableList<QueryRow> sorted;
    private final ObservableList<QuerySlot> slots = FXCollections.observableArrayList();
    private final Map<TableColumn<QuerySlot, ?>, Comparator<QueryFigures>> comparators = new HashMap<>();
    private final Map<TableColumn<QuerySlot, ?>, ToDoubleFunction<QueryFigures>> numbers = new HashMap<>();
    private TableColumn<QuerySlot, QuerySlot> shareColumn;
    private TableColumn<QuerySlot, QuerySlot> queryColumn;
    private TableColumn<QuerySlot, QuerySlot> maxColumn;
    private TableColumn<QuerySlot, QuerySlot> planColumn;
    private Boolean maxProvided;
    private Boolean planProvided;
    private final VBox findingsBox = new VBox(8);
    private final Map<StatementKey, LoopCard> loopCards = new LinkedHashMap<>();
    private final HotLine hotLine = new HotLine();
    private List<Object> findingNames = List.of();
    private final VBox notesBox = new VBox(2);
    private boolean syncingSelection;

    private final QueryDetailPane detail;

    public QueriesView(QueriesViewModel vm, ObservableValue<AppTheme> theme) {
        this.vm = vm;
        this.sorted = vm.visibleRows();
        this.detail = new QueryDetailPane(vm, theme);
        root.getStyleClass().add("queries-page");
        vm.unavailableProperty().addListener((obs, old, now) -> show());
        show();
    }

    public Node root() {
        return root;
    }

    /** The table, for tests that click on it. */
    TableView<QuerySlot> table() {
        return table;
    }

    /** The rows in the order shown. */
    List<QueryRow> shownRows() {
        return sorted;
    }

    TextArea sqlArea() {
        return detail.sqlArea();
    }

    private void show() {
        QueriesViewModel.Unavailable u = vm.unavailableProperty().get();
        root.getChildren().setAll(u != null ? unavailablePane(u) : mainPane());
    }

    private Node unavailablePane(QueriesViewModel.Unavailable u) {
        Label title = new Label(u.title(), new FontIcon(Feather.ALERT_TRIANGLE));
        title.getStyleClass().add("callout-title");
        Label explanation = new Label(u.explanation());
        explanation.setWrapText(true);
        VBox callout = new VBox(8, title, explanation);
        callout.getStyleClass().addAll("callout", "warning");
        if (!u.fix().isBlank()) {
            TextArea fix = new TextArea(u.fix());
            fix.setEditable(false);
            fix.setWrapText(true);
            fix.setPrefRowCount((int) u.fix().lines().count() + 1);
            fix.getStyleClass().add("sql-text");
            Button copy = new Button("Copy the fix", new FontIcon(Feather.COPY));
            copy.setOnAction(e -> copy(u.fix()));
            callout.getChildren().addAll(new Label("The fix, to run or hand to whoever administers the server:"), fix, copy);
        }
        Label rest = new Label("Everything else in PgPulse keeps working without it: connections, sessions and locks.");
        rest.getStyleClass().add("muted");
        Label heading = new Label("Queries");
        heading.getStyleClass().add("page-title");
        VBox page = new VBox(heading, callout, rest);
        page.getStyleClass().add("page");
        page.setMaxWidth(900);
        StackPane.setAlignment(page, Pos.TOP_LEFT);
        return page;
    }

    private Node mainPane() {
        SplitPane body = new SplitPane(tablePane(), detail.root());
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.56);
        // The split takes the height the rest leaves; the findings above keep their full height.
        body.setPrefHeight(300);
        body.setMinHeight(200);
        findingsBox.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox page = new VBox(header(), findingsBox, filterBar(), body);
        page.getStyleClass().add("page");
        findingsBox.managedProperty().bind(findingsBox.visibleProperty());
        findingsBox.setVisible(false);
        vm.findings().addListener((ListChangeListener<RepeatedQuery>) c -> updateFindings());
        vm.tableProperty().addListener((obs, old, now) -> onRefresh());
        vm.selectedProperty().addListener((obs, old, now) -> selectInTable(now, true));
        updateFindings();
        return page;
    }

    private Node header() {
        Label title = new Label("Queries");
        title.getStyleClass().add("page-title");
        HBox windows = new HBox();
        ToggleGroup group = new ToggleGroup();
        QueryWindow[] all = QueryWindow.values();
        for (int i = 0; i < all.length; i++) {
            QueryWindow w = all[i];
            ToggleButton b = new ToggleButton(w.label());
            b.setUserData(w);
            b.setToggleGroup(group);
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setTooltip(new Tooltip(windowTip(w)));
            b.setSelected(vm.windowProperty().get() == w);
            windows.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                vm.windowProperty().set((QueryWindow) now.getUserData());
            }
        });
        vm.windowProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
        windows.setId("query-window");
        Label reset = new Label();
        reset.textProperty().bind(vm.resetProperty());
        reset.getStyleClass().add("muted");
        reset.setTooltip(new Tooltip("When pg_stat_statements was last reset (pg_stat_statements_info.stats_reset)."
                + " PgPulse never resets it: that would destroy everyone else's figures."));
        Button export = new Button("Export CSV", new FontIcon(Feather.DOWNLOAD));
        export.setTooltip(new Tooltip("Save the table as shown (filters and sort order) as CSV"));
        export.setOnAction(e -> exportCsv());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(14, title, windows, spacer, reset, export);
        top.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("query-summary");
        Label stale = new Label();
        stale.textProperty().bind(vm.staleProperty());
        stale.getStyleClass().add("query-note");
        stale.visibleProperty().bind(stale.textProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("muted");
        vm.notes().addListener((ListChangeListener<String>) c -> updateNotes());
        updateNotes();
        return new VBox(4, top, new HBox(16, summary, message), stale, notesBox);
    }

    private static String windowTip(QueryWindow w) {
        return switch (w) {
            case LAST_REFRESH -> "What ran between the last two polls: what is happening now";
            case SINCE_RESET -> "pg_stat_statements' own totals since its last reset; the max column needs this window";
            default -> "Sums of the polls of the last " + w.label() + " PgPulse has seen";
        };
    }

    private void updateNotes() {
        List<Node> labels = new ArrayList<>();
        for (String n : vm.notes()) {
            Label l = new WrappedLabel();
            l.setText(n);
            l.setGraphic(new FontIcon(Feather.INFO));
            l.getStyleClass().add("query-note");
            labels.add(l);
        }
        notesBox.getChildren().setAll(labels);
    }

    private Node filterBar() {
        TextField text = new TextField();
        text.setPromptText("Filter by text or queryid");
        text.setPrefColumnCount(22);
        text.textProperty().bindBidirectional(vm.filterTextProperty());
        ComboBox<String> db = choice(vm.databases(), "All databases");
        db.valueProperty().addListener((obs, old, now) -> vm.databaseFilterProperty().set(blankToNull(now)));
        ComboBox<String> user = choice(vm.users(), "All users");
        user.valueProperty().addListener((obs, old, now) -> vm.userFilterProperty().set(blankToNull(now)));
        ComboBox<String> app = choice(vm.applications(), "All applications");
        app.valueProperty().addListener((obs, old, now) -> vm.applicationFilterProperty().set(blankToNull(now)));
        app.setDisable(!vm.applicationsAvailable());
        Label appHelp = new Label(null, new FontIcon(Feather.HELP_CIRCLE));
        appHelp.setTooltip(tip(vm.applicationsNote()));
        appHelp.getStyleClass().add("muted");
        HBox appBox = new HBox(4, app, appHelp);
        appBox.setAlignment(Pos.CENTER_LEFT);

        TextField slowMs = number(vm.thresholds().slowMeanMs());
        TextField slowCalls = number(vm.thresholds().slowMinCalls());
        Runnable applySlow = () -> vm.setSlow(parse(slowMs.getText(), vm.thresholds().slowMeanMs()),
                (long) parse(slowCalls.getText(), vm.thresholds().slowMinCalls()));
        for (TextField f : List.of(slowMs, slowCalls)) {
            f.setOnAction(e -> applySlow.run());
            f.focusedProperty().addListener((obs, old, now) -> {
                if (!now) {
                    applySlow.run();
                }
            });
        }
        Label slow = new Label("Slow: mean ≥");
        slow.setTooltip(tip("A statement is marked slow when its mean time in the window reaches this, with at least"
                + " this many calls in the window (so a one-off maintenance query is not the query to fix)."));
        HBox slowBox = new HBox(6, slow, slowMs, new Label("ms with ≥"), slowCalls, new Label("calls"));
        slowBox.setAlignment(Pos.CENTER_LEFT);
        CheckBox flagged = new CheckBox("Flagged only");
        flagged.selectedProperty().bindBidirectional(vm.flaggedOnlyProperty());
        flagged.setTooltip(tip("Only statements marked N+1, N+1 parent, regressed, slow or hot lookup"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, text, db, user, appBox, flagged, spacer, slowBox);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** A filter choice: "" stands for all, and stays chosen while the list of values changes. */
    private static ComboBox<String> choice(ObservableList<String> values, String all) {
        ObservableList<String> items = FXCollections.observableArrayList("");
        items.addAll(values);
        ComboBox<String> box = new ComboBox<>(items);
        box.setValue("");
        values.addListener((ListChangeListener<String>) c -> {
            List<String> next = new ArrayList<>();
            next.add("");
            next.addAll(values);
            if (!items.equals(next)) {
                String chosen = box.getValue();
                items.setAll(next);
                box.setValue(chosen == null ? "" : chosen);
            }
        });
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? all : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        box.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s == null || s.isEmpty() ? all : s);
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        box.setPrefWidth(170);
        return box;
    }

    private Node tablePane() {
        table.setItems(slots);
        sorted.addListener((ListChangeListener<QueryRow>) c -> syncSlots());
        table.getStyleClass().addAll(Styles.DENSE, "queries-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No statement ran in this window."));
        table.setTableMenuButtonVisible(true);
        // A fixed row height spares the table measuring every row on every refresh, and lets it
        // create cells for the visible columns only.
        table.setFixedCellSize(26);
        List<TableColumn<QuerySlot, QuerySlot>> columns = new ArrayList<>();

        TableColumn<QuerySlot, QuerySlot> markers = column("Flags", "N+1 (a lookup run once per row of a list"
                + " query), N+1 parent (that list query), regressed (mean ×N its own history), slow (above the"
                + " thresholds on the right), hot lookup (very frequent single-row query without a driving list query)",
                112, Comparator.comparingInt(QueriesView::markerWeight));
        markers.setCellFactory(c -> new QueryCells.Markers());
        columns.add(markers);

        queryColumn = column("Query", "Normalised text as pg_stat_statements keeps it;"
                + " hover for more, select for the full text", 420, Comparator.comparing(QueriesView::textKey));
        queryColumn.setCellFactory(c -> new QueryCells.Query());
        columns.add(queryColumn);

        shareColumn = column("Share", "Share of all database (top-level execution) time in the window", 100,
                byDouble(f -> f.sharePercent().orElse(-1)));
        numbers.put(shareColumn, f -> f.sharePercent().orElse(-1));
        shareColumn.setCellFactory(c -> new QueryCells.Share());
        shareColumn.getStyleClass().add("numeric");
        shareColumn.setSortType(TableColumn.SortType.DESCENDING);
        columns.add(shareColumn);

        columns.add(numeric("Total", "Execution time summed over the window", 78,
                f -> QueryUnits.totalTime(f.totalTimeMs()), f -> false, QueryFigures::totalTimeMs));
        columns.add(numeric("Calls", "Executions in the window", 74, f -> QueryUnits.count(f.calls()), f -> false,
                f -> f.calls()));
        columns.add(numeric("Calls/s", "Executions per second over the time the window covers", 74,
                f -> QueryUnits.rate(f.callsPerSecond()), f -> f.callsPerSecond().isEmpty(),
                f -> f.callsPerSecond().orElse(-1)));
        columns.add(numeric("Mean", "Mean execution time per call in the window", 76,
                f -> QueryUnits.millis(f.meanTimeMs()), f -> f.meanTimeMs().isEmpty(), f -> f.meanTimeMs().orElse(-1)));
        maxColumn = numeric("Max", "Slowest single execution. pg_stat_statements keeps only a lifetime maximum, so"
                        + " the column shows in the \"Since reset\" window only", 70,
                f -> QueryUnits.millis(f.maxTimeMs()), f -> f.maxTimeMs().isEmpty(), f -> f.maxTimeMs().orElse(-1));
        columns.add(maxColumn);
        columns.add(numeric("Rows/call", "Rows returned or affected per call; about 1 for a lookup by key", 80,
                f -> QueryUnits.rowsPerCall(f.rowsPerCall()), f -> false, f -> f.rowsPerCall().orElse(-1)));
        columns.add(numeric("Hit %", "Shared-buffer blocks found in cache, of all touched; n/a when none was touched",
                62, f -> QueryUnits.percent(f.sharedHitPercent()), f -> f.sharedHitPercent().isEmpty(),
                f -> f.sharedHitPercent().orElse(-1)));
        columns.add(numeric("Temp", "Temporary blocks written: sorts and hashes that spilled to disk"
                        + " (work_mem too small for them)", 70, f -> QueryUnits.blocks(f.tempBlksWritten()),
                f -> false, f -> f.tempBlksWritten()));
        planColumn = numeric("Plan", "Planning time summed over the window. pg_stat_statements only measures it"
                        + " with pg_stat_statements.track_planning = on, so the column shows once some was measured", 70,
                f -> QueryUnits.totalTime(f.planTimeMs()), f -> false, QueryFigures::planTimeMs);
        columns.add(planColumn);
        TableColumn<QuerySlot, QuerySlot> db = column("Database", null, 90,
                Comparator.comparing(f -> f.database() == null ? "" : f.database()));
        db.setCellFactory(c -> new QueryCells.Figure(f -> f.database() == null ? "oid " + f.key().dbId() : f.database(),
                f -> f.database() == null, false));
        columns.add(db);
        TableColumn<QuerySlot, QuerySlot> user = column("User", null, 90,
                Comparator.comparing(f -> f.user() == null ? "" : f.user()));
        user.setCellFactory(c -> new QueryCells.Figure(f -> f.user() == null ? "oid " + f.key().userId() : f.user(),
                f -> f.user() == null, false));
        columns.add(user);
        TableColumn<QuerySlot, QuerySlot> apps = column("Application", vm.applicationsNote(), 100,
                Comparator.comparing(f -> String.join(",", f.applications())));
        apps.setCellFactory(c -> new QueryCells.Figure(f -> String.join(", ", f.applications().stream().sorted().toList()),
                f -> false, false));
        apps.setVisible(vm.applicationsAvailable());
        columns.add(apps);
        table.getColumns().setAll(columns);

        // Before the first sort order: the default policy would reject a sorted list the table
        // does not own and undo the order.
        table.setSortPolicy(t -> {
            resort();
            return true;
        });
        table.getSortOrder().setAll(List.of(shareColumn));
        // The text is what a reader scans, so it takes whatever width the figures leave.
        table.widthProperty().addListener((obs, old, now) -> fitQueryColumn());
        for (TableColumn<QuerySlot, ?> c : columns) {
            if (c != queryColumn) {
                c.widthProperty().addListener((obs, old, now) -> fitQueryColumn());
                c.visibleProperty().addListener((obs, old, now) -> fitQueryColumn());
            }
        }
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncingSelection && now != null && now.row() != null) {
                vm.select(now.row().key());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    private void fitQueryColumn() {
        double others = 0;
        for (TableColumn<QuerySlot, ?> c : table.getColumns()) {
            if (c != queryColumn && c.isVisible()) {
                others += c.getWidth();
            }
        }
        double free = table.getWidth() - others - 36;
        queryColumn.setPrefWidth(Math.max(320, free));
    }

    private TableColumn<QuerySlot, QuerySlot> column(String title, String tip, double width,
            Comparator<QueryFigures> comparator) {
        TableColumn<QuerySlot, QuerySlot> c = new TableColumn<>();
        Label header = new Label(title);
        if (tip != null) {
            header.setTooltip(tip(tip));
        }
        c.setGraphic(header);
        c.setText("");
        c.setId("col-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
        c.setPrefWidth(width);
        // The cell follows the slot's figures itself (see QueryCells), so its value is the slot.
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        comparators.put(c, comparator);
        return c;
    }

    private TableColumn<QuerySlot, QuerySlot> numeric(String title, String tip, double width,
            Function<QueryFigures, String> text, Predicate<QueryFigures> missing, ToDoubleFunction<QueryFigures> value) {
        TableColumn<QuerySlot, QuerySlot> c = column(title, tip, width, byDouble(value));
        numbers.put(c, value);
        c.setCellFactory(col -> new QueryCells.Figure(text, missing, true));
        c.getStyleClass().add("numeric");
        return c;
    }

    private static Comparator<QueryFigures> byDouble(ToDoubleFunction<QueryFigures> value) {
        return Comparator.comparingDouble(value);
    }

    private static int markerWeight(QueryFigures f) {
        int weight = 0;
        for (QueryMarker m : QueryMarker.of(f)) {
            weight += 1 << (QueryMarker.values().length - m.ordinal());
        }
        return weight;
    }

    private static String textKey(QueryFigures f) {
        return f.text() == null ? "\uffff" : f.text();
    }

    /**
     * Hands the table's sort order to the view-model, which sorts the rows by it (then heaviest
     * first, then by key, so that the order is total and stable): at once, and on every refresh in
     * the background before the rows reach the UI thread.
     */
    private void resort() {
        List<TableColumn<QuerySlot, ?>> order = table.getSortOrder();
        if (order.isEmpty()) {
            vm.setOrder(TIE_BREAK);
            return;
        }
        Comparator<QueryFigures> c = null;
        for (TableColumn<QuerySlot, ?> col : order) {
            Comparator<QueryFigures> base = comparators.get(col);
            if (base == null) {
                continue;
            }
            boolean descending = col.getSortType() == TableColumn.SortType.DESCENDING;
            ToDoubleFunction<QueryFigures> number = numbers.get(col);
            // A figure column compares plain doubles, without a comparator chain per comparison.
            Comparator<QueryFigures> directed = number == null ? (descending ? base.reversed() : base)
                    : descending ? (a, b) -> Double.compare(number.applyAsDouble(b), number.applyAsDouble(a))
                    : (a, b) -> Double.compare(number.applyAsDouble(a), number.applyAsDouble(b));
            c = c == null ? directed : c.thenComparing(directed);
        }
        vm.setOrder(c == null ? TIE_BREAK : c.thenComparing(TIE_BREAK));
    }

    /**
     * A refresh: the rows kept their order (or the list of rows changed already, and the lines
     * follow it), so the lines pick up the rows' new figures; only lines whose figures changed
     * redraw, and only on screen.
     */
    private void onRefresh() {
        QueryTable t = vm.table();
        if (t != null) {
            showProvidedColumns(t);
        }
        syncSlots();
    }

    /**
     * Shows the max and planning columns when the window provides them, hides them when it does
     * not; only when that changes, so a column the reader switched on or off stays as they left it.
     */
    private void showProvidedColumns(QueryTable t) {
        boolean max = t.window() == QueryWindow.SINCE_RESET;
        if (!Boolean.valueOf(max).equals(maxProvided)) {
            maxProvided = max;
            maxColumn.setVisible(max);
        }
        boolean plan = false;
        for (QueryFigures f : t.rows()) {
            if (f.planTimeMs() > 0) {
                plan = true;
                break;
            }
        }
        if (!Boolean.valueOf(plan).equals(planProvided)) {
            planProvided = plan;
            planColumn.setVisible(plan);
        }
    }

    /**
     * Points the table's lines at the rows in their sorted order. Only the line count ever changes
     * the table's items, and only at the end; everything else is a line showing another row.
     */
    private void syncSlots() {
        int n = sorted.size();
        if (slots.size() > n) {
            slots.remove(n, slots.size());
        } else if (slots.size() < n) {
            List<QuerySlot> more = new ArrayList<>(n - slots.size());
            for (int i = slots.size(); i < n; i++) {
                more.add(new QuerySlot());
            }
            slots.addAll(more);
        }
        for (int i = 0; i < n; i++) {
            slots.get(i).show(sorted.get(i));
        }
        selectInTable(vm.selectedProperty().get(), false);
    }

    /**
     * Keeps the table's selection on the view-model's statement across re-sorts and window
     * changes; scrolls to it only when the selection itself changed, never because it moved.
     */
    private void selectInTable(StatementKey key, boolean scroll) {
        QuerySlot current = table.getSelectionModel().getSelectedItem();
        if (key == null || (current != null && current.row() != null && current.row().key().equals(key))) {
            return;
        }
        syncingSelection = true;
        try {
            int index = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).key().equals(key)) {
                    index = i;
                    break;
                }
            }
            if (index >= 0) {
                table.getSelectionModel().clearAndSelect(index);
                if (scroll) {
                    table.scrollTo(Math.max(0, index - 3));
                }
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            syncingSelection = false;
        }
    }

    /**
     * Shows the findings, rebuilding the strip only when which loops it names changed; on most
     * refreshes only their figures did, and those are updated in place. The hot lookups' line is
     * built once and its links reused, whichever lookups they show.
     */
    private void updateFindings() {
        List<RepeatedQuery> loops = new ArrayList<>();
        List<RepeatedQuery> hot = new ArrayList<>();
        for (RepeatedQuery r : vm.findings()) {
            (r.isNPlusOne() ? loops : hot).add(r);
        }
        List<RepeatedQuery> shownLoops = loops.subList(0, Math.min(MAX_LOOP_CARDS, loops.size()));
        QueryTable t = vm.table();
        hotLine.show(hot, t);
        List<Object> names = new ArrayList<>();
        shownLoops.forEach(r -> names.add(r.lookup()));
        names.add(loops.size());
        names.add(!hot.isEmpty());
        if (names.equals(findingNames)) {
            shownLoops.forEach(r -> loopCards.get(r.lookup()).update(r, t));
            return;
        }
        findingNames = names;
        Map<StatementKey, LoopCard> keep = new LinkedHashMap<>();
        for (RepeatedQuery r : shownLoops) {
            LoopCard card = loopCards.get(r.lookup());
            if (card == null) {
                card = new LoopCard();
            }
            card.update(r, t);
            keep.put(r.lookup(), card);
        }
        loopCards.clear();
        loopCards.putAll(keep);
        List<Node> nodes = new ArrayList<>();
        keep.values().forEach(card -> nodes.add(card.root));
        if (loops.size() > MAX_LOOP_CARDS) {
            Label more = new Label("…and " + (loops.size() - MAX_LOOP_CARDS) + " more N+1 loops, marked in the table"
                    + " (tick \"Flagged only\").");
            more.getStyleClass().add("muted");
            nodes.add(more);
        }
        if (!hot.isEmpty()) {
            nodes.add(hotLine.root);
        }
        findingsBox.getChildren().setAll(nodes);
        findingsBox.setVisible(!nodes.isEmpty());
    }

    /** One N+1 loop: what, the evidence, the fix, and a way to each end of the loop. */
    private final class LoopCard {
        final VBox root = new VBox(4);
        final Label title = new Label();
        final Label lookup = new Label();
        final Label evidence = new WrappedLabel();
        final Label fix = new WrappedLabel();
        final Hyperlink showLookup = new Hyperlink("Show the lookup");
        final Hyperlink showParent = new Hyperlink("Show the parent");
        RepeatedQuery current;

        LoopCard() {
            title.getStyleClass().add("callout-title");
            title.setGraphic(new FontIcon(Feather.REPEAT));
            lookup.getStyleClass().add("finding-sql");
            fix.getStyleClass().add("finding-fix");
            showLookup.setOnAction(e -> vm.select(current.lookup()));
            showParent.setOnAction(e -> current.parent().ifPresent(vm::select));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox head = new HBox(8, title, spacer, showLookup, showParent);
            head.setAlignment(Pos.CENTER_LEFT);
            root.getChildren().addAll(head, lookup, evidence, fix);
            root.getStyleClass().addAll("callout", "warning", "loop-card");
            root.setMinHeight(Region.USE_PREF_SIZE);
        }

        void update(RepeatedQuery r, QueryTable t) {
            current = r;
            String lookupText = t == null ? "queryid " + r.lookup().queryId() : t.textOf(r.lookup().queryId());
            title.setText("N+1 loop · " + QueryUnits.rate(OptionalDouble.of(r.callsPerSecond()))
                    + " lookups, one per row of its parent");
            lookup.setText(lookupText);
            evidence.setText(QueryExplanations.evidence(r, id -> t == null ? "queryid " + id : t.textOf(id))
                    + " Detection looks at the last " + (t == null ? "minute" : Humanize.duration(t.detectionWindow()))
                    + ".");
            fix.setText("Fix: " + QueryExplanations.fix(r));
        }
    }

    /**
     * Hot lookups are worth knowing, not alarming: one line, the fix in the tooltip. Its nodes are
     * made once; a refresh changes what the links say and which lookup each selects.
     */
    private final class HotLine {
        final FlowPane root = new FlowPane(12, 2);
        final List<Hyperlink> links = new ArrayList<>();
        final Label more = new Label();

        HotLine() {
            Label title = new Label("Hot lookups", new FontIcon(Feather.ACTIVITY));
            title.getStyleClass().add("callout-title");
            title.setMinWidth(Region.USE_PREF_SIZE);
            title.setTooltip(tip("Very frequent single-row queries that no list query drives, so not N+1 loops. "
                    + QueryExplanations.HOT_LOOKUP_FIX));
            root.getChildren().add(title);
            for (int i = 0; i < MAX_HOT_LINKS; i++) {
                Hyperlink link = new Hyperlink();
                link.setTooltip(tip(""));
                link.setOnAction(e -> vm.select((StatementKey) link.getUserData()));
                link.managedProperty().bind(link.visibleProperty());
                links.add(link);
                root.getChildren().add(link);
            }
            more.managedProperty().bind(more.visibleProperty());
            root.getChildren().add(more);
            root.getStyleClass().addAll("callout", "info", "hot-card");
        }

        void show(List<RepeatedQuery> hot, QueryTable t) {
            for (int i = 0; i < links.size(); i++) {
                Hyperlink link = links.get(i);
                link.setVisible(i < hot.size());
                if (i < hot.size()) {
                    showHotLink(link, hot.get(i), t);
                }
            }
            more.setVisible(hot.size() > links.size());
            more.setText("+" + Math.max(0, hot.size() - links.size()) + " more");
        }
    }

    private void showHotLink(Hyperlink link, RepeatedQuery r, QueryTable t) {
        link.setUserData(r.lookup());
        String text = t == null ? "queryid " + r.lookup().queryId() : t.textOf(r.lookup().queryId());
        link.setText(QueryExplanations.shorten(text, 64) + " · " + QueryUnits.rate(OptionalDouble.of(r.callsPerSecond())));
        link.getTooltip().setText(QueryExplanations.evidence(r, id -> t == null ? "queryid " + id : t.textOf(id))
                + " " + QueryExplanations.HOT_LOOKUP_FIX);
    }

    /** Every marker of a row, each with its evidence, one per line. */
    static String markerSummary(QueryFigures f) {
        List<String> lines = new ArrayList<>();
        f.repeated().ifPresent(r -> lines.add(QueryExplanations.title(r) + ". " + QueryExplanations.fix(r)));
        if (f.drivesLoop()) {
            lines.add("N+1 parent: each of its rows drives one call of " + f.drives().size()
                    + (f.drives().size() == 1 ? " lookup" : " lookups") + ". " + QueryExplanations.N_PLUS_ONE_FIX);
        }
        f.regression().ifPresent(r -> lines.add("Regressed: " + QueryExplanations.regression(r)));
        if (f.slow()) {
            lines.add("Slow: mean " + QueryUnits.millis(f.meanTimeMs()) + " over " + QueryUnits.count(f.calls())
                    + " calls.");
        }
        return String.join("\n", lines);
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the statements as CSV");
        chooser.setInitialFileName(vm.suggestedCsvName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            List<QueryFigures> shown = new ArrayList<>(sorted.size());
            for (QueryRow row : sorted) {
                shown.add(row.figures());
            }
            vm.exportCsv(Path.of(file.getPath()), shown);
        }
    }

    static void copy(String text) {
        if (text == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static TextField number(double value) {
        TextField f = new TextField(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
        f.setPrefColumnCount(4);
        f.getStyleClass().add("numeric-field");
        return f;
    }

    private static double parse(String text, double fallback) {
        try {
            double v = Double.parseDouble(text.strip());
            return v >= 0 && Double.isFinite(v) ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDuration(javafx.util.Duration.seconds(30));
        return t;
    }
}
