package io.pgpulse.core.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * When an alert is raised, escalated and cleared.
 *
 * <p>An alert is raised once its value has stayed at or above {@code warning} for {@code sustain}
 * (zero: at once), at critical severity if the value is also at or above {@code critical}. While
 * raised it escalates to critical as soon as the value reaches {@code critical}, and it clears only
 * when the value drops below {@code clear}. The gap between {@code clear} and {@code warning} is the
 * hysteresis that keeps a value hovering at the threshold from raising an alert on every poll.
 *
 * @param warning  threshold in {@link AlertKind#unit()}
 * @param critical threshold in the same unit, at least {@code warning}
 * @param clear    the value must fall below this to clear; at most {@code warning}
 * @param sustain  how long the value must stay at or above {@code warning} before the alert is raised;
 *                 short lock waits are normal, a lock wait that lasts is not
 */
public record AlertRule(AlertKind kind, double warning, double critical, double clear, Duration sustain) {

    public AlertRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sustain, "sustain");
        String problem = problem(kind, warning, critical, clear, sustain);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why these values cannot make a rule, in words for a form; null when they can. */
    public static String problem(AlertKind kind, double warning, double critical, double clear, Duration sustain) {
        if (!Double.isFinite(warning) || !Double.isFinite(critical) || !Double.isFinite(clear)) {
            return "Thresholds must be numbers.";
        }
        if (warning < 0 || critical < 0 || clear < 0) {
            return "Thresholds cannot be negative.";
        }
        if (warning == 0) {
            return "A warning threshold of 0 would raise the alert all the time; use at least 1.";
        }
        if (critical < warning) {
            return "The critical threshold must be at least the warning threshold.";
        }
        if (clear > warning) {
            return "The clear threshold must not be above the warning threshold, or the alert would clear while still over it.";
        }
        if (kind == AlertKind.CONNECTIONS_USED && critical > 100) {
            return "Connections in use are a percentage of the usable slots: at most 100.";
        }
        if (sustain.isNegative() || sustain.compareTo(Duration.ofHours(1)) > 0) {
            return "The duration must be between 0 s and 1 h.";
        }
        return null;
    }

    /** Whether a raised alert with this value should clear. */
    public boolean clears(double value) {
        return value < clear;
    }

    public AlertRule withThresholds(double warning, double critical, double clear, Duration sustain) {
        return new AlertRule(kind, warning, critical, clear, sustain);
    }
}
