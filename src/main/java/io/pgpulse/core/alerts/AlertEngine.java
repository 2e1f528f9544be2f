package io.pgpulse.core.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.sampling.Snapshot;

/**
 * Turns snapshots into alert events under the current {@link AlertRules}, one alert per
 * {@link AlertKind}. An alert is raised once, may escalate once to critical, and stays raised —
 * at its highest severity — until its value falls below the clear threshold; only then can it be
 * raised again. A value hovering at a threshold therefore yields one event, never a storm.
 *
 * <p>Thread-safe; no I/O.
 */
public final class AlertEngine {

    private final Map<AlertKind, State> states = new EnumMap<>(AlertKind.class);
    private AlertRules rules;

    public AlertEngine(AlertRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        for (AlertKind kind : AlertKind.values()) {
            states.put(kind, new State());
        }
    }

    public AlertEngine() {
        this(AlertRules.defaults());
    }

    public synchronized AlertRules rules() {
        return rules;
    }

    /** New thresholds apply from the next snapshot; a raised alert stays raised until it clears under them. */
    public synchronized void setRules(AlertRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Evaluates every rule against one snapshot.
     *
     * @param now when the evaluation happens; event times and {@link AlertRule#sustain()} are measured with it
     * @return the events this snapshot caused, most severe first; empty when nothing changed
     */
    public synchronized List<AlertEvent> evaluate(Snapshot snapshot, Instant now) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(now, "now");
        List<AlertEvent> events = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            Optional<Measurement> measured = Measurement.of(kind, snapshot);
            if (measured.isPresent()) {
                step(kind, rules.get(kind), states.get(kind), measured.get(), now).ifPresent(events::add);
            }
        }
        events.sort(Comparator.comparing(AlertEvent::severity).reversed());
        return List.copyOf(events);
    }

    /** Alerts raised now, most severe first, then oldest first. */
    public synchronized List<ActiveAlert> active() {
        List<ActiveAlert> active = new ArrayList<>();
        states.forEach((kind, s) -> {
            if (s.raised != null) {
                active.add(new ActiveAlert(kind, s.raised, s.raisedAt, s.lastValue, s.lastSummary));
            }
        });
        active.sort(Comparator.comparing(ActiveAlert::severity).reversed().thenComparing(ActiveAlert::since));
        return List.copyOf(active);
    }

    private static Optional<AlertEvent> step(AlertKind kind, AlertRule rule, State s, Measurement m, Instant now) {
        double value = m.value();
        s.lastValue = value;
        s.lastSummary = m.summary();
        if (s.raised != null) {
            if (rule.clears(value)) {
                Severity was = s.raised;
                s.raised = null;
                s.raisedAt = null;
                s.pendingSince = null;
                return Optional.of(event(kind, AlertEvent.Type.CLEARED, was, now, m,
                        kind.label() + " back to normal: " + m.summary() + " (below " + threshold(kind, rule.clear()) + ")."));
            }
            if (s.raised == Severity.WARNING && value >= rule.critical()) {
                s.raised = Severity.CRITICAL;
                return Optional.of(event(kind, AlertEvent.Type.ESCALATED, Severity.CRITICAL, now, m,
                        kind.label() + " now critical: " + m.summary() + " (critical at " + threshold(kind, rule.critical()) + ")."));
            }
            return Optional.empty();
        }
        if (value < rule.warning()) {
            s.pendingSince = null;
            return Optional.empty();
        }
        if (s.pendingSince == null) {
            s.pendingSince = now;
        }
        Duration over = Duration.between(s.pendingSince, now);
        if (over.compareTo(rule.sustain()) < 0) {
            return Optional.empty();
        }
        Severity severity = value >= rule.critical() ? Severity.CRITICAL : Severity.WARNING;
        s.raised = severity;
        s.raisedAt = now;
        double limit = severity == Severity.CRITICAL ? rule.critical() : rule.warning();
        String lasting = rule.sustain().isZero() ? "" : ", for " + Humanize.duration(over);
        return Optional.of(event(kind, AlertEvent.Type.RAISED, severity, now, m,
                kind.label() + " " + severity.label() + ": " + m.summary() + " (" + severity.label() + " at "
                        + threshold(kind, limit) + lasting + ")."));
    }

    private static AlertEvent event(AlertKind kind, AlertEvent.Type type, Severity severity, Instant now,
            Measurement m, String summary) {
        return new AlertEvent(kind, type, severity, now, m.value(), capitalize(summary), m.evidence());
    }

    /** A threshold with its unit: "95 %", "1 min", "10 sessions". */
    public static String threshold(AlertKind kind, double value) {
        return switch (kind) {
            case CONNECTIONS_USED -> Humanize.percent(value);
            case IDLE_IN_TRANSACTION, LONGEST_TRANSACTION -> Humanize.seconds(value);
            case BLOCKED_SESSIONS -> value == Math.rint(value)
                    ? Humanize.count((long) value, "session", "sessions")
                    : String.format(Locale.ROOT, "%.1f sessions", value);
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static final class State {
        Severity raised;
        Instant raisedAt;
        Instant pendingSince;
        double lastValue;
        String lastSummary;
    }
}
