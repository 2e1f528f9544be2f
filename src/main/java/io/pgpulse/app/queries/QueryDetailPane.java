package io.pgpulse.app.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.core.history.StatementHistorySnapshot;
import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.core.statements.query.QueryUnits;

/**
 * The selected statement below the table: its SQL laid out for reading with the copy and explain
 * actions, its facts and split by database and user, and its history as sparklines. Rebuilt from
 * the view-model's {@link QueryDetail} on every refresh, reusing its nodes.
 */
final class QueryDetailPane {
    private final QueriesViewModel vm;
    private final StackPane root;
    private final VBox detailBox = new VBox(8);
    private final Label detailTitle = new Label();
    private final Label detailNote = new Label();
    private final Label detailMarkers = new WrappedLabel();
    private final TextArea sqlArea = new TextArea();
    private final Sparkline callsLine;
    private final Sparkline meanLine;
    private final Sparkline rowsLine;
    private final Label callsCaption = new Label();
    private final Label meanCaption = new Label();
    private final Label rowsCaption = new Label();
    private final Label historyNote = new WrappedLabel();
    private final GridPane facts = new GridPane();
    private final GridPane split = new GridPane();
    private final Label detailEmpty = new Label("Select a statement to read its full text, history and split by database and user.");

    QueryDetailPane(QueriesViewModel vm, ObservableValue<AppTheme> theme) {
        this.vm = vm;
        callsLine = new Sparkline(theme);
        meanLine = new Sparkline(theme);
        rowsLine = new Sparkline(theme);
        root = build();
        vm.detailProperty().addListener((obs, old, now) -> showDetail(now));
        showDetail(vm.detailProperty().get());
    }

    Node root() {
        return root;
    }

    TextArea sqlArea() {
        return sqlArea;
    }

    private StackPane build() {
        detailTitle.getStyleClass().add("detail-title");
        detailNote.textProperty().bind(vm.detailTextNoteProperty());
        detailNote.getStyleClass().add("muted");
        detailNote.managedProperty().bind(detailNote.textProperty().isNotEmpty());
        detailMarkers.getStyleClass().add("detail-markers");
        detailMarkers.managedProperty().bind(detailMarkers.textProperty().isNotEmpty());
        detailMarkers.setMinHeight(Region.USE_PREF_SIZE);
        Button copySql = new Button("Copy SQL", new FontIcon(Feather.COPY));
        copySql.setOnAction(e -> QueriesView.copy(vm.sqlForSelected()));
        Button copyMd = new Button("Copy as Markdown", new FontIcon(Feather.CLIPBOARD));
        copyMd.setTooltip(QueriesView.tip("The statement with its figures, markers and SQL, ready to paste into an incident channel"));
        copyMd.setOnAction(e -> {
            String md = vm.markdownForSelected();
            if (md != null) {
                QueriesView.copy(md);
            }
        });
        copyMd.disableProperty().bind(vm.detailProperty().isNull());
        Button explain = new Button("Explain", new FontIcon(Feather.PLAY));
        explain.setOnAction(e -> vm.explain());
        explain.disableProperty().bind(vm.onExplainProperty().isNull().or(vm.detailProperty().isNull()));
        explain.setId("explain");
        Tooltip explainTip = new Tooltip();
        explainTip.textProperty().bind(Bindings.when(vm.onExplainProperty().isNull())
                .then("EXPLAIN view coming").otherwise("Open this statement in the EXPLAIN view"));
        // A disabled button shows no tooltip, so the wrapper carries it.
        StackPane explainWrap = new StackPane(explain);
        Tooltip.install(explainWrap, explainTip);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, detailTitle, spacer, copySql, copyMd, explainWrap);
        head.setAlignment(Pos.CENTER_LEFT);

        sqlArea.setEditable(false);
        sqlArea.setWrapText(false);
        sqlArea.getStyleClass().add("sql-text");
        sqlArea.textProperty().bind(vm.detailTextProperty());
        sqlArea.setPrefRowCount(10);

        for (Label caption : List.of(callsCaption, meanCaption, rowsCaption)) {
            caption.getStyleClass().add("spark-caption");
        }
        historyNote.getStyleClass().add("muted");
        facts.getStyleClass().add("detail-facts");
        facts.setHgap(12);
        facts.setVgap(3);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().addAll(new ColumnConstraints(), values);
        split.getStyleClass().add("detail-split");
        split.setHgap(12);
        split.setVgap(2);
        Label factsTitle = new Label("Facts");
        factsTitle.getStyleClass().add("card-title");
        Label splitTitle = new Label("By database and user");
        splitTitle.getStyleClass().add("card-title");
        Label historyTitle = new Label("History");
        historyTitle.getStyleClass().add("card-title");
        VBox middle = new VBox(6, factsTitle, facts, splitTitle, split);
        middle.setPadding(new Insets(0, 8, 0, 0));
        VBox history = new VBox(4, historyTitle, callsCaption, callsLine, meanCaption, meanLine, rowsCaption, rowsLine,
                historyNote);
        history.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane middleScroll = scroll(middle, 430);
        ScrollPane historyScroll = scroll(history, 300);
        VBox left = new VBox(6, detailMarkers, detailNote, sqlArea);
        VBox.setVgrow(sqlArea, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        left.setMinWidth(320);
        HBox body = new HBox(14, left, middleScroll, historyScroll);
        VBox.setVgrow(body, Priority.ALWAYS);
        detailBox.getChildren().addAll(head, body);
        detailBox.getStyleClass().add("queries-detail");
        detailEmpty.getStyleClass().add("muted");
        StackPane pane = new StackPane(detailBox, detailEmpty);
        StackPane.setAlignment(detailEmpty, Pos.CENTER);
        detailBox.visibleProperty().bind(vm.detailProperty().isNotNull());
        detailEmpty.visibleProperty().bind(vm.detailProperty().isNull());
        return pane;
    }

