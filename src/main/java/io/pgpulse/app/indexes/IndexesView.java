package io.pgpulse.app.indexes;

import java.util.List;
import java.util.function.Function;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
import javafx.util.Duration;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.core.indexes.IndexHealthItem.Kind;

/**
 * The Indexes page: what was found in one line, a table of findings filterable by kind, and the
 * selected finding below it with its warning and the DDL to copy. Built in code; it binds to the
 * view-model and does only what belongs to the UI thread itself (the clipboard).
 */
public final class IndexesView {
    private static final PseudoClass NONE = PseudoClass.getPseudoClass("none");

    private final IndexesViewModel vm;
    private final VBox root;
    private final TableView<IndexRow> table = new TableView<>();
    private final TextArea ddl = new TextArea();
    private final Label warning = new Label();
    private boolean syncing;

    public IndexesView(IndexesViewModel vm) {
        this.vm = vm;
        VBox errorBox = errorCallout();
        VBox notesBox = new VBox(6);
        vm.notes().addListener((ListChangeListener<String>) c -> fillNotes(notesBox, vm.notes()));
        fillNotes(notesBox, vm.notes());
        StackPane content = new StackPane(loadingPane(), findingsPane(), emptyPane());
        VBox.setVgrow(content, Priority.ALWAYS);
        root = new VBox(10, header(), summary(), errorBox, notesBox, content);
        root.getStyleClass().addAll("page", "indexes-page");
        // Read the first time the page is on screen, not when the session opens: the pool has two sessions.
        root.sceneProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.shown();
            }
        });
    }

    public Node root() {
        return root;
    }

    TableView<IndexRow> table() {
        return table;
    }

    TextArea ddlArea() {
        return ddl;
    }

    private Node header() {
        Label title = new Label("Indexes");
        title.getStyleClass().add("page-title");
        Label database = new Label();
        database.textProperty().bind(Bindings.when(vm.databaseProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("database ", vm.databaseProperty())));
        database.getStyleClass().addAll("pill", "indexes-database");
        database.visibleProperty().bind(vm.databaseProperty().isNotEmpty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("indexes-busy");
        busy.visibleProperty().bind(vm.statusProperty().isEqualTo(IndexesViewModel.Status.LOADING));
        busy.managedProperty().bind(busy.visibleProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusTextProperty());
        status.getStyleClass().add("muted");
        status.setId("indexes-status");
        Button markdown = new Button("Copy as Markdown", new FontIcon(Feather.CLIPBOARD));
        markdown.setTooltip(new Tooltip("The findings shown (with the filter applied), each with its DDL and warning,"
                + " ready to paste into an incident channel or a ticket"));
        markdown.disableProperty().bind(Bindings.isEmpty(vm.visibleRows()));
        markdown.setOnAction(e -> copy(vm.markdown(), markdown));
        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("indexes-refresh");
        refresh.setTooltip(new Tooltip("Read the catalog and index statistics again (three quick catalog queries)"));
        refresh.disableProperty().bind(vm.statusProperty().isEqualTo(IndexesViewModel.Status.LOADING));
        refresh.setOnAction(e -> vm.refresh());
        HBox top = new HBox(12, title, database, spacer, busy, status, markdown, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        return top;
    }

    private Node summary() {
        // One label per kind, so that a long summary wraps between them and never inside one.
        FlowPane summary = new FlowPane(6, 2);
        summary.getStyleClass().add("indexes-summary");
        summary.setId("indexes-summary");
        vm.summaryParts().addListener((ListChangeListener<String>) c -> fillSummary(summary, vm.summaryParts()));
        fillSummary(summary, vm.summaryParts());
        // With nothing found, the empty state below says so in its title.
        summary.visibleProperty().bind(Bindings.isNotEmpty(vm.summaryParts()));
        summary.managedProperty().bind(summary.visibleProperty());
        Label scope = new Label();
        scope.setId("indexes-scope");
        scope.textProperty().bind(vm.scopeProperty());
        scope.getStyleClass().add("muted");
        scope.setWrapText(true);
        VBox box = new VBox(2, summary, scope);
        box.visibleProperty().bind(vm.hasResultProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static void fillSummary(FlowPane pane, List<String> parts) {
        pane.getChildren().clear();
        for (int i = 0; i < parts.size(); i++) {
            pane.getChildren().add(new Label(i < parts.size() - 1 ? parts.get(i) + "  ·" : parts.get(i)));
        }
    }

    private VBox errorCallout() {
        Label title = new Label("Index health could not be read", new FontIcon(Feather.ALERT_OCTAGON));
        title.getStyleClass().addAll("callout-title", "indexes-error-title");
        Label message = new Label();
        message.textProperty().bind(vm.errorProperty());
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setId("indexes-error");
        Label rest = new Label("Everything else in PgPulse keeps working: this page only reads the catalog when asked.");
        rest.getStyleClass().add("muted");
        TextArea fix = new TextArea();
        fix.textProperty().bind(vm.errorFixProperty());
        fix.setEditable(false);
        fix.setPrefRowCount(1);
        fix.setMinHeight(Region.USE_PREF_SIZE);
        fix.getStyleClass().add("indexes-ddl");
        fix.setId("indexes-error-fix");
        Button copyFix = new Button("Copy the fix", new FontIcon(Feather.COPY));
        copyFix.setOnAction(e -> copy(fix.getText(), copyFix));
        Label fixTitle = new Label("The fix, to run or hand to whoever administers the server:");
        VBox fixBox = new VBox(6, fixTitle, fix, copyFix);
        fixBox.visibleProperty().bind(vm.errorFixProperty().isNotEmpty());
        fixBox.managedProperty().bind(fixBox.visibleProperty());
        Button retry = new Button("Try again", new FontIcon(Feather.REFRESH_CW));
        retry.setOnAction(e -> vm.refresh());
        retry.disableProperty().bind(vm.statusProperty().isEqualTo(IndexesViewModel.Status.LOADING));
        VBox box = new VBox(6, title, message, fixBox, rest, retry);
        box.getStyleClass().addAll("callout", "critical", "indexes-error");
        box.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static void fillNotes(VBox box, Iterable<String> notes) {
        box.getChildren().clear();
        for (String n : notes) {
            Label l = new Label(n, new FontIcon(Feather.ALERT_TRIANGLE));
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add("indexes-note");
            box.getChildren().add(l);
        }
        box.setVisible(!box.getChildren().isEmpty());
        box.setManaged(box.isVisible());
    }

    private Node loadingPane() {
        ProgressIndicator spinner = new ProgressIndicator();
        Label text = new Label("Reading indexes, foreign keys and index statistics…");
        text.getStyleClass().add("muted");
        VBox box = new VBox(12, spinner, text);
        box.setAlignment(Pos.CENTER);
        box.visibleProperty().bind(vm.hasResultProperty().not().and(vm.errorProperty().isEmpty()));
        return box;
    }

    private Node findingsPane() {
        SplitPane split = new SplitPane(tablePane(), detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        split.getStyleClass().add("indexes-split");
        split.visibleProperty().bind(vm.hasResultProperty().and(Bindings.isNotEmpty(vm.rows())));
        return split;
    }

    private Node tablePane() {
        HBox filters = filterBar();
        table.getStyleClass().addAll("indexes-table", Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<IndexRow, IndexRow> kind = column("Kind", Function.identity(), 130);
        kind.setCellFactory(c -> new KindCell());
        kind.setComparator((a, b) -> Integer.compare(IndexKinds.ORDER.indexOf(a.kind()), IndexKinds.ORDER.indexOf(b.kind())));
        TableColumn<IndexRow, String> tableColumn = column("Table", IndexRow::qualifiedTable, 190);
        TableColumn<IndexRow, String> name = column("Index or foreign key", IndexRow::name, 250);
        TableColumn<IndexRow, IndexRow> size = column("Size", Function.identity(), 110);
        size.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(IndexRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.size());
            }
        });
        size.getStyleClass().add("numeric");
        size.setComparator((a, b) -> Long.compare(a.sizeBytes(), b.sizeBytes()));
        Label sizeHeader = new Label("Size");
        sizeHeader.setTooltip(new Tooltip("The index on disk; for a foreign key without an index, the table that every"
                + " DELETE on the referenced table has to scan"));
        size.setText(null);
        size.setGraphic(sizeHeader);
        TableColumn<IndexRow, String> meaning = column("What it means", IndexRow::meaning, 420);
        table.getColumns().setAll(List.of(kind, tableColumn, name, size, meaning));
        SortedList<IndexRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
            Kind k = vm.kindFilterProperty().get();
            return k == null ? "No findings." : "None found: " + IndexKinds.checked(k);
        }, vm.kindFilterProperty()));
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(640);
        placeholder.getStyleClass().add("muted");
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                vm.select(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> selectInTable(now));
        sorted.addListener((ListChangeListener<IndexRow>) c -> selectInTable(vm.selectedProperty().get()));
        selectInTable(vm.selectedProperty().get());
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(8, filters, table);
    }

    private void selectInTable(IndexRow row) {
        syncing = true;
        try {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        } finally {
            syncing = false;
        }
    }

    private HBox filterBar() {
        ToggleGroup group = new ToggleGroup();
        HBox bar = new HBox();
        bar.getStyleClass().add("indexes-filters");
        int n = IndexKinds.ORDER.size() + 1;
        for (int i = 0; i < n; i++) {
            Kind k = i == 0 ? null : IndexKinds.ORDER.get(i - 1);
            ToggleButton b = new ToggleButton();
            b.setUserData(k);
            b.setToggleGroup(group);
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == n - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            if (k == null) {
                b.textProperty().bind(Bindings.concat("All  ", Bindings.size(vm.rows())));
                b.setTooltip(new Tooltip("Every finding, grouped by kind, largest first"));
                b.setId("indexes-filter-all");
            } else {
                b.textProperty().bind(Bindings.concat(IndexKinds.label(k), "  ", vm.countProperty(k)));
                b.setTooltip(new Tooltip(IndexKinds.checked(k)));
                b.setId("indexes-filter-" + k.label().replace('_', '-'));
                vm.countProperty(k).addListener((obs, old, now) -> b.pseudoClassStateChanged(NONE, now.intValue() == 0));
                b.pseudoClassStateChanged(NONE, vm.countProperty(k).get() == 0);
            }
            b.setSelected(vm.kindFilterProperty().get() == k);
            bar.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                vm.kindFilterProperty().set((Kind) now.getUserData());
            }
        });
        return bar;
    }

    private Node detailPane() {
        Label chip = new Label();
        chip.getStyleClass().add("indexes-kind");
        Label title = new Label();
        title.getStyleClass().add("indexes-detail-title");
        title.setId("indexes-detail-title");
        Label size = new Label();
        size.getStyleClass().add("muted");
        HBox head = new HBox(10, chip, title, size);
        head.setAlignment(Pos.CENTER_LEFT);

        Label detail = new Label();
        detail.setWrapText(true);
        detail.setId("indexes-detail-text");
        detail.setMinHeight(Region.USE_PREF_SIZE);

        Label warningTitle = new Label("Before you run it", new FontIcon(Feather.ALERT_TRIANGLE));
        warningTitle.getStyleClass().addAll("callout-title", "indexes-warning-title");
        warning.setWrapText(true);
        warning.setId("indexes-warning");
        warning.setMinHeight(Region.USE_PREF_SIZE);
        VBox warningBox = new VBox(4, warningTitle, warning);
        warningBox.getStyleClass().addAll("callout", "warning", "indexes-warning");
        warningBox.setMinHeight(Region.USE_PREF_SIZE);
        VBox left = new VBox(10, detail, warningBox);
        left.setMinWidth(300);
        left.setPrefWidth(520);
        HBox.setHgrow(left, Priority.ALWAYS);

        Label ddlTitle = new Label("DDL to fix it");
        ddlTitle.getStyleClass().add("card-title");
        Label ddlNote = new Label("PgPulse never runs DDL: copy it and run it yourself, outside a transaction block.");
        ddlNote.getStyleClass().add("muted");
        ddlNote.setWrapText(true);
        Button copy = new Button("Copy DDL", new FontIcon(Feather.COPY));
        copy.setId("indexes-copy-ddl");
        copy.getStyleClass().add(Styles.ACCENT);
        copy.setOnAction(e -> copy(ddl.getText(), copy));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox ddlHead = new HBox(8, ddlTitle, spacer, copy);
        ddlHead.setAlignment(Pos.CENTER_LEFT);
        ddl.setEditable(false);
        // Wrapped, so a long CREATE INDEX is read whole without scrolling; copying is unaffected.
        ddl.setWrapText(true);
        ddl.getStyleClass().add("indexes-ddl");
        ddl.setPrefRowCount(3);
        ddl.setMinHeight(Region.USE_PREF_SIZE);
        VBox right = new VBox(6, ddlHead, ddl, ddlNote);
        right.setMinWidth(360);
        right.setPrefWidth(620);
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox body = new HBox(18, left, right);
        VBox box = new VBox(10, head, body);
        box.getStyleClass().add("indexes-detail");
        Label none = new Label("Select a finding to see what it means, what to check first and the DDL that fixes it.");
        none.getStyleClass().add("muted");
        StackPane pane = new StackPane(box, none);
        StackPane.setAlignment(box, Pos.TOP_LEFT);
        box.visibleProperty().bind(vm.selectedProperty().isNotNull());
        none.visibleProperty().bind(vm.selectedProperty().isNull());

        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                return;
            }
            chip.setText(IndexKinds.label(now.kind()));
            chip.getStyleClass().removeIf(s -> s.startsWith("indexes-kind-"));
            chip.getStyleClass().add(IndexKinds.styleClass(now.kind()));
            title.setText((now.kind() == Kind.FOREIGN_KEY_WITHOUT_INDEX ? "Foreign key " : "") + now.name() + " on "
                    + now.qualifiedTable());
            size.setText(now.size());
            detail.setText(now.detail());
            warning.setText(now.warning());
            ddl.setText(now.ddl());
            ddl.setPrefRowCount(rows(now.ddl()));
        });
        return pane;
    }

    /** Rows the DDL takes when wrapped at about 70 characters, plus one for breathing room. */
    private static int rows(String text) {
        int rows = 1;
        for (String line : text.split("\n", -1)) {
            rows += Math.max(1, (line.length() + 69) / 70);
        }
        return Math.max(2, rows);
    }

    private Node emptyPane() {
        FontIcon icon = new FontIcon(Feather.CHECK_CIRCLE);
        icon.getStyleClass().add("indexes-empty-icon");
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.databaseProperty().get().isEmpty()
                ? "No index problems found" : "No index problems in database " + vm.databaseProperty().get(),
                vm.databaseProperty()));
        title.getStyleClass().add("indexes-empty-title");
        title.setGraphic(icon);
        title.setContentDisplay(ContentDisplay.LEFT);
        Label intro = new Label("PgPulse looked for:");
        VBox checks = new VBox(6);
        for (Kind k : IndexKinds.ORDER) {
            Label l = new Label("• " + IndexKinds.checked(k));
            l.setWrapText(true);
            checks.getChildren().add(l);
        }
        VBox card = new VBox(10, title, intro, checks);
        card.getStyleClass().addAll("card", "indexes-empty");
        card.setMaxWidth(820);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(card, Pos.TOP_LEFT);
        card.visibleProperty().bind(vm.hasResultProperty().and(Bindings.isEmpty(vm.rows())));
        return card;
    }

    private static <T> TableColumn<IndexRow, T> column(String title, Function<IndexRow, T> value, double width) {
        TableColumn<IndexRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                String text = empty || item == null ? null : item.toString();
                setText(text);
                // The full text when the column is too narrow for it.
                tip.setText(text);
                setTooltip(text == null ? null : tip);
            }
        });
        return c;
    }

    /** Puts {@code text} on the clipboard and says so on the button for a moment. */
    private static void copy(String text, Button button) {
        if (text == null || text.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        String label = button.getText();
        if (!label.equals("Copied")) {
            button.setText("Copied");
            PauseTransition back = new PauseTransition(Duration.seconds(1.5));
            back.setOnFinished(e -> button.setText(label));
            back.play();
        }
    }

    /** The kind as a coloured chip. */
    private static final class KindCell extends TableCell<IndexRow, IndexRow> {
        private final Label chip = new Label();

        KindCell() {
            chip.getStyleClass().add("indexes-kind");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(IndexRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            chip.setText(IndexKinds.label(row.kind()));
            chip.getStyleClass().removeIf(s -> s.startsWith("indexes-kind-"));
            chip.getStyleClass().add(IndexKinds.styleClass(row.kind()));
            setGraphic(chip);
        }
    }

}
