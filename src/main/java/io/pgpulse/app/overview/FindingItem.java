package io.pgpulse.app.overview;

import java.util.Map;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.Severity;

/**
 * A warning on the overview: what is happening, what it means and what to do, now and next time.
 * Kept while the finding lasts and updated in place, so a callout does not flicker as its numbers
 * change.
 */
public final class FindingItem {
    private static final Map<String, String> MEANINGS = Map.of(
            "connections_near_limit", "When the free slots reach 0, every new connection fails with"
                    + " \"sorry, too many clients already\": requests, deploys and cron jobs start failing.",
            "idle_in_transaction", "The session holds an open transaction and does nothing: its locks stay held,"
                    + " anything needing them queues behind it, and VACUUM cannot clean up rows it might still see.",
            "long_transaction", "A long transaction keeps its locks and stops VACUUM from removing dead rows in"
                    + " every table, so tables and indexes bloat while it runs.",
            "role_or_database_limit_near_cap", "At the cap, that role or database gets \"too many connections\""
                    + " even though the server still has free slots.",
            "connection_churn", "Each new connection starts a server process and authenticates, milliseconds of"
                    + " CPU each; this rate is the signature of clients connecting per request without a pooler,"
                    + " and bursts of them exhaust the slots.");

    private final String key;
    private final ReadOnlyObjectWrapper<Severity> severity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper meaning = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper now = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper nextTime = new ReadOnlyStringWrapper();

    FindingItem(String key) {
        this.key = key;
    }

    /** Identifies the same finding across refreshes: its kind, plus the role or database it is about. */
    static String keyOf(Finding f) {
        Object name = f.evidence().get("name");
        Object kind = f.evidence().get("limit_kind");
        return f.kind() + (name == null ? "" : ":" + kind + ":" + name);
    }

    void update(Finding f) {
        severity.set(f.severity());
        summary.set(f.summary());
        meaning.set(MEANINGS.getOrDefault(f.kind(), ""));
        now.set(f.advice().now());
        nextTime.set(f.advice().nextTime() == null ? "" : f.advice().nextTime());
    }

    public String key() {
        return key;
    }

    public ReadOnlyObjectProperty<Severity> severityProperty() {
        return severity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty meaningProperty() {
        return meaning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nextTimeProperty() {
        return nextTime.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return severity.get() + " " + summary.get();
    }
}
