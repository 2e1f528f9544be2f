package io.pgpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import atlantafx.base.theme.PrimerDark;

import io.pgpulse.app.activity.ActivityPage;
import io.pgpulse.app.activity.ActivityViewModel;
import io.pgpulse.app.activity.RecordedActivity;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.activity.SignalPolicy;
import io.pgpulse.core.sampling.Snapshot;

/**
 * What one refresh of the activity page costs the FX thread at 300 and 10,000 sessions: the
 * view-model update, the table re-sort, and the CSS and layout pass, as wall time and as the FX
 * thread's CPU time (which other processes on the machine do not inflate). Prints figures;
 * asserts nothing about time. Run: {@code mvn -B verify -Pbench -Dtest=ActivityBenchmark}.
 */
@Tag("benchmark")
class ActivityBenchmark {
    private static final int WARMUP = 10;
    private static final int MEASURED = 60;

    private static Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()))
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void refreshCostAtThreeHundredAndTenThousandSessions() throws Exception {
        System.out.println();
        System.out.println("Activity page, FX thread per refresh (" + MEASURED + " refreshes after " + WARMUP
                + " warm-up)");
        System.out.println("sessions |      | median ms | p95 ms | max ms");
        System.out.println("---------|------|-----------|--------|-------");
        for (int sessions : new int[] {300, 10_000}) {
            measure(sessions);
        }
    }

    private static void measure(int sessions) throws Exception {
        RecordedActivity recorded = new RecordedActivity(sessions);
        try (Background background = new Background(new FxUiExecutor())) {
            ActivityViewModel vm = new ActivityViewModel(new SignalPolicy("postgres", true, true),
                    (signal, targets) -> List.of(), null, background, () -> { }, ZoneOffset.UTC);
            Parent root = WaitForAsyncUtils.asyncFx(() -> {
                ActivityPage page = new ActivityPage(vm);
                Scene scene = new Scene(new StackPane(page.view()), 1260, 780);
                scene.getStylesheets().add(ThemeManager.appStylesheet());
                stage.setScene(scene);
                stage.show();
                return scene.getRoot();
            }).get(30, TimeUnit.SECONDS);
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                Snapshot s = i == 0 ? recorded.snapshot() : recorded.next();
                double[] t = WaitForAsyncUtils.asyncFx(() -> refresh(vm, root, s)).get(60, TimeUnit.SECONDS);
                if (i >= WARMUP) {
                    wall.add(t[0]);
                    cpu.add(t[1]);
                }
            }
            row(sessions, "wall", wall);
            row(sessions, "CPU", cpu);
        }
    }

    private static double[] refresh(ActivityViewModel vm, Parent root, Snapshot snapshot) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        vm.apply(snapshot);
        root.applyCss();
        root.layout();
        return new double[] {(System.nanoTime() - t0) / 1e6, (threads.getCurrentThreadCpuTime() - c0) / 1e6};
    }

    private static void row(int sessions, String kind, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        double max = sorted.get(sorted.size() - 1);
        System.out.printf(Locale.ROOT, "%8s | %-4s | %9.1f | %6.1f | %6.1f%n", String.format(Locale.ROOT, "%,d", sessions),
                kind, median, p95, max);
    }
}
