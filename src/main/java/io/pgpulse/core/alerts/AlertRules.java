package io.pgpulse.core.alerts;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** One rule per {@link AlertKind}, immutable. */
public final class AlertRules {
    private final Map<AlertKind, AlertRule> rules;

    private AlertRules(Map<AlertKind, AlertRule> rules) {
        for (AlertKind kind : AlertKind.values()) {
            if (!rules.containsKey(kind)) {
                throw new IllegalArgumentException("no rule for " + kind);
            }
        }
        this.rules = Collections.unmodifiableMap(new EnumMap<>(rules));
    }

    /**
     * Defaults an on-call engineer would page on: connections at 80 % / 95 % of the usable slots
     * (clear below 75 %); a session idle in transaction for 1 min / 5 min; a transaction open for
     * 5 min / 30 min; one session blocked for more than 10 s, or 10 blocked sessions.
     */
    public static AlertRules defaults() {
        Map<AlertKind, AlertRule> map = new EnumMap<>(AlertKind.class);
        map.put(AlertKind.CONNECTIONS_USED, new AlertRule(AlertKind.CONNECTIONS_USED, 80, 95, 75, Duration.ZERO));
        map.put(AlertKind.IDLE_IN_TRANSACTION, new AlertRule(AlertKind.IDLE_IN_TRANSACTION, 60, 300, 30, Duration.ZERO));
        map.put(AlertKind.LONGEST_TRANSACTION, new AlertRule(AlertKind.LONGEST_TRANSACTION, 300, 1800, 240, Duration.ZERO));
        map.put(AlertKind.BLOCKED_SESSIONS, new AlertRule(AlertKind.BLOCKED_SESSIONS, 1, 10, 1, Duration.ofSeconds(10)));
        return new AlertRules(map);
    }

    public AlertRule get(AlertKind kind) {
        return rules.get(kind);
    }

    public Collection<AlertRule> all() {
        return rules.values();
    }

    public AlertRules with(AlertRule rule) {
        Map<AlertKind, AlertRule> map = new EnumMap<>(rules);
        map.put(rule.kind(), rule);
        return new AlertRules(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertRules other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return rules.values().toString();
    }
}
