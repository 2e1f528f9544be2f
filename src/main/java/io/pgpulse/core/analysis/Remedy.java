package io.pgpulse.core.analysis;

import java.util.Objects;

/**
 * What to do about a finding, split the way an incident splits: stop the damage, then make sure
 * it does not happen again.
 *
 * @param now      the action for the incident, with the exact SQL where there is one
 * @param nextTime the configuration or practice that prevents a repeat; null when there is none
 */
public record Remedy(String now, String nextTime) {
    public Remedy {
        Objects.requireNonNull(now, "now");
    }
}
