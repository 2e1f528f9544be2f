package io.pgpulse.app.demo;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.app.kit.Format;
import io.pgpulse.app.kit.Page;
import io.pgpulse.demo.RaceFix;
import io.pgpulse.demo.Scenario;

/**
 * The Demo panel: every production incident the demo can reproduce, one switch away, with the
 * place in PgPulse where it shows. Figures refresh every second while the page is on screen.
 */
public final class DemoPage implements Page {
    private static final Duration REFRESH = Duration.seconds(1);
    private static final int COLUMNS = 2;

    private final DemoViewModel model;
    private final ScrollPane view;
    private final Timeline ticker;

    public DemoPage(DemoViewModel model) {
        this.model = model;
        this.view = new ScrollPane(content());
        view.setFitToWidth(true);
        view.getStyleClass().add("demo-scroll");
        ticker = new Timeline(new KeyFrame(REFRESH, e -> model.refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        // Refresh only while the page is on screen: the shell swaps pages in and out of the scene.
        view.sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                ticker.stop();
            } else {
                model.refresh();
                ticker.play();
            }
        });
    }

    @Override
    public String title() {
        return "Demo";
    }

    @Override
    public Ikon icon() {
        return Feather.PLAY_CIRCLE;
    }

    @Override
    public Node view() {
        return view;
    }

    private Node content() {
        Label title = new Label("Demo");
        title.getStyleClass().add("page-title");
        Label intro = ScenarioCard.wrapping(new Label("Each switch reproduces one production incident on the demo"
                + " database. Switch one on, then look where its card says."));
        intro.getStyleClass().add("demo-intro");
        VBox heading = new VBox(4, title, intro);
        HBox.setHgrow(heading, Priority.ALWAYS);

        Button stopAll = new Button("Stop all scenarios", new FontIcon(Feather.SQUARE));
        stopAll.getStyleClass().addAll("demo-stop-all", Styles.DANGER, Styles.BUTTON_OUTLINED);
        stopAll.setTooltip(new Tooltip("Switch every scenario off, the baseline included; the database stays up"));
        stopAll.disableProperty().bind(model.stoppingAllProperty().or(model.anyOnProperty().not()));
        stopAll.textProperty().bind(Bindings.when(model.stoppingAllProperty())
                .then("Stopping all …").otherwise("Stop all scenarios"));
        stopAll.setOnAction(e -> model.stopAll());
        stopAll.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(16, heading, stopAll);
        top.setAlignment(Pos.TOP_LEFT);

        Label database = ScenarioCard.wrapping(new Label());
        database.getStyleClass().add("demo-header");
        database.setGraphic(new FontIcon(Feather.DATABASE));
        database.textProperty().bind(model.headerProperty());
        VBox databaseBox = new VBox(database);
        databaseBox.getStyleClass().addAll("callout", "info", "demo-database");

        Label stopAllError = ScenarioCard.wrapping(new Label());
        stopAllError.getStyleClass().addAll("callout", "critical", "demo-stop-all-error");
        stopAllError.textProperty().bind(model.stopAllErrorProperty());
        ScenarioCard.showWhenNotEmpty(stopAllError, model.stopAllErrorProperty().isNotEmpty());

        VBox page = new VBox(top, databaseBox, stopAllError, cards());
        page.getStyleClass().addAll("page", "demo-page");
        return page;
    }

    private GridPane cards() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("demo-grid");
        for (int c = 0; c < COLUMNS; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / COLUMNS);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        int i = 0;
        for (ScenarioViewModel item : model.scenarios()) {
            // The race's own status line names the guard only when an update is lost or retried, so
            // after a fix it would keep naming the old one; its section below shows the live truth.
            boolean race = item.scenario() == Scenario.BALANCE_RACE;
            grid.add(ScenarioCard.build(item, race ? raceSection() : null, !race), i % COLUMNS, i / COLUMNS);
            i++;
        }
        return grid;
    }

    /** The race's evidence (lost updates and whether they still grow) and the three ways to run it. */
    private Node raceSection() {
        Label count = new Label();
        count.getStyleClass().addAll("demo-lost-updates");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(model.lostUpdatesProperty().get()), model.lostUpdatesProperty()));
        Label caption = new Label("lost updates");
        caption.getStyleClass().add("demo-lost-caption");
        Label trend = ScenarioCard.wrapping(new Label());
        trend.getStyleClass().add("demo-trend");
        trend.textProperty().bind(model.lostUpdatesTrendProperty());
        model.lostUpdatesRisingProperty().addListener((obs, old, rising) -> risingTone(count, trend, rising));
        risingTone(count, trend, model.lostUpdatesRisingProperty().get());
        VBox words = new VBox(0, caption, trend);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox counter = new HBox(12, count, words);
        counter.setAlignment(Pos.CENTER_LEFT);

        Label guard = new Label("Guard the read-then-write with");
        guard.getStyleClass().add("form-label");
        ToggleGroup fixes = new ToggleGroup();
        HBox buttons = new HBox();
        buttons.getStyleClass().add("demo-fixes");
        RaceFix[] all = RaceFix.values();
        for (int i = 0; i < all.length; i++) {
            RaceFix fix = all[i];
            ToggleButton b = new ToggleButton(fixLabel(fix));
            b.setUserData(fix);
            b.setToggleGroup(fixes);
            b.setId("race-fix-" + fix.name());
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setTooltip(new Tooltip(fix.displayName()));
            b.setSelected(fix == model.raceFixProperty().get());
            buttons.getChildren().add(b);
        }
        fixes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A pill group always has one choice: clicking the chosen pill again keeps it.
                old.setSelected(true);
            } else {
                model.raceFixProperty().set((RaceFix) now.getUserData());
            }
        });
        model.raceFixProperty().addListener((obs, old, now) -> fixes.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));

        Label why = ScenarioCard.wrapping(new Label());
        why.getStyleClass().addAll("muted", "demo-fix-why");
        why.textProperty().bind(model.raceFixExplanationProperty());

        VBox box = new VBox(8, counter, guard, buttons, why);
        box.getStyleClass().add("demo-race");
        return box;
    }

    private static String fixLabel(RaceFix fix) {
        return switch (fix) {
            case NONE -> "No guard (bug)";
            case SELECT_FOR_UPDATE -> "SELECT … FOR UPDATE";
            case SERIALIZABLE -> "SERIALIZABLE";
        };
    }

    private static void risingTone(Label count, Label trend, boolean rising) {
        count.getStyleClass().removeAll("demo-rising", "demo-steady");
        trend.getStyleClass().removeAll("demo-rising", "demo-steady");
        count.getStyleClass().add(rising ? "demo-rising" : "demo-steady");
        trend.getStyleClass().add(rising ? "demo-rising" : "demo-steady");
    }
}
