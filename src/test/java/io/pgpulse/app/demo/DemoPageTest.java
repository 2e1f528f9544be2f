package io.pgpulse.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.RaceFix;
import io.pgpulse.demo.Scenario;
import io.pgpulse.demo.Workload;

import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Demo panel, headless, against a real demo database shared by the class. Clicks go to each
 * switch's {@code .thumb-area}: ControlsFX's ToggleSwitch ignores clicks elsewhere.
 */
@ExtendWith(ApplicationExtension.class)
class DemoPageTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static DemoEnvironment demo;
    private AppContext context;
    private DemoPage page;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoEnvironment.start();
        quiet(demo.workload());
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Start
    void show(Stage stage) {
        ThemeManager themes = new ThemeManager(AppTheme.DARK);
        themes.applyUserAgentStylesheet();
        context = new AppContext(new FxUiExecutor(), themes);
        page = new DemoPage(new DemoViewModel(demo, context));
        Scene scene = new Scene((Parent) page.view(), 1200, 780);
        scene.getStylesheets().add(ThemeManager.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void quietAgain() throws Exception {
        quiet(demo.workload());
        context.close();
    }

    private static void quiet(Workload workload) throws Exception {
        for (Scenario s : Scenario.values()) {
            workload.disable(s).get();
        }
        workload.raceFix(RaceFix.NONE);
    }

    @Test
    void togglingNPlusOneOnShowsRunningAndItsQueryCountRises(FxRobot robot) {
        assertThat(state(robot, Scenario.N_PLUS_ONE)).isEqualTo("OFF");
        long before = number(label(robot, Scenario.N_PLUS_ONE, ".demo-queries"));

        flip(robot, Scenario.N_PLUS_ONE);

        await().atMost(PATIENCE).until(() -> state(robot, Scenario.N_PLUS_ONE).equals("RUNNING"));
        long running = number(label(robot, Scenario.N_PLUS_ONE, ".demo-queries"));
        await().atMost(PATIENCE).until(() -> number(label(robot, Scenario.N_PLUS_ONE, ".demo-queries")) > running + 51);
        assertThat(number(label(robot, Scenario.N_PLUS_ONE, ".demo-queries"))).isGreaterThan(before);
        assertThat(toggle(robot, Scenario.N_PLUS_ONE).isSelected()).isTrue();
        assertThat(demo.workload().isEnabled(Scenario.N_PLUS_ONE)).isTrue();
    }

    @Test
    void togglingItOffShowsABusySwitchThenReturnsToOff(FxRobot robot) {
        flip(robot, Scenario.N_PLUS_ONE);
        await().atMost(PATIENCE).until(() -> state(robot, Scenario.N_PLUS_ONE).equals("RUNNING")
                && !toggle(robot, Scenario.N_PLUS_ONE).isDisabled());
        AtomicBoolean wasBusy = new AtomicBoolean();
        ToggleSwitch toggle = toggle(robot, Scenario.N_PLUS_ONE);
        robot.interact(() -> toggle.disabledProperty().addListener((obs, old, now) -> wasBusy.compareAndSet(false, now)));

        flip(robot, Scenario.N_PLUS_ONE);

        await().atMost(PATIENCE).until(() -> state(robot, Scenario.N_PLUS_ONE).equals("OFF") && !toggle.isDisabled());
        assertThat(wasBusy).as("the switch waits while the scenario stops").isTrue();
        assertThat(toggle.isSelected()).isFalse();
        assertThat(demo.workload().isEnabled(Scenario.N_PLUS_ONE)).isFalse();
    }

    @Test
    void clickingAScenariosNameFlipsItsSwitchToo(FxRobot robot) {
        Node name = robot.lookup("#demo-SLOW_QUERY .demo-card-title").query();
        reveal(robot, name);

        robot.clickOn(name);

        await().atMost(PATIENCE).until(() -> state(robot, Scenario.SLOW_QUERY).equals("RUNNING"));
        assertThat(toggle(robot, Scenario.SLOW_QUERY).isSelected()).isTrue();
    }

    @Test
    void theRacesLostUpdatesCounterRisesAtReadCommitted(FxRobot robot) {
        Label counter = robot.lookup("#demo-BALANCE_RACE .demo-lost-updates").queryAs(Label.class);
        long before = number(counter);

        flip(robot, Scenario.BALANCE_RACE);

        await().atMost(PATIENCE).until(() -> number(counter) > before);
        assertThat(demo.workload().raceFix()).isEqualTo(RaceFix.NONE);
        await().atMost(PATIENCE).until(() -> label(robot, Scenario.BALANCE_RACE, ".demo-trend").getText().startsWith("Rising"));
    }

    @Test
    void choosingAFixReachesTheWorkloadAndSaysWhyItWorks(FxRobot robot) {
        Node forUpdate = robot.lookup("#race-fix-SELECT_FOR_UPDATE").query();
        reveal(robot, forUpdate);

        robot.clickOn(forUpdate);

        await().atMost(PATIENCE).until(() -> demo.workload().raceFix() == RaceFix.SELECT_FOR_UPDATE);
        assertThat(label(robot, Scenario.BALANCE_RACE, ".demo-fix-why").getText()).contains("locks the account row");
    }

    @Test
    void stopAllTurnsEverySwitchOff(FxRobot robot) {
        flip(robot, Scenario.BASELINE);
        flip(robot, Scenario.SLOW_QUERY);
        await().atMost(PATIENCE).until(() -> state(robot, Scenario.BASELINE).equals("RUNNING")
                && state(robot, Scenario.SLOW_QUERY).equals("RUNNING"));

        Node stopAll = robot.lookup(".demo-stop-all").query();
        reveal(robot, stopAll);
        robot.clickOn(stopAll);

        await().atMost(PATIENCE).until(() -> List.of(Scenario.values()).stream()
                .allMatch(s -> state(robot, s).equals("OFF") && !toggle(robot, s).isSelected()));
        await().atMost(PATIENCE).until(stopAll::isDisabled);
        assertThat(demo.workload().enabledScenarios()).isEmpty();
    }

    @Test
    void theHeaderSaysWhereTheDemoDatabaseRunsAndThatItIsThrownAway(FxRobot robot) {
        Label header = robot.lookup(".demo-header").queryAs(Label.class);

        assertThat(header.getText()).contains("port " + demo.port()).contains("everything is removed");
    }

    private void flip(FxRobot robot, Scenario scenario) {
        Node thumb = robot.lookup("#demo-" + scenario.name() + " .thumb-area").query();
        reveal(robot, thumb);
        robot.clickOn(thumb);
    }

    /** Scrolls the page so the node is on screen; the headless screen is smaller than the panel. */
    private void reveal(FxRobot robot, Node node) {
        robot.interact(() -> {
            ScrollPane scroll = (ScrollPane) page.view();
            Node content = scroll.getContent();
            double hidden = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            if (hidden <= 0) {
                return;
            }
            Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double target = inContent.getMinY() - scroll.getViewportBounds().getHeight() / 3;
            scroll.setVvalue(Math.max(0, Math.min(1, target / hidden)));
        });
    }

    private static String state(FxRobot robot, Scenario scenario) {
        return label(robot, scenario, ".demo-state").getText();
    }

    private static Label label(FxRobot robot, Scenario scenario, String styleClass) {
        return robot.lookup("#demo-" + scenario.name() + " " + styleClass).queryAs(Label.class);
    }

    private static ToggleSwitch toggle(FxRobot robot, Scenario scenario) {
        return robot.lookup("#demo-" + scenario.name() + " .demo-switch").queryAs(ToggleSwitch.class);
    }

    private static long number(Label label) {
        String digits = label.getText().replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
