package io.pgpulse.app.activity;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.pgpulse.core.sampling.DatabaseCounters;

/**
 * New deadlocks since the page started watching, from pg_stat_database's cumulative counters. A
 * counter that goes down means statistics were reset: that database starts counting again.
 */
final class DeadlockWatch {
    private final Map<String, Long> previous = new HashMap<>();
    private Instant since;
    private long fresh;
    private long total;
    private Instant lastSeen;
    private final Set<String> lastDatabases = new LinkedHashSet<>();

    void observe(Iterable<DatabaseCounters> databases, Instant now) {
        if (since == null) {
            since = now;
        }
        long sum = 0;
        Set<String> grew = new LinkedHashSet<>();
        for (DatabaseCounters d : databases) {
            sum += d.deadlocks();
            Long before = previous.put(d.name(), d.deadlocks());
            if (before != null && d.deadlocks() > before) {
                fresh += d.deadlocks() - before;
                grew.add(d.name());
            }
        }
        total = sum;
        if (!grew.isEmpty()) {
            lastSeen = now;
            lastDatabases.clear();
            lastDatabases.addAll(grew);
        }
    }

    /** Deadlocks detected since watching began. */
    long fresh() {
        return fresh;
    }

    /** Deadlocks since each database's statistics were last reset. */
    long total() {
        return total;
    }

    Instant since() {
        return since;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    Set<String> lastDatabases() {
        return lastDatabases;
    }
}
