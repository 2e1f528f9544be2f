package io.pgpulse.app.explain;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.core.explain.PlanNode;

/**
 * The EXPLAIN view: the statement and its options on top, the plan as a tree on the left with the
 * server's JSON and text beside it, and on the right what the plan says and which index would
 * help. Nothing here talks to the server; the view-model does, off the UI thread.
 */
final class ExplainView {
    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final ExplainViewModel vm;
    private final TextArea editor = new PlanAwareEditor();
    private final PlanTreeView tree;
    private final AdvicePane advice;
    private final GridPane details = new GridPane();
    private final TextArea json = new TextArea();
    private final TextArea text = new TextArea();
    private final Button run = new Button("Explain", new FontIcon(Feather.PLAY));
    private final VBox root;

    ExplainView(ExplainViewModel vm) {
        this.vm = vm;
        this.tree = new PlanTreeView(vm);
        this.advice = new AdvicePane(vm);
        root = build();
    }

    Node root() {
        return root;
    }

    TextArea editor() {
        return editor;
    }

    private VBox build() {
        Label title = new Label("Explain");
        title.getStyleClass().add("page-title");
        Label safety = new Label("Runs in a read-only transaction that is always rolled back, one statement at a time;"
                + " ANALYZE only when you ask, only for statements that cannot write.");
        safety.getStyleClass().add("muted");
        safety.setWrapText(true);
        HBox head = new HBox(14, title, safety);
        head.setAlignment(Pos.BASELINE_LEFT);
        HBox.setHgrow(safety, Priority.ALWAYS);

        editor.setId("explain-sql");
        editor.getStyleClass().add("sql-text");
        editor.setPromptText("SELECT … — type or paste one statement, or use Explain in the Queries view; $1, $2 … are"
                + " parameters; Ctrl+Enter explains. Paste EXPLAIN output (psql, auto_explain log, JSON) to open it as a plan.");
        editor.setPrefRowCount(5);
        editor.setWrapText(true);
        editor.textProperty().bindBidirectional(vm.sqlProperty());
        editor.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (RUN.match(e)) {
                e.consume();
                explain();
            }
        });

        Label hint = new Label();
        hint.setId("explain-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(vm.sqlHintProperty());
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.graphicProperty().bind(Bindings.when(vm.sqlAcceptedProperty())
                .then((Node) icon(Feather.CHECK, "icon-success")).otherwise((Node) icon(Feather.ALERT_TRIANGLE, "icon-warning")));
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        hint.getStyleClass().add("field-hint");

        FlowPane params = new FlowPane(10, 6);
        params.getStyleClass().add("plan-params");
        vm.parameters().addListener((ListChangeListener<ExplainViewModel.Parameter>) c -> showParameters(params));
        showParameters(params);
        params.visibleProperty().bind(Bindings.isNotEmpty(vm.parameters()));
        params.managedProperty().bind(params.visibleProperty());

        CheckBox analyze = option("ANALYZE", vm.analyzeProperty(),
                "Execute the statement and show what really happened: rows, loops, time. Asks first.");
        analyze.setId("explain-analyze");
        CheckBox buffers = option("BUFFERS", vm.buffersProperty(), "Blocks read from cache and disk per step (with ANALYZE)");
        CheckBox verbose = option("VERBOSE", vm.verboseProperty(), "Output columns and schema-qualified names");
        CheckBox settings = option("SETTINGS", vm.settingsProperty(), "Planner settings that differ from the defaults");
        Spinner<Integer> timeout = new Spinner<>(1, 300, vm.timeoutSecondsProperty().get());
        timeout.setEditable(true);
        timeout.setPrefWidth(80);
        timeout.valueProperty().addListener((obs, old, now) -> vm.timeoutSecondsProperty().set(now));
        Label timeoutLabel = new Label("Timeout (s)");
        timeoutLabel.setTooltip(tip("statement_timeout for the EXPLAIN: the server stops it after this long"));

        run.setId("explain-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(false);
        run.setTooltip(tip("Explain the statement (Ctrl+Enter)"));
        run.disableProperty().bind(vm.runningProperty().or(vm.sqlAcceptedProperty().not()));
        run.setOnAction(e -> explain());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("explain-cancel");
        cancel.setTooltip(tip("Ask the server to cancel the running EXPLAIN (a cancel request, never a terminate)"));
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());

        Button open = new Button("Open plan…", new FontIcon(Feather.FOLDER));
        open.setId("explain-open");
        open.setTooltip(tip("Open a saved plan: EXPLAIN output in text or JSON format, from psql, a log"
                + " (auto_explain) or a ticket. You can also paste one into the editor or drop a file here."));
        open.setOnAction(e -> openFile());

        MenuButton copy = new MenuButton("Copy", new FontIcon(Feather.COPY));
        MenuItem copyMd = new MenuItem("Plan, insights and suggestions as Markdown");
        copyMd.setOnAction(e -> vm.markdown().ifPresent(ExplainView::copy));
        MenuItem copyText = new MenuItem("Plan as text (as psql shows it)");
        copyText.setOnAction(e -> {
            PlanResult r = vm.resultProperty().get();
            if (r != null) {
                r.text().ifPresent(ExplainView::copy);
            }
        });
        MenuItem copyJson = new MenuItem("Plan as JSON");
        copyJson.setOnAction(e -> {
            PlanResult r = vm.resultProperty().get();
            if (r != null) {
                copy(r.rawJson());
            }
        });
        copy.getItems().addAll(copyMd, copyText, copyJson);
        copy.disableProperty().bind(vm.resultProperty().isNull());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox options = new HBox(12, analyze, buffers, verbose, settings, timeoutLabel, timeout, spacer, run, cancel, open, copy);
        options.setAlignment(Pos.CENTER_LEFT);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        Label status = new Label();
        status.setId("explain-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(vm.messageProperty());
        status.graphicProperty().bind(Bindings.when(vm.runningProperty()).then((Node) busy).otherwise((Node) null));
        status.getStyleClass().add("plan-status");
        vm.stateProperty().addListener((obs, old, now) -> tone(status, now));
        tone(status, vm.stateProperty().get());

        VBox top = new VBox(8, head, editor, hint, params, options, status);
        top.getStyleClass().add("plan-top");

        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab planTab = new Tab("Plan", tree.control());
        ScrollPane detailScroll = new ScrollPane(details);
        detailScroll.setFitToWidth(true);
        details.getStyleClass().add("plan-details");
        details.setHgap(14);
        details.setVgap(3);
        Tab stepTab = new Tab("Selected step", detailScroll);
        for (TextArea raw : List.of(json, text)) {
            raw.setEditable(false);
            raw.getStyleClass().add("sql-text");
        }
        Tab jsonTab = new Tab("JSON", json);
        Tab textTab = new Tab("Text", text);
        tabs.getTabs().addAll(planTab, stepTab, jsonTab, textTab);
        // The raw output of a big plan is megabytes: laid out only when its tab is looked at.
        vm.resultProperty().addListener((obs, old, now) -> {
            json.clear();
            text.clear();
            showRaw(tabs.getSelectionModel().getSelectedItem(), jsonTab, textTab);
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showRaw(now, jsonTab, textTab));
        vm.selectedNodeProperty().addListener((obs, old, now) -> showDetails(now));

        SplitPane lower = new SplitPane(tabs, advice.root());
        lower.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(advice.root(), false);
        VBox.setVgrow(lower, Priority.ALWAYS);

        VBox page = new VBox(10, top, lower);
        page.getStyleClass().addAll("page", "explain-page");
        acceptDrops(page);
        return page;
    }

    private void openFile() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Open a plan — PgPulse");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Plans and logs", "*.json", "*.txt", "*.log", "*.sql", "*.plan"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            vm.openPlanFile(file.toPath());
        }
    }

    /** A plan file or plan text dropped anywhere on the page opens as a plan. */
    private void acceptDrops(Node target) {
        target.setOnDragOver(e -> {
            var board = e.getDragboard();
            if (e.getGestureSource() == null && (board.hasFiles() || board.hasString())) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
                e.consume();
            }
        });
        target.setOnDragDropped(e -> {
            var board = e.getDragboard();
            boolean done = false;
            if (board.hasFiles() && !board.getFiles().isEmpty()) {
                vm.openPlanFile(board.getFiles().get(0).toPath());
                done = true;
            } else if (board.hasString() && ExplainViewModel.looksLikePlan(board.getString())) {
                vm.openPlan(board.getString(), "the dropped text");
                done = true;
            } else if (board.hasString()) {
                vm.sqlProperty().set(board.getString());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /**
     * The statement editor: pasting EXPLAIN output (from psql, a log line, a ticket) opens it as a
     * plan at once instead of putting it among the SQL.
     */
    private final class PlanAwareEditor extends TextArea {
        @Override
        public void paste() {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            if (clipboard.hasString() && ExplainViewModel.looksLikePlan(clipboard.getString())) {
                vm.openPlan(clipboard.getString(), "the clipboard");
            } else {
                super.paste();
            }
        }
    }

    private void explain() {
        if (!vm.sqlAcceptedProperty().get() || vm.runningProperty().get()) {
            return;
        }
        var confirmation = vm.confirmation();
        if (confirmation.isEmpty()) {
            vm.explain(false);
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, confirmation.get(), ButtonType.CANCEL, ButtonType.OK);
        ask.setHeaderText("Execute the statement with EXPLAIN ANALYZE?");
        ask.setTitle("EXPLAIN ANALYZE");
        if (root.getScene() != null) {
            ask.initOwner(root.getScene().getWindow());
        }
        ((Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText("Run ANALYZE");
        ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.explain(true));
    }

    private void showParameters(FlowPane params) {
        Label what = new Label("Parameter values (empty: generic plan)");
        what.getStyleClass().add("muted");
        params.getChildren().setAll(what);
        for (ExplainViewModel.Parameter p : vm.parameters()) {
            Label l = new Label("$" + p.number());
            l.getStyleClass().add("code");
            TextField f = new TextField();
            f.setId("explain-param-" + p.number());
            f.setPrefColumnCount(10);
            f.textProperty().bindBidirectional(p.valueProperty());
            HBox box = new HBox(4, l, f);
            box.setAlignment(Pos.CENTER_LEFT);
            params.getChildren().add(box);
        }
    }

    private void showRaw(Tab selected, Tab jsonTab, Tab textTab) {
        PlanResult r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        if (selected == jsonTab && json.getText().isEmpty()) {
            json.setText(r.rawJson().isEmpty() ? "No JSON: this plan was read in text format." : capped(r.rawJson()));
        } else if (selected == textTab && text.getText().isEmpty()) {
            text.setText(r.text().map(ExplainView::capped).orElse(r.plan().analyzed()
                    ? "The text format is not fetched under ANALYZE: that would execute the statement a second time."
                    : "No text format for this plan."));
        }
    }

    /** A text area lays out all of its text: beyond this the rest is on the clipboard only (Copy). */
    private static final int RAW_LIMIT = 400_000;

    private static String capped(String raw) {
        return raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT) + "\n\n… " + String.format(java.util.Locale.ROOT,
                "%,d", raw.length() - RAW_LIMIT) + " more characters: use Copy to take the whole plan.";
    }

    private void showDetails(PlanNode n) {
        details.getChildren().clear();
        PlanResult r = vm.resultProperty().get();
        if (n == null || r == null) {
            return;
        }
        int row = 0;
        for (NodeDetails.Line line : NodeDetails.of(r.plan(), n)) {
            Label k = new Label(line.label());
            k.getStyleClass().add("muted");
            Label v = new Label(line.value());
            v.setWrapText(true);
            v.getStyleClass().add("plan-detail-value");
            details.addRow(row++, k, v);
        }
    }

    private static void tone(Label status, ExplainViewModel.State state) {
        status.getStyleClass().removeAll("plan-refused", "plan-failed", "plan-done");
        if (state == ExplainViewModel.State.REFUSED) {
            status.getStyleClass().add("plan-refused");
        } else if (state == ExplainViewModel.State.FAILED) {
            status.getStyleClass().add("plan-failed");
        } else if (state == ExplainViewModel.State.DONE) {
            status.getStyleClass().add("plan-done");
        }
    }

    private static CheckBox option(String name, javafx.beans.property.BooleanProperty property, String tipText) {
        CheckBox box = new CheckBox(name);
        box.selectedProperty().bindBidirectional(property);
        box.setTooltip(tip(tipText));
        return box;
    }

    private static FontIcon icon(Feather f, String style) {
        FontIcon i = new FontIcon(f);
        i.getStyleClass().add(style);
        return i;
    }

    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    static void copy(String value) {
        if (value == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(value);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
