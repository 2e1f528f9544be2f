package io.pgpulse.core.alerts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.pgpulse.core.analysis.Severity;

/**
 * A change in an alert's state: what happened, when, how bad, and the figures behind it.
 *
 * @param severity the alert's severity after the change; for {@link Type#CLEARED} the severity it had
 * @param value    the measured value in {@link AlertKind#unit()}
 * @param evidence the figures behind the summary, keys with units as in findings
 */
public record AlertEvent(AlertKind kind, Type type, Severity severity, Instant at, double value, String summary,
        Map<String, Object> evidence) {

    public enum Type {
        RAISED, ESCALATED, CLEARED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public AlertEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(summary, "summary");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
