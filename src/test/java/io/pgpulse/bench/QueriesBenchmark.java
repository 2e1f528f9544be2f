package io.pgpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.queries.QueriesView;
import io.pgpulse.app.queries.QueriesViewModel;
import io.pgpulse.app.queries.SyntheticQueries;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.query.SyntheticStatements;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * FX-thread cost of one Queries refresh with 5,000 statements, every one of them changed since the
 * previous poll and each with a 1–3 KB text, on the real view (table, findings, detail of a
 * selected statement) in a 1600×1000 window. One refresh's FX time is the view-model's
 * {@code onSnapshot}, the UI task that applies the background result, and the CSS and layout
 * passes of the pulses that follow (measured with the scene's pulse listeners); it is reported as
 * wall time and as the FX thread's CPU time, which a busy machine inflates less. Two workloads: steady (each statement
 * keeps its weight give or take 5 %, so the ranking mostly holds, as on a real server) and
 * shuffled (every rank changes on every refresh, the worst case for sorting and redrawing).
 * Prints figures; asserts nothing about time.
 * Run: {@code mvn -B -Pbench -Dtest=QueriesBenchmark test}.
 */
@Tag("benchmark")
class QueriesBenchmark {
    private static final int STATEMENTS = 5_000;
    private static final int WARMUP = 20;
    private static final int MEASURED = 60;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * FX-thread time spent for the refresh being measured: the UI tasks (the view-model's
     * onSnapshot and the task applying the background result) and the CSS and layout passes of
     * the pulses that follow. Written on the FX thread, read after a round trip through it.
     */
    private static final class FxTime {
        volatile double wall;
        volatile double cpu;
        volatile double pulseWallSum;
        volatile int pulses;
        private long pulseWall;
        private long pulseCpu;

        void reset() {
            wall = 0;
            cpu = 0;
            pulseWallSum = 0;
        }

        void run(Runnable task) {
            long w0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            task.run();
            add(w0, c0);
        }

        void add(long w0, long c0) {
            cpu += (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            wall += (System.nanoTime() - w0) / 1e6;
        }

        void pulseStarts() {
            pulseWall = System.nanoTime();
            pulseCpu = THREADS.getCurrentThreadCpuTime();
        }

        void pulseLaidOut() {
            pulseWallSum += (System.nanoTime() - pulseWall) / 1e6;
            add(pulseWall, pulseCpu);
            pulses++;
        }
    }

    private enum Workload { STEADY, SHUFFLED }

    @Test
    void refreshWithFiveThousandStatements() throws Exception {
        startToolkit();
        System.out.printf(Locale.ROOT, "%nQueries view, %,d statements, all changed on every refresh, 1–3 KB texts,"
                + " window 1 min, a statement selected; %d refreshes measured after %d warm-up; load average %.1f on %d"
                + " cores%n", STATEMENTS, MEASURED, WARMUP, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (Workload w : Workload.values()) {
            run(w);
        }
        System.out.println();
    }

    private void run(Workload workload) throws Exception {
        Map<Long, QueryText> texts = texts();
        FxTime fx = new FxTime();
        UiExecutor ui = task -> Platform.runLater(() -> fx.run(task));
        try (SyntheticQueries data = new SyntheticQueries(ui, texts, id -> Optional.of(texts.get(id).text()))) {
            QueriesViewModel vm = data.viewModel();
            AtomicReference<Stage> stage = new AtomicReference<>();
            onFx(() -> {
                Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
                QueriesView view = new QueriesView(vm, new ThemeManager(AppTheme.DARK).themeProperty());
                Scene scene = new Scene(new StackPane(view.root()), 1600, 1000);
                scene.getStylesheets().add(ThemeManager.appStylesheet());
                scene.addPreLayoutPulseListener(fx::pulseStarts);
                scene.addPostLayoutPulseListener(fx::pulseLaidOut);
                stage.set(new Stage());
                stage.get().setScene(scene);
                stage.get().show();
            });
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> layout = new ArrayList<>();
            List<Double> latency = new ArrayList<>();
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                Snapshot snapshot = data.poll(deltas(workload, i));
                onFx(fx::reset);
                long t0 = System.nanoTime();
                onFx(() -> fx.run(() -> vm.onSnapshot(snapshot)));
                waitForApplied(vm, snapshot.sequence());
                waitForPulse(fx);
                latency.add((System.nanoTime() - t0) / 1e6);
                if (i == WARMUP / 2) {
                    onFx(() -> vm.select(SyntheticStatements.key(3)));
                    waitForPulse(fx);
                }
                if (i >= WARMUP) {
                    wall.add(fx.wall);
                    cpu.add(fx.cpu);
                    layout.add(fx.pulseWallSum);
                }
            }
            onFx(() -> stage.get().close());
            Collections.sort(wall);
            Collections.sort(cpu);
            Collections.sort(layout);
            List<Double> measuredLatency = new ArrayList<>(latency.subList(WARMUP, latency.size()));
            Collections.sort(measuredLatency);
            System.out.printf(Locale.ROOT, "%-8s FX thread per refresh, wall: median %5.2f ms (CSS and layout %4.2f),"
                    + " p95 %6.2f ms, max %6.2f ms | CPU: median %5.2f ms, p95 %5.2f ms"
                    + " | poll to screen (background included) median %5.0f ms%n",
                    workload.name().toLowerCase(Locale.ROOT), percentile(wall, 50), percentile(layout, 50),
                    percentile(wall, 95), wall.get(wall.size() - 1), percentile(cpu, 50), percentile(cpu, 95),
                    percentile(measuredLatency, 50));
        }
    }

