package io.pgpulse.app.demo;

import java.util.Objects;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import io.pgpulse.demo.Scenario;
import io.pgpulse.demo.ScenarioState;
import io.pgpulse.demo.ScenarioStats;

/**
 * One scenario's card: its switch, what it reproduces, where in PgPulse the incident shows, and
 * what the workload reports about it. Written only by {@link DemoViewModel}, on the UI thread.
 *
 * <p>{@link #switchedOnProperty()} is the switch the user flips; flipping it asks the workload to
 * follow. When the workload changes on its own (Stop all, a failed start) the switch is moved back
 * to the truth without that counting as a new request.
 */
public final class ScenarioViewModel {
    private final Scenario scenario;
    private final BooleanProperty switchedOn = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<ScenarioState> state = new ReadOnlyObjectWrapper<>(ScenarioState.OFF);
    private final ReadOnlyBooleanWrapper requestPending = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper queries = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper errors = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actionError = new ReadOnlyStringWrapper("");
    private boolean syncing;

    ScenarioViewModel(Scenario scenario, Consumer<Boolean> onUserSwitch) {
        this.scenario = Objects.requireNonNull(scenario);
        busy.bind(requestPending.or(state.isEqualTo(ScenarioState.STOPPING)));
        switchedOn.addListener((obs, was, now) -> {
            if (!syncing) {
                onUserSwitch.accept(now);
            }
        });
    }

    public Scenario scenario() {
        return scenario;
    }

    public String name() {
        return scenario.displayName();
    }

    /** One sentence: the production incident this switch reproduces. */
    public String purpose() {
        return scenario.purpose();
    }

    /** Where in PgPulse the incident becomes visible, so the user knows what to watch. */
    public String whereToLook() {
        return whereToLook(scenario);
    }

    static String whereToLook(Scenario scenario) {
        return switch (scenario) {
            case BASELINE -> "Overview: a handful of active connections and plenty of headroom;"
                    + " this is the healthy normal the incidents are measured against.";
            case CONNECTION_STORM -> "Watch the Overview: headroom collapses, churn climbs.";
            case N_PLUS_ONE -> "Queries: the N+1 badge appears within a few refreshes.";
            case SLOW_QUERY -> "Queries: it ranks first by share of time; Explain it.";
            case MIGRATION_STALL -> "Activity & locks: the blocking tree and the migration-stall callout.";
            case BALANCE_RACE -> "Right here: the lost-updates counter below. Pick a fix and watch it stop rising.";
        };
    }

    /** The switch; the user's flips are requests, the view-model's own corrections are not. */
    public BooleanProperty switchedOnProperty() {
        return switchedOn;
    }

    public ReadOnlyObjectProperty<ScenarioState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** A switch-on or switch-off is under way: the switch waits for it. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Statements the scenario completed since the demo started (kept across on/off). */
    public ReadOnlyLongProperty queriesProperty() {
        return queries.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /** What the scenario is doing right now, in one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last error the simulated application saw; empty when there was none. */
    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    /** Why the last switch request failed; empty when it did not. */
    public ReadOnlyStringProperty actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    void requestStarted() {
        actionError.set("");
        requestPending.set(true);
    }

    /** The switch follows the workload again from the next {@link #apply}, which the caller does next. */
    void requestFinished(String error) {
        requestPending.set(false);
        actionError.set(error == null ? "" : error);
    }

    void apply(ScenarioStats stats) {
        state.set(stats.state());
        queries.set(stats.queries());
        errors.set(stats.errors());
        status.set(stats.status());
        lastError.set(stats.lastError().orElse(""));
        syncSwitch();
    }

    /**
     * While a request is in flight the switch shows what the user asked for; otherwise it shows
     * the workload's state, so a refresh that races a request never flips the switch back.
     */
    private void syncSwitch() {
        if (requestPending.get()) {
            return;
        }
        boolean on = state.get() == ScenarioState.RUNNING;
        if (switchedOn.get() != on) {
            syncing = true;
            try {
                switchedOn.set(on);
            } finally {
                syncing = false;
            }
        }
    }
}
