package io.pgpulse.app.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.app.kit.Page;
import io.pgpulse.app.theme.ThemeManager;

/**
 * The main window: navigation on the left, the selected page in the middle, the status bar at the
 * bottom. Pages are built once and kept, so switching is instant and keeps their state.
 */
public final class MainWindow {
    private static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final List<Page> pages;
    private final StatusViewModel status;
    private final Timeline clock;

    public MainWindow(List<Page> pages, StatusViewModel status, ThemeManager themes, Runnable onDisconnect) {
        this.pages = pages;
        this.status = status;
        root.setLeft(sidebar(themes, onDisconnect));
        root.setCenter(content);
        root.setBottom(statusBar());
        select(0);
        clock = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> status.tick(Instant.now())));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
    }

    public Parent root() {
        return root;
    }

    public void stop() {
        clock.stop();
    }

    /** Ctrl/Cmd+1… pages, Ctrl+P pause/resume, Ctrl+Shift+T theme. */
    public void installShortcuts(javafx.scene.Scene scene, ThemeManager themes) {
        for (int i = 0; i < pages.size() && i < 9; i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> select(index));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                () -> status.pausedProperty().set(!status.pausedProperty().get()));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                themes::toggle);
    }

    public void select(int index) {
        if (index < 0 || index >= pages.size()) {
            return;
        }
        navigation.getToggles().get(index).setSelected(true);
        content.getChildren().setAll(pages.get(index).view());
    }

    public int pageIndex(String title) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).title().equals(title)) {
                return i;
            }
        }
        return -1;
    }

    private Node sidebar(ThemeManager themes, Runnable onDisconnect) {
        VBox bar = new VBox();
        bar.getStyleClass().add("sidebar");
        Label brand = new Label("PgPulse", new FontIcon(Feather.ACTIVITY));
        brand.getStyleClass().add("brand");
        bar.getChildren().add(brand);
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            ToggleButton b = new ToggleButton(p.title(), new FontIcon(p.icon()));
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(navigation);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setTooltip(new Tooltip(p.title() + " (Ctrl+" + (i + 1) + ")"));
            int index = i;
            b.setOnAction(e -> select(index));
            bar.getChildren().add(b);
        }
        navigation.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button("Light / dark", new FontIcon(Feather.SUN));
        theme.getStyleClass().add("flat");
        theme.setTooltip(new Tooltip("Switch theme (Ctrl+Shift+T)"));
        theme.setOnAction(e -> themes.toggle());
        Button disconnect = new Button("Disconnect", new FontIcon(Feather.LOG_OUT));
        disconnect.getStyleClass().add("flat");
        disconnect.setOnAction(e -> onDisconnect.run());
        bar.getChildren().addAll(spacer, theme, disconnect);
        return bar;
    }

    private Node statusBar() {
        Label dot = new Label("●");
        dot.getStyleClass().add("status-dot");
        Label state = new Label();
        state.textProperty().bind(status.stateProperty());
        status.toneProperty().addListener((obs, old, now) -> applyTone(dot, state, now));
        applyTone(dot, state, status.toneProperty().get());
        Label server = new Label();
        server.textProperty().bind(status.serverProperty());
        Label version = new Label();
        version.textProperty().bind(status.versionProperty());
        Label latency = new Label();
        latency.textProperty().bind(status.latencyProperty());

        ComboBox<Duration> interval = new ComboBox<>();
        interval.getItems().setAll(INTERVALS);
        interval.valueProperty().bindBidirectional(status.intervalProperty());
        interval.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : "every " + d.toSeconds() + " s";
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        interval.setTooltip(new Tooltip("Refresh interval"));
        ToggleButton pause = new ToggleButton("Pause", new FontIcon(Feather.PAUSE));
        pause.selectedProperty().bindBidirectional(status.pausedProperty());
        pause.setTooltip(new Tooltip("Pause or resume polling (Ctrl+P)"));
        pause.selectedProperty().addListener((obs, old, now) -> pause.setText(now ? "Resume" : "Pause"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(new HBox(4, dot, state), spacer, server, version, latency, interval, pause);
        bar.setAlignment(Pos.CENTER_LEFT);
        ((HBox) bar.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static void applyTone(Label dot, Label text, StatusViewModel.Tone tone) {
        for (Label l : List.of(dot, text)) {
            l.getStyleClass().removeAll("status-connected", "status-reconnecting", "status-stale", "status-paused");
            l.getStyleClass().add(switch (tone) {
                case CONNECTED -> "status-connected";
                case RECONNECTING -> "status-reconnecting";
                case STALE -> "status-stale";
                case PAUSED -> "status-paused";
            });
        }
    }
}
