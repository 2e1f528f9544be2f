package io.pgpulse.app.overview;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.pgpulse.app.chart.ChartImages;
import io.pgpulse.app.chart.RollingDataset;
import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.Format;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.analysis.ConnectionBudget;
import io.pgpulse.core.analysis.ConnectionGroup;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.LimitUsage;
import io.pgpulse.core.analysis.StateCounts;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.SamplerStatus;
import io.pgpulse.core.sampling.Snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection budget as the overview shows it. Each snapshot is analysed off the FX thread
 * ({@link OverviewAnalysis}); applying the result on the FX thread only updates what changed:
 * rows are kept by group name and updated in place, findings by kind, and charts get the new
 * points appended and the expired ones trimmed, one redraw per chart.
 *
 * <p>Snapshots that arrive while one is being analysed are coalesced: only the newest is analysed
 * next. Holds no node; with a same-thread worker and {@link UiExecutor#direct()} it runs without
 * a toolkit.
 */
public final class OverviewViewModel {
    private static final Logger log = LoggerFactory.getLogger(OverviewViewModel.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** How full the usable slots are, as the headroom figure's colour says it. */
    public enum Level { OK, WARNING, CRITICAL }

    public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofMinutes(60));
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    public static final double WARNING_PERCENT = 80;
    public static final double CRITICAL_PERCENT = 95;

    private final OverviewAnalysis analysis;
    private final Executor worker;
    private final UiExecutor ui;
    private final AtomicReference<Snapshot> pending = new AtomicReference<>();
    private final AtomicBoolean analysing = new AtomicBoolean();
    private volatile Duration analysisWindow = DEFAULT_WINDOW;
    private volatile boolean reloadCharts;
    private Snapshot lastSnapshot;

    private final ReadOnlyBooleanWrapper hasData = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper headroom = new ReadOnlyStringWrapper("Waiting for the first poll…");
    private final ReadOnlyStringWrapper freeOfUsable = new ReadOnlyStringWrapper("—");
    private final ReadOnlyIntegerWrapper free = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper used = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper usable = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper maxConnections = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper reserved = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper reservedDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper usedPercent = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper usedPercentText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Level> level = new ReadOnlyObjectWrapper<>(Level.OK);
    private final ReadOnlyObjectWrapper<StateCounts> byState = new ReadOnlyObjectWrapper<>(StateCounts.NONE);
    private final ReadOnlyStringWrapper staleNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connectionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final ObjectProperty<Duration> window = new SimpleObjectProperty<>(DEFAULT_WINDOW);

    private final Map<Dimension, ObservableList<GroupRow>> rows = new EnumMap<>(Dimension.class);
    private final Map<Dimension, ObservableList<GroupRow>> readOnlyRows = new EnumMap<>(Dimension.class);
    private final Map<Dimension, Map<String, GroupRow>> rowIndex = new EnumMap<>(Dimension.class);
    private final ObservableList<FindingItem> findings = FXCollections.observableArrayList();
    private final ObservableList<FindingItem> readOnlyFindings = FXCollections.unmodifiableObservableList(findings);
    private final Map<String, FindingItem> findingIndex = new HashMap<>();
    private final Map<OverviewCharts, RollingDataset> charts = new EnumMap<>(OverviewCharts.class);
    private final Map<OverviewCharts, ReadOnlyStringWrapper> latestRates = new EnumMap<>(OverviewCharts.class);

    /**
     * @param worker runs the analysis and file writes off the FX thread; tasks submitted while one
     *               runs may run after it (the model never submits two analyses at once)
     * @param ui     where results are applied: the FX thread in the app
     */
    public OverviewViewModel(HistoryStore history, Executor worker, UiExecutor ui) {
        this.analysis = new OverviewAnalysis(history);
        this.worker = worker;
        this.ui = ui;
        for (Dimension d : Dimension.values()) {
            rows.put(d, FXCollections.observableArrayList());
            readOnlyRows.put(d, FXCollections.unmodifiableObservableList(rows.get(d)));
            rowIndex.put(d, new HashMap<>());
        }
        for (OverviewCharts c : OverviewCharts.values()) {
            charts.put(c, new RollingDataset(c.keys()));
            latestRates.put(c, new ReadOnlyStringWrapper("no data yet"));
        }
        window.addListener((obs, old, now) -> {
            if (now == null || !WINDOWS.contains(now)) {
                window.set(old);
                return;
            }
            analysisWindow = now;
            reloadCharts = true;
            if (lastSnapshot != null) {
                pending.compareAndSet(null, lastSnapshot);
                schedule();
            }
        });
    }

    /** The overview of a live session: follows its snapshots and connection status. */
    public static OverviewViewModel forSession(LiveSession live, AppContext context) {
        OverviewViewModel vm = new OverviewViewModel(live.session().history(), offload(context.background()), context.ui());
        live.onSnapshot(vm::accept);
        live.onStatus(vm::onStatus);
        return vm;
    }

    private static Executor offload(Background background) {
        return task -> background.run(() -> {
            task.run();
            return null;
        }, done -> { }, e -> log.warn("Overview work failed", e));
    }

    /** Takes a snapshot on the UI thread; the analysis runs on the worker. */
    public void accept(Snapshot snapshot) {
        lastSnapshot = snapshot;
        pending.set(snapshot);
        schedule();
    }

    private void schedule() {
        if (analysing.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Snapshot s;
            while ((s = pending.getAndSet(null)) != null) {
                boolean reload = reloadCharts;
                reloadCharts = false;
                OverviewUpdate update = analysis.analyze(s, analysisWindow, reload);
                ui.execute(() -> apply(update));
            }
        } catch (RuntimeException e) {
            log.error("Analysing a snapshot for the overview failed", e);
        } finally {
            analysing.set(false);
            if (pending.get() != null) {
                schedule();
            }
        }
    }

    /** Shows an analysed snapshot; on the UI thread. Package-private for the benchmark. */
    void apply(OverviewUpdate u) {
        ConnectionBudget b = u.budget();
        hasData.set(true);
        free.set(b.available());
        used.set(b.used());
        usable.set(b.usable());
        maxConnections.set(b.maxConnections());
        reserved.set(b.reservedTotal());
        reservedDetail.set(b.reservedConnections() > 0
                ? b.superuserReservedConnections() + " for superusers, " + b.reservedConnections() + " reserved_connections"
                : "superuser_reserved_connections");
        usedPercent.set(b.usedPercentOfUsable());
        usedPercentText.set(Format.percent(b.usedPercentOfUsable()) + " of usable in use");
        headroom.set(b.headroom());
        freeOfUsable.set(Format.count(b.available()) + " of " + Format.count(b.usable()));
        level.set(b.usedPercentOfUsable() >= CRITICAL_PERCENT ? Level.CRITICAL
                : b.usedPercentOfUsable() >= WARNING_PERCENT ? Level.WARNING : Level.OK);
        byState.set(b.byState());
        staleNote.set(u.staleNote());
        for (Dimension d : Dimension.values()) {
            updateRows(d, d.groups(b), u.limits());
        }
        updateFindings(u.findings());
        Duration w = window.get();
        u.charts().forEach((chart, points) -> appendPoints(charts.get(chart), points, w));
        u.rates().forEach((chart, rate) -> latestRates.get(chart).set(Double.isNaN(rate) ? "no data yet"
                : chart == OverviewCharts.DEADLOCKS ? Format.count(Math.round(rate)) + " in the last poll"
                : Format.rate(rate) + " now"));
        revision.set(revision.get() + 1);
    }

    private void updateRows(Dimension d, List<ConnectionGroup> groups, Map<String, LimitUsage> limits) {
        Map<String, GroupRow> index = rowIndex.get(d);
        Set<String> seen = new HashSet<>(groups.size() * 2);
        List<GroupRow> added = new ArrayList<>();
        for (ConnectionGroup g : groups) {
            String key = g.name() == null ? "" : g.name();
            GroupRow row = index.get(key);
            if (row == null) {
                row = new GroupRow(key, d.display(g.name()));
                index.put(key, row);
                added.add(row);
            }
            row.update(g, limitFor(d, key, limits));
            seen.add(key);
        }
        if (index.size() > seen.size()) {
            index.keySet().retainAll(seen);
            rows.get(d).removeIf(r -> !seen.contains(r.key()));
        }
        if (!added.isEmpty()) {
            rows.get(d).addAll(added);
        }
    }

    private static LimitUsage limitFor(Dimension d, String name, Map<String, LimitUsage> limits) {
        return switch (d) {
            case USER -> limits.get(OverviewAnalysis.limitKey("role", name));
            case DATABASE -> limits.get(OverviewAnalysis.limitKey("database", name));
            default -> null;
        };
    }

    private void updateFindings(List<Finding> now) {
        List<FindingItem> ordered = new ArrayList<>(now.size());
        Set<String> seen = new HashSet<>();
        for (Finding f : now) {
            String key = FindingItem.keyOf(f);
            if (!seen.add(key)) {
                continue;
            }
            FindingItem item = findingIndex.computeIfAbsent(key, FindingItem::new);
            item.update(f);
            ordered.add(item);
        }
        findingIndex.keySet().retainAll(seen);
        if (!ordered.equals(findings)) {
            findings.setAll(ordered);
        }
    }

    private static void appendPoints(RollingDataset data, ChartPoints points, Duration window) {
        if (points.size() == 0 && !points.replace()) {
            return;
        }
        data.batch(() -> {
            if (points.replace()) {
                data.clear();
            }
            for (int i = 0; i < points.size(); i++) {
                data.append(points.xs()[i], points.values()[i]);
            }
            if (data.size() > 0) {
                data.trimBefore(data.lastX() - window.toMillis() - OverviewAnalysis.WINDOW_MARGIN.toMillis());
            }
        });
    }

    /** Turns the sampler's state into a warning that the figures are frozen; empty while polls succeed. */
    public void onStatus(SamplerStatus status) {
        if (status instanceof SamplerStatus.Reconnecting r) {
            connectionNote.set("Connection to the server lost (" + r.reason() + "); reconnecting, attempt "
                    + r.attempt() + ". The figures below are frozen at " + CLOCK.format(r.staleSince()) + ".");
        } else if (status instanceof SamplerStatus.Paused p) {
            connectionNote.set("Polling is paused; the figures below are frozen at " + CLOCK.format(p.since()) + ".");
        } else {
            connectionNote.set("");
        }
    }

    /** Writes an already drawn chart image to {@code target} on the worker; the outcome lands in {@link #exportStatusProperty()}. */
    public void exportPng(BufferedImage image, Path target) {
        exportStatus.set("Saving " + target.getFileName() + " …");
        worker.execute(() -> {
            try {
                ChartImages.writePng(image, target);
                ui.execute(() -> exportStatus.set("Saved " + target));
            } catch (IOException | RuntimeException e) {
                log.warn("Exporting the chart failed", e);
                ui.execute(() -> exportStatus.set("Could not save " + target.getFileName() + ": " + e.getMessage()));
            }
        });
    }

    public ReadOnlyBooleanProperty hasDataProperty() {
        return hasData.getReadOnlyProperty();
    }

    /** "23 of 97 usable connections free". */
    public ReadOnlyStringProperty headroomProperty() {
        return headroom.getReadOnlyProperty();
    }

    /** "23 of 97": the big figure; the caption below it says what it counts. */
    public ReadOnlyStringProperty freeOfUsableProperty() {
        return freeOfUsable.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty freeProperty() {
        return free.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty usedProperty() {
        return used.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty usableProperty() {
        return usable.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty maxConnectionsProperty() {
        return maxConnections.getReadOnlyProperty();
    }

    /** Slots only superusers (and pg_use_reserved_connections members) may use. */
    public ReadOnlyIntegerProperty reservedProperty() {
        return reserved.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reservedDetailProperty() {
        return reservedDetail.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty usedPercentProperty() {
        return usedPercent.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty usedPercentTextProperty() {
        return usedPercentText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Level> levelProperty() {
        return level.getReadOnlyProperty();
    }

    /** Client sessions listed in pg_stat_activity, per state. */
    public ReadOnlyObjectProperty<StateCounts> byStateProperty() {
        return byState.getReadOnlyProperty();
    }

    /** Why some figures are older than the last poll; empty when they are fresh. */
    public ReadOnlyStringProperty staleNoteProperty() {
        return staleNote.getReadOnlyProperty();
    }

    /** That the connection is lost or polling paused; empty while polls succeed. */
    public ReadOnlyStringProperty connectionNoteProperty() {
        return connectionNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus.getReadOnlyProperty();
    }

    /** Increases after every applied snapshot, e.g. for a view that re-sorts its tables once per refresh. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The time span the charts show; one of {@link #WINDOWS}. */
    public ObjectProperty<Duration> windowProperty() {
        return window;
    }

    public ObservableList<GroupRow> rows(Dimension dimension) {
        return readOnlyRows.get(dimension);
    }

    /** The row for a group value, e.g. an application name; null when there is none. */
    public GroupRow row(Dimension dimension, String key) {
        return rowIndex.get(dimension).get(key);
    }

    public ObservableList<FindingItem> findings() {
        return readOnlyFindings;
    }

    public RollingDataset chart(OverviewCharts chart) {
        return charts.get(chart);
    }

    /** "12.3/s now" for a small chart's caption. */
    public ReadOnlyStringProperty latestRateProperty(OverviewCharts chart) {
        return latestRates.get(chart).getReadOnlyProperty();
    }
}
