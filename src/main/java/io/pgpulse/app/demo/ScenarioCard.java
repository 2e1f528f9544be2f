package io.pgpulse.app.demo;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.controlsfx.control.ToggleSwitch;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.app.kit.Format;
import io.pgpulse.demo.ScenarioState;

/**
 * One scenario as a card, top to bottom in the order a newcomer needs it: the switch and its state,
 * what incident it reproduces, where to look for it, and what the simulated application is doing.
 * Tests find a card by the id {@code demo-<SCENARIO>} and its parts by style class.
 */
final class ScenarioCard {
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private ScenarioCard() {}

    /**
     * @param extra       scenario-specific evidence shown under the figures, or null
     * @param showStatus  false when {@code extra} already says what the scenario is doing
     */
    static VBox build(ScenarioViewModel item, Node extra, boolean showStatus) {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.getStyleClass().add("demo-switch");
        toggle.selectedProperty().bindBidirectional(item.switchedOnProperty());
        toggle.disableProperty().bind(item.busyProperty());
        toggle.setTooltip(new Tooltip("Switch " + item.name() + " on or off"));

        Label name = new Label(item.name());
        name.getStyleClass().add("demo-card-title");
        name.setLabelFor(toggle);
        name.setCursor(Cursor.HAND);
        // ToggleSwitch ignores clicks on its own label; a click on the name should do what people expect.
        name.setOnMouseClicked(e -> {
            if (!toggle.isDisabled()) {
                toggle.setSelected(!toggle.isSelected());
            }
        });

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("demo-busy");
        spinner.visibleProperty().bind(item.busyProperty());
        spinner.managedProperty().bind(item.busyProperty());

        Label state = new Label();
        state.getStyleClass().addAll("pill", "demo-state");
        state.textProperty().bind(Bindings.createStringBinding(
                () -> item.stateProperty().get().name(), item.stateProperty()));
        item.stateProperty().addListener((obs, old, now) -> tone(state, now));
        tone(state, item.stateProperty().get());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, toggle, name, spacer, spinner, state);
        top.setAlignment(Pos.CENTER_LEFT);

        Label purpose = wrapping(new Label(item.purpose()));
        purpose.getStyleClass().add("demo-purpose");

        Label lookTitle = new Label("Where to look", new FontIcon(Feather.EYE));
        lookTitle.getStyleClass().add("callout-title");
        Label look = wrapping(new Label(item.whereToLook()));
        look.getStyleClass().add("demo-look-text");
        VBox where = new VBox(2, lookTitle, look);
        where.getStyleClass().addAll("callout", "info", "demo-look");

        Label queries = new Label();
        queries.getStyleClass().add("demo-queries");
        queries.textProperty().bind(Bindings.createStringBinding(
                () -> Format.count(item.queriesProperty().get()) + " queries run", item.queriesProperty()));
        Label errors = new Label();
        errors.getStyleClass().add("demo-errors");
        errors.textProperty().bind(Bindings.createStringBinding(
                () -> plural(item.errorsProperty().get(), "error"), item.errorsProperty()));
        item.errorsProperty().addListener((obs, old, now) -> hasErrors(errors, now.longValue()));
        hasErrors(errors, item.errorsProperty().get());
        Label since = new Label("since the demo started");
        since.getStyleClass().add("muted");
        HBox figures = new HBox(14, queries, errors, since);
        figures.setAlignment(Pos.BASELINE_LEFT);

        Label status = wrapping(new Label());
        status.getStyleClass().addAll("muted", "demo-status");
        status.textProperty().bind(Bindings.concat("Now: ", item.statusProperty()));
        status.setVisible(showStatus);
        status.setManaged(showStatus);

        Label lastError = wrapping(new Label());
        lastError.getStyleClass().add("demo-last-error");
        lastError.textProperty().bind(Bindings.concat("Last error the app saw: ", item.lastErrorProperty()));
        showWhenNotEmpty(lastError, item.lastErrorProperty().isNotEmpty());

        Label actionError = wrapping(new Label());
        actionError.getStyleClass().addAll("callout", "critical", "demo-action-error");
        actionError.textProperty().bind(item.actionErrorProperty());
        showWhenNotEmpty(actionError, item.actionErrorProperty().isNotEmpty());

        // A refused switch is explained right under it, where the user is looking.
        VBox card = new VBox(top, actionError, purpose, where, figures, status, lastError);
        if (extra != null) {
            card.getChildren().add(extra);
        }
        card.getStyleClass().addAll("card", "demo-card");
        card.setId("demo-" + item.scenario().name());
        card.setMaxHeight(Double.MAX_VALUE);
        item.stateProperty().addListener((obs, old, now) -> card.pseudoClassStateChanged(RUNNING, now == ScenarioState.RUNNING));
        card.pseudoClassStateChanged(RUNNING, item.stateProperty().get() == ScenarioState.RUNNING);
        return card;
    }

    private static void tone(Label state, ScenarioState now) {
        state.getStyleClass().removeAll("demo-state-running", "demo-state-stopping", "demo-state-off");
        state.getStyleClass().add("demo-state-" + now.name().toLowerCase(Locale.ROOT));
    }

    private static void hasErrors(Label errors, long count) {
        errors.getStyleClass().remove("demo-has-errors");
        if (count > 0) {
            errors.getStyleClass().add("demo-has-errors");
        }
    }

    static Label wrapping(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    static void showWhenNotEmpty(Node node, BooleanBinding notEmpty) {
        node.visibleProperty().bind(notEmpty);
        node.managedProperty().bind(notEmpty);
    }

    private static String plural(long n, String noun) {
        return Format.count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
