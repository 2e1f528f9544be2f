package io.pgpulse.app.alerts;

import java.time.Instant;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import io.pgpulse.core.alerts.ActiveAlert;
import io.pgpulse.core.alerts.AlertKind;
import io.pgpulse.core.analysis.Severity;

/** An alert that is raised now, kept while it lasts and updated in place. */
public final class ActiveAlertItem {
    private final AlertKind kind;
    private final ReadOnlyObjectWrapper<Severity> severity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> since = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();

    ActiveAlertItem(AlertKind kind) {
        this.kind = kind;
    }

    void update(ActiveAlert a) {
        severity.set(a.severity());
        since.set(a.since());
        summary.set(a.summary());
    }

    public AlertKind kind() {
        return kind;
    }

    public ReadOnlyObjectProperty<Severity> severityProperty() {
        return severity.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> sinceProperty() {
        return since.getReadOnlyProperty();
    }

    /** The latest measurement in words, e.g. "92 of 97 usable connections in use (95 %), 5 free". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
