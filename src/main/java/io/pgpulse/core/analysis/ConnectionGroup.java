package io.pgpulse.core.analysis;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;

/**
 * Client sessions sharing one application, user, database or client address.
 *
 * @param name                the shared value as pg_stat_activity reports it: an empty application
 *                            name stays empty; a null client address means a Unix socket (or a
 *                            session this role may not see)
 * @param oldestTransaction   age of the oldest open transaction in the group; null if none is open
 */
public record ConnectionGroup(String name, StateCounts byState, Duration oldestTransaction) {

    /** Most sessions first, then by name, so the group to look at is on top. */
    public static final Comparator<ConnectionGroup> LARGEST_FIRST =
            Comparator.comparingInt(ConnectionGroup::total).reversed()
                    .thenComparing(ConnectionGroup::name, Comparator.nullsLast(Comparator.naturalOrder()));

    public ConnectionGroup {
        Objects.requireNonNull(byState, "byState");
    }

    public int total() {
        return byState.total();
    }
}
