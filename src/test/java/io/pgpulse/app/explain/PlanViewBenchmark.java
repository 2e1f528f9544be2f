package io.pgpulse.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.bench.PlanBenchmark;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.explain.PlanNode;

/**
 * Issue 9's "the tree view stays responsive" with a 10,000-node plan: FX-thread time to show a
 * pasted plan (tree items, insight cards, one layout pass) and to jump to a step deep in the tree,
 * medians over repeated runs. Run: {@code mvn -B verify -Pbench -Dtest=PlanViewBenchmark}.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class PlanViewBenchmark {
    private static final int RUNS = 15;
    private static final int WARMUP = 3;

    private StackPane root;
    private ExplainViewModel vm;
    private MonitorConnection monitor;
    private final List<Long> fxNanos = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
        monitor = ExplainFixture.monitor(ExplainFixture.newest());
        // Every UI-thread delivery is timed, including a layout pass, as the next pulse would do it.
        Background background = new Background(task -> Platform.runLater(() -> {
            long t0 = System.nanoTime();
            task.run();
            root.applyCss();
            root.layout();
            fxNanos.add(System.nanoTime() - t0);
        }));
        vm = new ExplainViewModel(monitor::borrow, background);
        root = new StackPane(new ExplainPage(vm).view());
        Scene scene = new Scene(root, 1260, 780);
        scene.getStylesheets().add(ThemeManager.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showingAndNavigatingATenThousandNodePlan(FxRobot robot) {
        String json = PlanBenchmark.plan(10_000);
        List<Double> show = new ArrayList<>();
        List<Double> jump = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            fxNanos.clear();
            robot.interact(() -> vm.openPlan(json, "the benchmark"));
            await().atMost(Duration.ofSeconds(60)).until(() -> vm.resultProperty().get() != null && !vm.runningProperty().get());
            robot.interact(() -> { });
            double ms = fxNanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
            TreeTableView<PlanNode> tree = robot.lookup(".plan-tree").queryAs(TreeTableView.class);
            assertThat(tree.getExpandedItemCount()).isEqualTo(10_000);
            AtomicLong jumpNanos = new AtomicLong();
            PlanNode deep = vm.resultProperty().get().plan().node(9_000 - i);
            robot.interact(() -> {
                long t0 = System.nanoTime();
                vm.selectedNodeProperty().set(deep);
                root.applyCss();
                root.layout();
                jumpNanos.set(System.nanoTime() - t0);
            });
            assertThat(tree.getSelectionModel().getSelectedItem().getValue()).isSameAs(deep);
            if (i >= WARMUP) {
                show.add(ms);
                jump.add(jumpNanos.get() / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "PlanViewBenchmark 10,000 nodes: longest FX-thread task to show a pasted plan"
                + " median %.1f ms (max %.1f); select a step 9,000 rows down median %.1f ms (max %.1f)%n",
                median(show), Collections.max(show), median(jump), Collections.max(jump));
        monitor.close();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