    private static ScrollPane scroll(Node content, double width) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        pane.setPrefWidth(width);
        pane.setMinWidth(width * 0.8);
        pane.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        pane.getStyleClass().add("edge-to-edge");
        return pane;
    }

    private void showDetail(QueryDetail d) {
        if (d == null) {
            return;
        }
        detailTitle.setText(d.title());
        detailMarkers.setText(d.figures().map(QueriesView::markerSummary).orElse(""));
        long to = vm.table() == null ? System.currentTimeMillis() : vm.table().end().toEpochMilli();
        if (d.history().isPresent() && d.history().get().size() > 0) {
            StatementHistorySnapshot h = d.history().get();
            int n = h.size();
            long[] times = new long[n];
            double[] calls = new double[n];
            double[] mean = new double[n];
            double[] rows = new double[n];
            double maxCalls = 0;
            double maxMean = 0;
            double maxRows = 0;
            for (int i = 0; i < n; i++) {
                times[i] = h.epochMillisAt(i);
                calls[i] = h.callsPerSecondAt(i);
                mean[i] = h.meanExecTimeMsAt(i);
                rows[i] = h.rowsAt(i);
                maxCalls = Math.max(maxCalls, calls[i]);
                maxMean = Math.max(maxMean, mean[i]);
                maxRows = Math.max(maxRows, rows[i]);
            }
            long from = times[0];
            callsLine.setData(times, calls, from, to);
            meanLine.setData(times, mean, from, to);
            rowsLine.setData(times, rows, from, to);
            callsCaption.setText("Calls/s · last " + QueryUnits.rate(OptionalDouble.of(calls[n - 1])) + " · peak "
                    + QueryUnits.rate(OptionalDouble.of(maxCalls)));
            meanCaption.setText("Mean time · last " + QueryUnits.millis(mean[n - 1]) + " · peak "
                    + QueryUnits.millis(maxMean));
            rowsCaption.setText("Rows per poll · last " + QueryUnits.count(Math.round(rows[n - 1])) + " · peak "
                    + QueryUnits.count(Math.round(maxRows)));
        } else {
            callsLine.setData(new long[0], new double[0], 0, 1);
            meanLine.setData(new long[0], new double[0], 0, 1);
            rowsLine.setData(new long[0], new double[0], 0, 1);
            callsCaption.setText("Calls/s");
            meanCaption.setText("Mean time");
            rowsCaption.setText("Rows per poll");
        }
        historyNote.setText(d.historyNote());
        List<List<String>> factRows = new ArrayList<>();
        for (QueryDetail.Fact f : d.facts()) {
            factRows.add(List.of(f.label(), f.value()));
        }
        fill(facts, factRows, 0);
        List<List<String>> splitRows = new ArrayList<>();
        splitRows.add(List.of("Database", "User", "Calls", "Total", "Mean"));
        for (QueryFigures f : d.split()) {
            splitRows.add(List.of(f.database() == null ? "oid " + f.key().dbId() : f.database(),
                    (f.user() == null ? "oid " + f.key().userId() : f.user()) + (f.key().topLevel() ? "" : " (nested)"),
                    QueryUnits.count(f.calls()), QueryUnits.totalTime(f.totalTimeMs()), QueryUnits.millis(f.meanTimeMs())));
        }
        if (d.split().isEmpty()) {
            splitRows.add(List.of("not active in this window", "", "", "", ""));
        }
        fill(split, splitRows, 1);
    }

    /**
     * Shows {@code rows} in {@code grid}, reusing its labels: the detail refreshes with every poll,
     * and new labels would each need styling and measuring. With {@code header} 0 the first column
     * holds names (muted); with 1 the first row is a muted header.
     */
    private static void fill(GridPane grid, List<List<String>> rows, int header) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).size();
        int needed = rows.size() * columns;
        ObservableList<Node> cells = grid.getChildren();
        if (cells.size() != needed) {
            List<Node> labels = new ArrayList<>(needed);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns; c++) {
                    boolean muted = header == 0 ? c == 0 : r == 0;
                    Label l = !muted && header == 0 ? new WrappedLabel() : new Label();
                    if (muted) {
                        l.getStyleClass().add("muted");
                        l.setMinWidth(Region.USE_PREF_SIZE);
                    }
                    GridPane.setConstraints(l, c, r);
                    labels.add(l);
                }
            }
            cells.setAll(labels);
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                ((Label) cells.get(r * columns + c)).setText(rows.get(r).get(c));
            }
        }
    }
}
