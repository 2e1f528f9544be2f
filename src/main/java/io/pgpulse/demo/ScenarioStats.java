package io.pgpulse.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * What one scenario has done since the workload started (counters add up across on/off cycles).
 *
 * @param queries   statements the scenario completed
 * @param errors    statements or connection attempts that failed (timeouts included: in an incident
 *                  they are what the users see)
 * @param lastError the most recent failure's server message, if any
 * @param status    one line on what the scenario is doing right now, for the Demo panel
 */
public record ScenarioStats(Scenario scenario, ScenarioState state, long queries, long errors,
                            Optional<String> lastError, String status) {
    public ScenarioStats {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(status, "status");
    }
}
