package io.pgpulse.demo;

/**
 * Hears what the workload does. Called on the workload's own event thread, one call at a time and in
 * order; a UI must hop to its own thread before touching anything visible.
 */
public interface WorkloadListener {
    void stateChanged(Scenario scenario, ScenarioState state);

    /** A scenario reached a new phase, e.g. the migration stall resolving after its blocker ended. */
    default void statusChanged(Scenario scenario, String status) {
    }
}
