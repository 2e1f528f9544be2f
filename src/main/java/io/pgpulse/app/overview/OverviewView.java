package io.pgpulse.app.overview;

import java.awt.image.BufferedImage;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.app.alerts.AlertsViewModel;
import io.pgpulse.app.chart.ChartHover;
import io.pgpulse.app.chart.ChartImages;
import io.pgpulse.app.chart.ChartStyler;
import io.pgpulse.app.chart.Charts;
import io.pgpulse.app.chart.RollingDataset;
import io.pgpulse.app.chart.SeriesKey;
import io.pgpulse.app.chart.Tone;
import io.pgpulse.app.chart.ToneMarkers;
import io.pgpulse.app.kit.Format;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.analysis.SessionState;
import io.pgpulse.core.analysis.Severity;

/**
 * The overview: headroom first and largest, then the live chart of connections by state against
 * the limits, what needs doing, the rates that betray a missing pooler, and who holds the
 * connections. Binds to {@link OverviewViewModel}; builds nothing per refresh.
 */
public final class OverviewView {
    static final String HEADROOM_ID = "overview-headroom";
    static final String STATES_CHART_ID = "overview-states-chart";
    private static final DateTimeFormatter HOVER_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final List<String> LEVELS = List.of("ok", "warning", "critical");

    private final OverviewViewModel vm;
    private final AlertsViewModel alerts;
    private final ThemeManager themes;
    private final ScrollPane root;
    private final Map<OverviewCharts, JFreeChart> charts = new EnumMap<>(OverviewCharts.class);
    private final ToneMarkers.Line usableLine = new ToneMarkers.Line(0, Tone.CRITICAL, "");
    private final ToneMarkers.Line maxLine = new ToneMarkers.Line(0, Tone.MUTED, "");
    private final ToneMarkers.Band warningBand = new ToneMarkers.Band(0, 0, Tone.WARNING);
    private final ToneMarkers.Band criticalBand = new ToneMarkers.Band(0, 0, Tone.CRITICAL);

    public OverviewView(OverviewViewModel vm, AlertsViewModel alerts, ThemeManager themes) {
        this.vm = vm;
        this.alerts = alerts;
        this.themes = themes;
        VBox page = new VBox(header(), banner(vm.connectionNoteProperty(), "critical"),
                banner(vm.staleNoteProperty(), "warning"), topRow(), findings(), smallCharts(), breakdowns());
        page.getStyleClass().addAll("page", "overview");
        root = new ScrollPane(page);
        root.setFitToWidth(true);
        root.getStyleClass().add("edge-to-edge");
        ChartStyler.follow(themes.themeProperty(), page, charts.values().toArray(JFreeChart[]::new));
    }

    public Parent root() {
        return root;
    }

    /** The big connection chart, for tests and the export. */
    JFreeChart statesChart() {
        return charts.get(OverviewCharts.STATES);
    }

    private Node header() {
        Label title = new Label("Connection budget");
        title.getStyleClass().add("page-title");
        Label badge = new Label();
        badge.setId("overview-alert-badge");
        badge.textProperty().bind(alerts.badgeProperty());
        FontIcon bell = new FontIcon(Feather.BELL);
        badge.setGraphic(bell);
        badge.getStyleClass().add("alert-badge");
        Runnable tone = () -> {
            Severity worst = alerts.worstProperty().get();
            setOneOf(badge, LEVELS, worst == null ? "ok" : worst == Severity.CRITICAL ? "critical" : "warning");
        };
        alerts.worstProperty().addListener((obs, o, n) -> tone.run());
        tone.run();
        badge.setTooltip(new Tooltip("Alerts on connections, idle transactions, long transactions and blocked"
                + " sessions; see the Alerts page for the list and the thresholds."));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Node banner(ObservableValue<String> text, String level) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        HBox box = new HBox(label);
        box.getStyleClass().addAll("callout", level);
        box.visibleProperty().bind(Bindings.createBooleanBinding(() -> !text.getValue().isEmpty(), text));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node topRow() {
        Node headroom = headroomCard();
        Node chart = statesCard();
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox row = new HBox(14, headroom, chart);
        row.setFillHeight(true);
        return row;
    }

    private Node headroomCard() {
        Label caption = new Label("HEADROOM");
        caption.getStyleClass().add("card-title");
        Label big = new Label();
        big.setId(HEADROOM_ID);
        big.textProperty().bind(vm.freeOfUsableProperty());
        big.getStyleClass().addAll("big-figure", "headroom-figure");
        Label bigCaption = new Label("usable connections free");
        bigCaption.getStyleClass().add("headroom-caption");
        Label sentence = new Label();
        sentence.setId("overview-headroom-sentence");
        sentence.textProperty().bind(vm.headroomProperty());
        sentence.setVisible(false);
        sentence.setManaged(false);

        ProgressBar usage = new ProgressBar();
        usage.setMaxWidth(Double.MAX_VALUE);
        usage.getStyleClass().add("headroom-bar");
        usage.progressProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(1.0, vm.usedPercentProperty().get() / 100.0), vm.usedPercentProperty()));
        Label percent = new Label();
        percent.textProperty().bind(vm.usedPercentTextProperty());
        percent.getStyleClass().add("figure-caption");
        Runnable level = () -> {
            String cls = vm.levelProperty().get().name().toLowerCase(Locale.ROOT);
            setOneOf(big, LEVELS, cls);
            setOneOf(usage, LEVELS, cls);
        };
        vm.levelProperty().addListener((obs, o, n) -> level.run());
        level.run();