    /** Waits until a pulse has laid out what the FX thread changed so far. */
    private static void waitForPulse(FxTime fx) throws InterruptedException {
        int before = fx.pulses;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx.pulses == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no pulse within 10 s");
            }
            CountDownLatch tick = new CountDownLatch(1);
            Platform.runLater(() -> {
                Platform.requestNextPulse();
                tick.countDown();
            });
            tick.await(1, TimeUnit.SECONDS);
        }
    }

    /**
     * Every statement runs in every poll, so every row changes on every refresh; one in twenty is a
     * single-row lookup by key. Steady: heavy-tailed weights that move by up to 5 % per poll.
     * Shuffled: call counts that jump, so the whole ranking changes each time.
     */
    private static List<StatementDelta> deltas(Workload workload, int poll) {
        List<StatementDelta> out = new ArrayList<>(STATEMENTS);
        for (int i = 1; i <= STATEMENTS; i++) {
            long calls = workload == Workload.SHUFFLED ? 1 + (i * 7L + poll * 13L) % 50
                    : Math.max(1, Math.round(2000 / Math.pow(i, 0.8) * (0.95 + ((i * 31L + poll * 17L) % 11) / 100.0)));
            long rows = i % 20 == 0 ? calls : calls * (1 + i % 30);
            out.add(SyntheticStatements.delta(SyntheticStatements.key(i), SyntheticQueries.INTERVAL_SECONDS, calls,
                    calls * (0.05 + (i % 97) * 0.3), rows));
        }
        return out;
    }

    private static Map<Long, QueryText> texts() {
        Map<Long, QueryText> texts = new HashMap<>();
        StringBuilder pad = new StringBuilder();
        for (int i = 1; i <= STATEMENTS; i++) {
            pad.setLength(0);
            int columns = 40 + i % 120;
            for (int c = 0; c < columns; c++) {
                pad.append(c == 0 ? "" : ", ").append("t").append(i % 50).append(".column_").append(c);
            }
            String sql = i % 20 == 0
                    ? "SELECT " + pad + " FROM table_" + i + " t" + (i % 50) + " WHERE t" + (i % 50) + ".id = $1"
                    : "SELECT " + pad + " FROM table_" + i + " t" + (i % 50) + " JOIN other_" + i
                            + " o ON o.id = t" + (i % 50) + ".other_id WHERE o.kind = $1 AND t" + (i % 50)
                            + ".created_at > $2 ORDER BY 1 LIMIT $3";
            texts.put((long) i, new QueryText(i, sql, sql.length()));
        }
        return texts;
    }

    private static void waitForApplied(QueriesViewModel vm, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (vm.appliedSequence() < sequence) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("refresh " + sequence + " was not applied within 30 s");
            }
            CountDownLatch tick = new CountDownLatch(1);
            Platform.runLater(tick::countDown);
            tick.await(1, TimeUnit.SECONDS);
        }
    }

    private static void startToolkit() throws InterruptedException {
        // Monocle's headless screen must hold the window; it is read when the toolkit starts.
        System.setProperty("headless.geometry", "1600x1000-32");
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await(30, TimeUnit.SECONDS);
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("FX task did not finish within 30 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
