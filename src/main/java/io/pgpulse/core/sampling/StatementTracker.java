package io.pgpulse.core.sampling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.pgpulse.core.statements.DeltaEngine;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.StatementSample;

/**
 * The client side of the changed-entries protocol: holds the last counters of every entry, tells
 * the server which ones it already has, merges what comes back, and feeds complete samples to
 * the {@link DeltaEngine}. Owned by the sampler's poll thread.
 */
final class StatementTracker {
    private final DeltaEngine engine = new DeltaEngine();
    private final QueryTextCache texts;
    private final Set<Long> ownQueryIds = new HashSet<>();
    private final Map<Long, String> roleNames = new HashMap<>();

    private Map<StatementKey, StatementCounters> cumulative = Map.of();
    private long[] fingerprints = new long[0];
    private Optional<Instant> seenStatsReset = Optional.empty();
    private Instant seenServerStart;
    private long seenDealloc = -1;
    private boolean fullNext = true;

    StatementTracker(int maxTexts) {
        this.texts = new QueryTextCache(maxTexts);
    }

    /** Fingerprints to send; empty asks for every entry. */
    long[] fingerprintsToSend() {
        return fullNext || seenServerStart == null ? new long[0] : fingerprints;
    }

    Optional<Instant> expectedStatsReset() {
        return seenStatsReset;
    }

    /** The server start the client saw; before the first poll a value that can never match. */
    Instant expectedServerStart() {
        return seenServerStart == null ? Instant.EPOCH : seenServerStart;
    }

    /**
     * Merges one poll's rows. The server sent every entry if the client sent no fingerprints or
     * if the reset time or server start it sent were out of date; otherwise only changed ones.
     */
    DeltaResult accept(List<StatementCounters> rows, boolean sentFingerprints, Instant takenAt,
            Optional<Instant> statsReset, Instant serverStart, long dealloc) {
        boolean complete = !sentFingerprints || !statsReset.equals(seenStatsReset)
                || !Objects.equals(serverStart, seenServerStart);
        Map<StatementKey, StatementCounters> merged;
        if (complete) {
            merged = new HashMap<>(rows.size() * 2);
        } else {
            merged = new HashMap<>(cumulative);
        }
        for (StatementCounters row : rows) {
            merged.put(row.key(), row);
        }
        cumulative = Map.copyOf(merged);
        long[] fps = new long[cumulative.size()];
        int i = 0;
        for (StatementCounters c : cumulative.values()) {
            fps[i++] = StatementFingerprint.of(c);
        }
        fingerprints = fps;
        // Entries deallocated since the last poll may be gone for good; the next poll fetches
        // everything once so the client drops them instead of carrying them for ever.
        fullNext = seenDealloc >= 0 && dealloc != seenDealloc;
        seenDealloc = dealloc;
        seenStatsReset = statsReset;
        seenServerStart = serverStart;
        return engine.accept(new StatementSample(takenAt, statsReset, serverStart, cumulative));
    }

    /** Queryids of this interval's statements whose text is not cached yet. */
    Set<Long> queryIdsWithoutText(DeltaResult result) {
        Set<Long> missing = new HashSet<>();
        for (StatementDelta d : result.deltas()) {
            if (!texts.contains(d.key().queryId())) {
                missing.add(d.key().queryId());
            }
        }
        return missing;
    }

    /** Queryids of every entry (not only this interval's) whose text is not cached yet. */
    Set<Long> allQueryIdsWithoutText() {
        Set<Long> missing = new HashSet<>();
        for (StatementKey k : cumulative.keySet()) {
            if (!texts.contains(k.queryId())) {
                missing.add(k.queryId());
            }
        }
        return missing;
    }

    Set<Long> unknownRoleIds() {
        Set<Long> missing = new HashSet<>();
        for (StatementKey k : cumulative.keySet()) {
            if (!roleNames.containsKey(k.userId())) {
                missing.add(k.userId());
            }
        }
        return missing;
    }

    void addText(QueryText text) {
        texts.put(text);
        if (text.isMonitorsOwn()) {
            ownQueryIds.add(text.queryId());
        }
    }

    void addRoleName(long oid, String name) {
        roleNames.put(oid, name);
    }

    int cachedTexts() {
        return texts.size();
    }

    /** What the rest of PgPulse sees: the same figures with the monitor's own statements removed. */
    StatementsSnapshot publish(DeltaResult result, Optional<Instant> statsReset, long dealloc) {
        List<StatementDelta> deltas = new ArrayList<>(result.deltas().size());
        for (StatementDelta d : result.deltas()) {
            if (!ownQueryIds.contains(d.key().queryId())) {
                deltas.add(d);
            }
        }
        DeltaResult visible = new DeltaResult(result.from(), result.to(), result.kind(), deltas, result.events(),
                result.newEntries(), result.reentries(), result.evictions(), result.unknownStartEntries());
        Map<StatementKey, StatementCounters> visibleCumulative = new HashMap<>(cumulative.size() * 2);
        for (Map.Entry<StatementKey, StatementCounters> e : cumulative.entrySet()) {
            if (!ownQueryIds.contains(e.getKey().queryId())) {
                visibleCumulative.put(e.getKey(), e.getValue());
            }
        }
        return new StatementsSnapshot(visible, Map.copyOf(visibleCumulative), texts.copy(), Map.copyOf(roleNames),
                statsReset, dealloc);
    }
}
