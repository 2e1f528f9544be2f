package io.pgpulse.app.overview;

import java.time.Duration;
import java.util.Objects;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import io.pgpulse.core.analysis.ConnectionGroup;
import io.pgpulse.core.analysis.LimitUsage;
import io.pgpulse.core.analysis.StateCounts;

/**
 * One row of a breakdown, updated in place on every refresh: the table keeps its cells, its
 * selection and its scroll position, and only the numbers that changed repaint.
 */
public final class GroupRow {
    private final String key;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper active = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper idle = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper idleInTransaction = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper aborted = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper other = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Duration> oldestTransaction = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper limit = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper nearLimit = new ReadOnlyBooleanWrapper();

    GroupRow(String key, String displayName) {
        this.key = key;
        name.set(displayName);
    }

    void update(ConnectionGroup group, LimitUsage usage) {
        StateCounts c = group.byState();
        total.set(c.total());
        active.set(c.active());
        idle.set(c.idle());
        idleInTransaction.set(c.idleInTransaction());
        aborted.set(c.idleInTransactionAborted());
        other.set(c.other());
        Duration oldest = group.oldestTransaction();
        if (!Objects.equals(oldest == null ? null : oldest.toSeconds(),
                oldestTransaction.get() == null ? null : oldestTransaction.get().toSeconds())) {
            oldestTransaction.set(oldest);
        }
        limit.set(usage == null ? "" : usage.nearCap()
                ? usage.inUse() + " of " + usage.limit() + " (" + usage.kindLabel() + " limit)"
                : "limit " + usage.limit());
        nearLimit.set(usage != null && usage.nearCap());
    }

    /** The group's value as pg_stat_activity reports it (empty for no application_name). */
    public String key() {
        return key;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty idleProperty() {
        return idle.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty idleInTransactionProperty() {
        return idleInTransaction.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty abortedProperty() {
        return aborted.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty otherProperty() {
        return other.getReadOnlyProperty();
    }

    /** Age of the group's oldest open transaction; null when none is open. */
    public ReadOnlyObjectProperty<Duration> oldestTransactionProperty() {
        return oldestTransaction.getReadOnlyProperty();
    }

    /** "18 of 20 (role limit)" when the role or database is close to its cap, "limit 20" otherwise, empty without one. */
    public ReadOnlyStringProperty limitProperty() {
        return limit.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty nearLimitProperty() {
        return nearLimit.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    public int total() {
        return total.get();
    }

    @Override
    public String toString() {
        return name.get() + ": " + total.get();
    }
}
