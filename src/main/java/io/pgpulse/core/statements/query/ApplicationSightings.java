package io.pgpulse.core.statements.query;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Snapshot;

/**
 * Which applications run which statements, as far as pg_stat_activity samples show: a session
 * whose {@code query_id} is a statement's queryid is running it (or, when idle, ran it last).
 * pg_stat_statements itself knows nothing of applications, so this is the only link, and a
 * statement too fast to be caught in a sample has none.
 *
 * <p>Bounded: the least recently seen queryids are forgotten first. Not thread-safe.
 */
public final class ApplicationSightings {
    /** Names per queryid beyond this are not worth listing; the filter still finds the first ones. */
    private static final int MAX_NAMES_PER_QUERY = 16;

    private final int maxQueryIds;
    private final LinkedHashMap<Long, Set<String>> seen;
    private long lastSequence = -1;

    public ApplicationSightings(int maxQueryIds) {
        if (maxQueryIds < 1) {
            throw new IllegalArgumentException("maxQueryIds must be positive: " + maxQueryIds);
        }
        this.maxQueryIds = maxQueryIds;
        this.seen = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Set<String>> eldest) {
                return size() > ApplicationSightings.this.maxQueryIds;
            }
        };
    }

    /** Records the sessions of each snapshot not recorded yet (by sequence), oldest first. */
    public void record(List<Snapshot> snapshots) {
        for (Snapshot s : snapshots) {
            if (s.sequence() > lastSequence) {
                record(s);
            }
        }
    }

    public void record(Snapshot s) {
        lastSequence = s.sequence();
        for (ActivityRow row : s.activity()) {
            Long id = row.queryId();
            String app = row.application();
            if (id == null || id == 0 || app == null || app.isBlank()) {
                continue;
            }
            Set<String> names = seen.computeIfAbsent(id, k -> new TreeSet<>());
            if (names.size() < MAX_NAMES_PER_QUERY) {
                names.add(app);
            }
        }
    }

    /** An immutable copy: queryid → application names, sorted. */
    public Map<Long, Set<String>> snapshot() {
        Map<Long, Set<String>> copy = new HashMap<>(seen.size() * 2);
        for (Map.Entry<Long, Set<String>> e : seen.entrySet()) {
            copy.put(e.getKey(), Set.copyOf(e.getValue()));
        }
        return copy;
    }

    public int size() {
        return seen.size();
    }
}
