package io.pgpulse.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.pgpulse.app.alerts.AlertsViewModel;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.overview.OverviewFixtures;
import io.pgpulse.app.overview.OverviewView;
import io.pgpulse.app.overview.OverviewViewModel;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.alerts.AlertEngine;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Snapshot;

/**
 * FX-thread time per overview refresh at scale: synthetic snapshots of 300 and 10,000 sessions go
 * through the real path — analysis on a worker thread, then the view-model's apply on the FX
 * thread, with the charts redrawing and the tables updating — and the time the FX thread spends
 * per refresh is measured: the apply plus the CSS and layout passes of the pulse after it
 * (rasterising runs on the render thread and is not FX-thread time). The alert evaluation, which
 * also runs on the FX thread, is measured separately. Prints figures; asserts nothing about time.
 * Run: {@code mvn -B verify -Pbench -Dtest=FxRefreshBenchmark}.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class FxRefreshBenchmark {
    private static final int WARMUP = 50;
    private static final int MEASURED = 200;
    private static final Instant START = OverviewFixtures.T0;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    @Test
    void fxThreadTimePerRefresh(FxRobot robot) throws Exception {
        System.out.printf(Locale.ROOT, "%nOverview refresh, FX-thread time per refresh over %d refreshes (after %d warm-up)%n",
                MEASURED, WARMUP);
        System.out.printf(Locale.ROOT, "%d cores, load average %.1f at the start%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("wall: elapsed on the FX thread; cpu: CPU time the FX thread used (what a busy machine does not inflate)");
        System.out.println("sessions | window | points/series | wall median | wall p95 | wall max | >50 ms | cpu median | cpu p95 | cpu max"
                + " | alerts on FX (cpu median) | analysis off FX (median)");
        // A first pass that is not printed, so the JIT has compiled the hot paths before anything is measured.
        run(robot, 300, Duration.ofMinutes(15), false);
        for (int sessions : new int[] {300, 10_000}) {
            for (Duration window : List.of(Duration.ofMinutes(15), Duration.ofMinutes(60))) {
                run(robot, sessions, window, true);
            }
        }
        System.out.printf(Locale.ROOT, "load average %.1f at the end%n%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void run(FxRobot robot, int sessions, Duration window, boolean print) throws Exception {
        HistoryStore history = OverviewFixtures.history();
        // An hour of history, so the 60-minute window draws a full hour of points.
        int history1h = 3600;
        Instant first = START.minusSeconds(history1h);
        for (int i = 0; i < history1h; i++) {
            Instant at = first.plusSeconds(i);
            recordSynthetic(history, at, sessions, i);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Long> fx = Collections.synchronizedList(new ArrayList<>());
        List<Long> fxCpu = Collections.synchronizedList(new ArrayList<>());
        List<Long> alertsFx = Collections.synchronizedList(new ArrayList<>());
        List<Long> analysis = Collections.synchronizedList(new ArrayList<>());
        Parent[] root = new Parent[1];
        CountDownLatch[] applied = new CountDownLatch[1];
        // A refresh's FX-thread time is the apply (which redraws the charts) plus the CSS and layout
        // passes of the pulse that follows it, measured between the scene's pulse listeners.
        long[] applyNanos = new long[2];
        long[] cssStart = new long[2];
        boolean[] awaitingPulse = new boolean[1];
        UiExecutor measuredUi = task -> Platform.runLater(() -> {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            task.run();
            applyNanos[0] = System.nanoTime() - t0;
            applyNanos[1] = threads.getCurrentThreadCpuTime() - c0;
            awaitingPulse[0] = true;
            Platform.requestNextPulse();
        });
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-analysis");
            t.setDaemon(true);
            return t;
        });
        OverviewViewModel vm = new OverviewViewModel(history, task -> pool.execute(() -> {
            long t0 = System.nanoTime();
            task.run();
            analysis.add(System.nanoTime() - t0);
        }), measuredUi);
        AlertsViewModel alerts = new AlertsViewModel(new AlertEngine(), Instant::now);
        ThemeManager themes = new ThemeManager(AppTheme.DARK);
        robot.interact(() -> {
            themes.applyUserAgentStylesheet();
            OverviewView view = new OverviewView(vm, alerts, themes);
            root[0] = view.root();
            Scene scene = new Scene(root[0], 1240, 780);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            scene.addPreLayoutPulseListener(() -> {
                cssStart[0] = System.nanoTime();
                cssStart[1] = threads.getCurrentThreadCpuTime();
            });
            scene.addPostLayoutPulseListener(() -> {
                if (awaitingPulse[0]) {
                    awaitingPulse[0] = false;
                    fx.add(applyNanos[0] + System.nanoTime() - cssStart[0]);
                    fxCpu.add(applyNanos[1] + threads.getCurrentThreadCpuTime() - cssStart[1]);
                    applied[0].countDown();
                }
            });
            stage.setScene(scene);
            vm.windowProperty().set(window);
        });
        int points = 0;
        try {
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                Instant at = START.plusSeconds(i);
                List<ActivityRow> rows = OverviewFixtures.busy(sessions, at, i);
                Snapshot s = OverviewFixtures.snapshot(i + 1, at, sessions + 100, sessions + 2, rows, List.of());
                recordSynthetic(history, at, sessions, history1h + i);
                if (i == WARMUP) {
                    fx.clear();
                    fxCpu.clear();
                    alertsFx.clear();
                    analysis.clear();
                }
                applied[0] = new CountDownLatch(1);
                Platform.runLater(() -> {
                    long c0 = threads.getCurrentThreadCpuTime();
                    alerts.accept(s);
                    alertsFx.add(threads.getCurrentThreadCpuTime() - c0);
                    vm.accept(s);
                });
                if (!applied[0].await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("refresh " + i + " was not applied");
                }
            }
            CountDownLatch read = new CountDownLatch(1);
            int[] size = new int[1];
            Platform.runLater(() -> {
                size[0] = vm.chart(io.pgpulse.app.overview.OverviewCharts.STATES).size();
                read.countDown();
            });
            read.await(10, TimeUnit.SECONDS);
            points = size[0];
        } finally {
            pool.shutdownNow();
        }
        if (!print) {
            return;
        }
        List<Long> wall = sorted(fx);
        List<Long> cpu = sorted(fxCpu);
        System.out.printf(Locale.ROOT, "%8s | %6s | %13d | %8.2f ms | %5.2f ms | %5.1f ms | %6d | %7.2f ms | %4.2f ms | %4.1f ms | %22.2f ms | %21.2f ms%n",
                String.format(Locale.ROOT, "%,d", sessions), window.toMinutes() + " min", points,
                ms(percentile(wall, 50)), ms(percentile(wall, 95)), ms(wall.get(wall.size() - 1)),
                wall.stream().filter(n -> n > 50_000_000L).count(),
                ms(percentile(cpu, 50)), ms(percentile(cpu, 95)), ms(cpu.get(cpu.size() - 1)),
                ms(median(alertsFx)), ms(median(analysis)));
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    /** The points the session's recorder writes, for a server whose session count wobbles around {@code sessions}. */
    private static void recordSynthetic(HistoryStore h, Instant at, int sessions, int tick) {
        double wobble = Math.sin(tick / 30.0);
        h.record(io.pgpulse.core.session.Series.ACTIVE, at, Math.round(sessions * (0.18 + 0.04 * wobble)));
        h.record(io.pgpulse.core.session.Series.IDLE, at, Math.round(sessions * (0.76 - 0.04 * wobble)) + 2);
        h.record(io.pgpulse.core.session.Series.IDLE_IN_TRANSACTION, at, Math.round(sessions * 0.04));
        h.record(io.pgpulse.core.session.Series.IDLE_IN_TRANSACTION_ABORTED, at, Math.round(sessions * 0.01));
        h.record(io.pgpulse.core.session.Series.OTHER, at, Math.round(sessions * 0.01));
        h.record(io.pgpulse.core.session.Series.NEW_SESSIONS_PER_SECOND, at, 3 + 2 * wobble);
        h.record(io.pgpulse.core.session.Series.COMMITS_PER_SECOND, at, 800 + 200 * wobble);
        h.record(io.pgpulse.core.session.Series.ROLLBACKS_PER_SECOND, at, 4 + 3 * wobble);
        h.record(io.pgpulse.core.session.Series.DEADLOCKS, at, tick % 97 == 0 ? 1 : 0);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = sorted(values);
        return sorted.isEmpty() ? 0 : percentile(sorted, 50);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