        GridPane figures = new GridPane();
        figures.getStyleClass().add("figure-grid");
        figures.setHgap(10);
        figures.setVgap(3);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setMinWidth(Region.USE_PREF_SIZE);
        values.setHalignment(javafx.geometry.HPos.RIGHT);
        figures.getColumnConstraints().addAll(labels, values, new ColumnConstraints());
        figure(figures, 0, "In use", vm.usedProperty().asString(), "connections",
                "Client backends now, PgPulse's own sessions included: they use slots too.");
        figure(figures, 1, "Usable", vm.usableProperty().asString(), "connections",
                "max_connections minus the reserved slots: what applications can get.");
        figure(figures, 2, "max_connections", vm.maxConnectionsProperty().asString(), "connections",
                "The server's hard limit (needs a restart to change).");
        figure(figures, 3, "Reserved", vm.reservedProperty().asString(), "for superusers", null);
        Tooltip reservedTip = new Tooltip();
        reservedTip.textProperty().bind(vm.reservedDetailProperty());
        figures.getChildren().stream().filter(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) == 3)
                .forEach(n -> Tooltip.install(n, reservedTip));

        VBox states = new VBox(3);
        states.getStyleClass().add("state-legend");
        for (SessionState state : SessionState.values()) {
            states.getChildren().add(stateLine(state));
        }
        Label statesTitle = new Label("Listed sessions by state");
        statesTitle.getStyleClass().add("card-title");

        VBox card = new VBox(6, caption, big, bigCaption, sentence, usage, percent, spacer(4), figures, spacer(6),
                statesTitle, states);
        card.getStyleClass().addAll("card", "headroom-card");
        card.setMinWidth(300);
        card.setPrefWidth(330);
        card.setMaxWidth(360);
        return card;
    }

    private static Region spacer(double height) {
        Region r = new Region();
        r.setMinHeight(height);
        return r;
    }

    /** Adds a labelled figure with its unit; the tooltip says what exactly it counts. */
    private static Label figure(GridPane grid, int row, String name, ObservableValue<String> value, String unit,
            String explanation) {
        Label n = new Label(name);
        n.getStyleClass().add("muted");
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().addAll("figure-value", "numeric");
        Label u = new Label(unit);
        u.getStyleClass().addAll("muted", "figure-unit");
        if (explanation != null) {
            Tooltip tip = new Tooltip(explanation);
            List.of(n, v, u).forEach(l -> l.setTooltip(tip));
        }
        grid.addRow(row, n, v, u);
        return u;
    }

    /** A coloured square that follows the theme. */
    private Rectangle swatch(Tone tone) {
        Rectangle swatch = new Rectangle(10, 10);
        swatch.setArcWidth(3);
        swatch.setArcHeight(3);
        Runnable paint = () -> swatch.setFill(fx(tone.color(themes.theme())));
        themes.themeProperty().addListener((obs, o, n) -> paint.run());
        paint.run();
        return swatch;
    }

    private Node swatch(Tone tone, String text) {
        HBox item = new HBox(5, swatch(tone), new Label(text));
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    private Node limitKey(Tone tone, String text) {
        javafx.scene.shape.Line dash = new javafx.scene.shape.Line(0, 0, 16, 0);
        dash.getStrokeDashArray().addAll(4.0, 3.0);
        dash.setStrokeWidth(1.5);
        Runnable paint = () -> dash.setStroke(fx(tone.color(themes.theme())));
        themes.themeProperty().addListener((obs, o, n) -> paint.run());
        paint.run();
        HBox item = new HBox(5, dash, new Label(text));
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    private Node stateLine(SessionState state) {
        Tone tone = switch (state) {
            case ACTIVE -> Tone.ACTIVE;
            case IDLE -> Tone.IDLE;
            case IDLE_IN_TRANSACTION -> Tone.IDLE_IN_TRANSACTION;
            case IDLE_IN_TRANSACTION_ABORTED -> Tone.ABORTED;
            case OTHER -> Tone.OTHER;
        };
        Rectangle swatch = swatch(tone);
        Label name = new Label(state.label());
        Label count = new Label();
        count.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(vm.byStateProperty().get().get(state)), vm.byStateProperty()));
        count.getStyleClass().add("numeric");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox line = new HBox(8, swatch, name, gap, count);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private Node statesCard() {
        RollingDataset data = vm.chart(OverviewCharts.STATES);
        JFreeChart chart = Charts.stacked(data, "connections", vm.windowProperty().get());
        charts.put(OverviewCharts.STATES, chart);
        XYPlot plot = chart.getXYPlot();
        plot.addRangeMarker(0, warningBand, Layer.BACKGROUND, false);
        plot.addRangeMarker(0, criticalBand, Layer.BACKGROUND, false);
        // The two lines are a few connections apart: one label above its line, the other below.
        maxLine.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        maxLine.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        usableLine.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        usableLine.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        for (ToneMarkers.Line line : List.of(usableLine, maxLine)) {
            plot.addRangeMarker(0, line, Layer.FOREGROUND, false);
        }
        Runnable limits = () -> updateLimits(plot);
        vm.usableProperty().addListener((obs, o, n) -> limits.run());
        vm.maxConnectionsProperty().addListener((obs, o, n) -> limits.run());
        limits.run();

        ChartViewer viewer = Charts.viewer(chart);
        viewer.setId(STATES_CHART_ID);
        StackPane hover = ChartHover.attach(viewer, data, item -> describeStates(data, item));
        hover.setMinHeight(240);
        hover.setPrefHeight(330);
        VBox.setVgrow(hover, Priority.ALWAYS);

        Label title = new Label("CONNECTIONS BY STATE");
        title.getStyleClass().add("card-title");
        Label hint = new Label("stacked · hover for values");
        hint.getStyleClass().addAll("muted", "chart-hint");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button export = new Button("Export PNG", new FontIcon(Feather.DOWNLOAD));
        export.setId("overview-export");
        export.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        export.setTooltip(new Tooltip("Save this chart as a PNG image"));
        export.setOnAction(e -> export(chart));
        HBox bar = new HBox(10, title, hint, gap, windowToggles(), export);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox legend = new HBox(14);
        legend.getStyleClass().add("chart-legend");
        for (SeriesKey key : data.keys()) {
            legend.getChildren().add(swatch(key.tone(), key.label()));
        }
        legend.getChildren().addAll(limitKey(Tone.CRITICAL, "usable limit"), limitKey(Tone.MUTED, "max_connections"));
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.exportStatusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        VBox card = new VBox(6, bar, legend, hover, status);
        card.getStyleClass().addAll("card", "chart-card");
        return card;
    }

    private void updateLimits(XYPlot plot) {
        double usable = vm.usableProperty().get();
        double max = vm.maxConnectionsProperty().get();
        JFreeChart chart = statesChart();
        chart.setNotify(false);
        try {
            usableLine.setValue(usable);
            usableLine.setLabel("usable " + Format.count((long) usable));
            maxLine.setValue(max);
            maxLine.setLabel("max_connections " + Format.count((long) max));
            warningBand.setStartValue(usable * OverviewViewModel.WARNING_PERCENT / 100);
            warningBand.setEndValue(usable * OverviewViewModel.CRITICAL_PERCENT / 100);
            criticalBand.setStartValue(usable * OverviewViewModel.CRITICAL_PERCENT / 100);
            criticalBand.setEndValue(usable);
            plot.getRangeAxis().setAutoRange(false);
            plot.getRangeAxis().setRange(0, Math.max(1, max) * 1.08);
        } finally {
            chart.setNotify(true);
        }
    }

    private static String describeStates(RollingDataset data, int item) {
        StringBuilder b = new StringBuilder(HOVER_TIME.format(Instant.ofEpochMilli(data.x(item))));
        double total = 0;
        List<SeriesKey> keys = data.keys();
        for (int s = 0; s < keys.size(); s++) {
            double v = data.y(s, item);
            if (!Double.isNaN(v)) {
                total += v;
            }
            b.append('\n').append(keys.get(s).label()).append(": ").append(Double.isNaN(v) ? "n/a" : Format.count(Math.round(v)));
        }
        b.append("\ntotal: ").append(Format.count(Math.round(total)));
        return b.toString();
    }

    private Node windowToggles() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        List<Duration> windows = OverviewViewModel.WINDOWS;
        for (int i = 0; i < windows.size(); i++) {
            Duration w = windows.get(i);
            ToggleButton b = new ToggleButton(w.toMinutes() == 60 ? "1 h" : w.toMinutes() + " min");
            b.setUserData(w);
            b.setToggleGroup(group);
            b.getStyleClass().addAll(Styles.SMALL,
                    i == 0 ? Styles.LEFT_PILL : i == windows.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setSelected(w.equals(vm.windowProperty().get()));
            box.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
                return;
            }
            Duration w = (Duration) now.getUserData();
            vm.windowProperty().set(w);
            charts.values().forEach(c -> Charts.setWindow((DateAxis) c.getXYPlot().getDomainAxis(), w));
        });
        box.setId("overview-window");
        return box;
    }

    private void export(JFreeChart chart) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export chart as PNG");
        chooser.setInitialFileName("pgpulse-connections-" + FILE_TIME.format(LocalDateTime.now()) + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file == null) {
            return;
        }
        // The on-screen legend is a JavaFX control; the image gets JFreeChart's own for the moment of drawing.
        chart.setNotify(false);
        BufferedImage image;
        try {
            chart.addLegend(Charts.legend(chart));
            ChartStyler.apply(chart, themes.theme());
            image = ChartImages.render(chart, 1600, 700);
        } finally {
            chart.removeLegend();
            chart.setNotify(true);
        }
        vm.exportPng(image, file.toPath());
    }

    private Node findings() {
        VBox box = new VBox(8);
        box.setId("overview-findings");
        Map<FindingItem, Node> nodes = new IdentityHashMap<>();
        ObservableList<FindingItem> items = vm.findings();
        Runnable sync = () -> {
            nodes.keySet().retainAll(new java.util.HashSet<>(items));
            box.getChildren().setAll(items.stream().map(i -> nodes.computeIfAbsent(i, OverviewView::callout)).toList());
        };
        items.addListener((ListChangeListener<FindingItem>) c -> sync.run());
        sync.run();
        box.managedProperty().bind(Bindings.isNotEmpty(box.getChildren()));
        return box;
    }

    private static Node callout(FindingItem item) {
        Label title = new Label();
        title.textProperty().bind(item.summaryProperty());
        title.getStyleClass().add("callout-title");
        title.setWrapText(true);
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("callout-icon");
        title.setGraphic(icon);
        GridPane lines = new GridPane();
        lines.setHgap(10);
        lines.setVgap(2);
        ColumnConstraints heads = new ColumnConstraints();
        heads.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints bodies = new ColumnConstraints();
        bodies.setHgrow(Priority.ALWAYS);
        bodies.setFillWidth(true);
        lines.getColumnConstraints().addAll(heads, bodies);
        line(lines, 0, "What it means", item.meaningProperty());
        line(lines, 1, "Do now", item.nowProperty());
        line(lines, 2, "Next time", item.nextTimeProperty());
        VBox box = new VBox(4, title, lines);
        box.getStyleClass().add("callout");
        Runnable severity = () -> setOneOf(box, List.of("info", "warning", "critical"),
                item.severityProperty().get() == null ? "info" : item.severityProperty().get().label());
        item.severityProperty().addListener((obs, o, n) -> severity.run());
        severity.run();
        return box;
    }

    private static void line(GridPane grid, int row, String name, ObservableValue<String> text) {
        Label head = new Label(name);
        head.getStyleClass().add("callout-label");
        Label body = new Label();
        body.textProperty().bind(text);
        body.setWrapText(true);
        body.setMaxWidth(Double.MAX_VALUE);
        body.getStyleClass().add("callout-text");
        for (Label l : List.of(head, body)) {
            l.visibleProperty().bind(Bindings.createBooleanBinding(() -> !text.getValue().isEmpty(), text));
            l.managedProperty().bind(l.visibleProperty());
        }
        javafx.geometry.VPos top = javafx.geometry.VPos.TOP;
        GridPane.setValignment(head, top);
        grid.addRow(row, head, body);
    }

    private Node smallCharts() {
        HBox row = new HBox(14);
        for (OverviewCharts c : List.of(OverviewCharts.CHURN, OverviewCharts.TPS, OverviewCharts.ROLLBACKS,
                OverviewCharts.DEADLOCKS)) {
            Node card = smallChart(c);
            HBox.setHgrow(card, Priority.ALWAYS);
            row.getChildren().add(card);
        }
        return row;
    }

    private Node smallChart(OverviewCharts c) {
        RollingDataset data = vm.chart(c);
        JFreeChart chart = Charts.lines(data, c.unit(), vm.windowProperty().get());
        charts.put(c, chart);
        ChartViewer viewer = Charts.viewer(chart);
        viewer.setId("overview-chart-" + c.name().toLowerCase(Locale.ROOT));
        IntFunction<String> describe = item -> HOVER_TIME.format(Instant.ofEpochMilli(data.x(item))) + "\n"
                + number(data.y(0, item)) + " " + c.unit();
        StackPane hover = ChartHover.attach(viewer, data, describe);
        hover.setPrefHeight(130);
        hover.setMinHeight(110);
        Label title = new Label(c.title().toUpperCase(Locale.ROOT));
        title.getStyleClass().add("card-title");
        Label now = new Label();
        now.textProperty().bind(vm.latestRateProperty(c));
        now.getStyleClass().add("small-chart-value");
        Label unit = new Label(c.unit());
        unit.getStyleClass().add("muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, now);
        head.setAlignment(Pos.BASELINE_LEFT);
        VBox card = new VBox(4, head, hover);
        card.getStyleClass().addAll("card", "small-chart");
        card.setMinWidth(180);
        if (c == OverviewCharts.CHURN) {
            Tooltip.install(card, new Tooltip("New sessions per second (pg_stat_database.sessions). Steadily high"
                    + " means clients connect per request instead of through a pool."));
        }
        return card;
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 || v == Math.rint(v) ? Format.count(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    private Node breakdowns() {
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("overview-breakdowns");
        Map<Tab, TableView<GroupRow>> tables = new java.util.HashMap<>();
        for (Dimension d : Dimension.values()) {
            TableView<GroupRow> table = table(d, mirror(vm.rows(d)));
            Tab tab = new Tab(d.label());
            tables.put(tab, table);
            tabs.getTabs().add(tab);
        }
        // Only the tab on show holds its table: hidden tab content stays in the scene graph, and
        // laying out four tables of changing rows on every refresh is wasted FX-thread time. A table
        // out of the scene keeps its rows, sort order and selection.
        java.util.function.Consumer<Tab> attach = shown -> tables.forEach((tab, table) -> tab.setContent(tab == shown ? table : null));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            attach.accept(n);
            if (n != null) {
                tables.get(n).sort();
            }
        });
        tabs.getSelectionModel().selectFirst();
        attach.accept(tabs.getSelectionModel().getSelectedItem());
        Label title = new Label("WHO HOLDS THE CONNECTIONS");
        title.getStyleClass().add("card-title");
        VBox card = new VBox(6, title, tabs);
        card.getStyleClass().add("card");
        return card;
    }

    /**
     * The view's own list of the view-model's rows, which the table may reorder when it sorts (the
     * view-model's list is read-only). Rows are the same objects, so updates still land in place;
     * only additions and removals are copied.
     */
    private static ObservableList<GroupRow> mirror(ObservableList<GroupRow> rows) {
        ObservableList<GroupRow> copy = javafx.collections.FXCollections.observableArrayList(rows);
        rows.addListener((ListChangeListener<GroupRow>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    copy.removeAll(c.getRemoved());
                }
                if (c.wasAdded()) {
                    copy.addAll(c.getAddedSubList());
                }
            }
        });
        return copy;
    }

    private TableView<GroupRow> table(Dimension d, ObservableList<GroupRow> rows) {
        TableView<GroupRow> table = new TableView<>(rows);
        table.setId("overview-table-" + d.name().toLowerCase(Locale.ROOT));
        table.setPrefHeight(260);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label("No client sessions"));
        TableColumn<GroupRow, String> name = new TableColumn<>(d.label());
        name.setCellValueFactory(r -> r.getValue().nameProperty());
        name.setPrefWidth(220);
        TableColumn<GroupRow, Number> total = count("Total", GroupRow::totalProperty);
        total.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<GroupRow, Duration> oldest = new TableColumn<>("Oldest transaction");
        oldest.setCellValueFactory(r -> r.getValue().oldestTransactionProperty());
        oldest.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        oldest.setCellFactory(col -> new AgeCell());
        oldest.setPrefWidth(140);
        table.getColumns().addAll(List.of(name, total,
                count("Active", GroupRow::activeProperty),
                count("Idle", GroupRow::idleProperty),
                count("Idle in transaction", GroupRow::idleInTransactionProperty),
                count("Aborted", GroupRow::abortedProperty),
                count("Other", GroupRow::otherProperty),
                oldest));
        if (d == Dimension.USER || d == Dimension.DATABASE) {
            TableColumn<GroupRow, String> limit = new TableColumn<>("Connection limit");
            limit.setCellValueFactory(r -> r.getValue().limitProperty());
            limit.setCellFactory(col -> new LimitCell());
            limit.setPrefWidth(160);
            table.getColumns().add(limit);
        }
        // Set after the items: replacing a table's items clears its sort order.
        table.getSortOrder().add(total);
        // Values change in place, which a TableView does not re-sort by itself; once per refresh is enough.
        vm.revisionProperty().addListener((obs, o, n) -> {
            if (table.getScene() != null && !isSorted(table.getItems(), table.getComparator())) {
                table.sort();
            }
        });
        return table;
    }

    private static boolean isSorted(List<GroupRow> rows, Comparator<GroupRow> order) {
        if (order == null) {
            return true;
        }
        for (int i = 1; i < rows.size(); i++) {
            if (order.compare(rows.get(i - 1), rows.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static TableColumn<GroupRow, Number> count(String title, Function<GroupRow, ObservableValue<Number>> value) {
        TableColumn<GroupRow, Number> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> value.apply(r.getValue()));
        c.getStyleClass().add("numeric");
        c.setPrefWidth(title.length() > 8 ? 130 : 80);
        return c;
    }

    /** Transaction ages, amber from a minute and red from five, the alert defaults. */
    private static final class AgeCell extends TableCell<GroupRow, Duration> {
        AgeCell() {
            getStyleClass().add("numeric");
        }

        @Override
        protected void updateItem(Duration age, boolean empty) {
            super.updateItem(age, empty);
            setText(empty || age == null ? "" : Format.duration(age));
            setOneOf(this, List.of("age-warning", "age-critical"), empty || age == null ? null
                    : age.toSeconds() >= 300 ? "age-critical" : age.toSeconds() >= 60 ? "age-warning" : null);
        }
    }

    private static final class LimitCell extends TableCell<GroupRow, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? "" : text);
            GroupRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setOneOf(this, List.of("age-critical"), row != null && row.nearLimitProperty().get() ? "age-critical" : null);
        }
    }

    /** Leaves exactly one of {@code all} (or none) on the node's style classes. */
    static void setOneOf(javafx.css.Styleable node, List<String> all, String one) {
        ObservableList<String> classes = node.getStyleClass();
        for (String c : all) {
            if (!c.equals(one)) {
                classes.remove(c);
            }
        }
        if (one != null && !classes.contains(one)) {
            classes.add(one);
        }
    }

    private static javafx.scene.paint.Color fx(java.awt.Color c) {
        return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }
}
