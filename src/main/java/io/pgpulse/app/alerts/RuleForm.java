package io.pgpulse.app.alerts;

import java.time.Duration;
import java.util.Locale;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import io.pgpulse.core.alerts.AlertKind;
import io.pgpulse.core.alerts.AlertRule;

/**
 * The editable thresholds of one alert, as text fields hold them. {@link #parse()} turns them into
 * a rule or explains, next to the fields, why it cannot.
 */
public final class RuleForm {
    private final AlertKind kind;
    private final StringProperty warning = new SimpleStringProperty("");
    private final StringProperty critical = new SimpleStringProperty("");
    private final StringProperty clear = new SimpleStringProperty("");
    private final StringProperty sustain = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    RuleForm(AlertKind kind) {
        this.kind = kind;
    }

    void load(AlertRule rule) {
        warning.set(number(rule.warning()));
        critical.set(number(rule.critical()));
        clear.set(number(rule.clear()));
        sustain.set(number(rule.sustain().toMillis() / 1000.0));
        error.set("");
    }

    /** The rule the fields describe, or null with {@link #errorProperty()} saying what is wrong. */
    AlertRule parse() {
        try {
            double w = parse(warning.get(), "warning");
            double c = parse(critical.get(), "critical");
            double cl = parse(clear.get(), "clear");
            double s = parse(sustain.get(), "duration");
            Duration d = Duration.ofMillis(Math.round(s * 1000));
            String problem = AlertRule.problem(kind, w, c, cl, d);
            error.set(problem == null ? "" : problem);
            return problem == null ? new AlertRule(kind, w, c, cl, d) : null;
        } catch (NumberFormatException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    private static double parse(String text, String field) {
        String t = text == null ? "" : text.strip().replace(',', '.');
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            throw new NumberFormatException("Enter a " + field + " value.");
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("The " + field + " value \"" + text.strip() + "\" is not a number.");
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    public AlertKind kind() {
        return kind;
    }

    public StringProperty warningProperty() {
        return warning;
    }

    public StringProperty criticalProperty() {
        return critical;
    }

    public StringProperty clearProperty() {
        return clear;
    }

    /** Seconds the value must stay over the warning threshold before the alert is raised. */
    public StringProperty sustainProperty() {
        return sustain;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
