package io.pgpulse.core.history;

import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.StatementWindow;
import io.pgpulse.core.statements.WindowAggregator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything PgPulse remembers about one server: named time series, the recent
 * {@link DeltaResult}s that windows are computed from, and per-statement history.
 * Every part has a fixed bound (see {@link HistoryConfig}), so memory does not grow with run time.
 *
 * <p>Thread-safe: the sampler thread writes and the UI reads. Each method holds one private lock
 * for the duration of a copy, and every read returns an immutable copy, so a reader never sees a
 * half-written poll and never holds the lock while it renders.
 */
public final class HistoryStore {

    /** Estimated heap for one retained delta: the record, its key and its present OptionalLong. */
    static final long BYTES_PER_RETAINED_DELTA = 168;
    private static final long BYTES_PER_RESULT = 96;
    private static final long BYTES_PER_MAP_ENTRY = 56;

    private final HistoryConfig config;
    private final int capacity;
    private final Object lock = new Object();

    /** Insertion order is kept as least-recently-written first by re-inserting on every write. */
    private final LinkedHashMap<String, TimeSeries> series = new LinkedHashMap<>();
    private final LinkedHashMap<StatementKey, StatementHistory> statements = new LinkedHashMap<>();
    private final RingBuffer<DeltaResult> results;
    private long retainedDeltaRows;

    public HistoryStore(HistoryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.capacity = config.capacity();
        this.results = new RingBuffer<>(capacity);
    }

    public HistoryConfig config() {
        return config;
    }

    /**
     * Appends a point to the named series, creating it (and forgetting the least recently written
     * series if the bound is reached) on first use.
     *
     * @return false if the point was dropped because it is older than the series' newest point or
     *         no series may be kept at all
     */
    public boolean record(String name, Instant at, double value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            TimeSeries target = series.remove(name);
            if (target == null) {
                if (config.maxSeries() == 0) {
                    return false;
                }
                evictEldestBeyond(series, config.maxSeries() - 1);
                target = new TimeSeries(name, capacity);
            }
            series.put(name, target);
            return target.append(at, value);
        }
    }

    /**
     * Retains a delta result for window aggregation and appends its deltas to per-statement
     * history. When a poll has more active statements than can be tracked, the heaviest by
     * execution time are recorded; recording all of them would let each poll evict the previous
     * poll's statements, leaving every history one point long.
     *
     * @return false for a baseline (it covers no interval) or a result that starts before the
     *         newest retained one ends, which would count the same time twice
     */
    public boolean record(DeltaResult result) {
        Objects.requireNonNull(result, "result");
        if (result.kind() != DeltaResult.Kind.DELTA) {
            return false;
        }
        synchronized (lock) {
            Optional<DeltaResult> newest = results.newest();
            if (newest.isPresent() && result.from().isBefore(newest.get().to())) {
                return false;
            }
            results.append(result).ifPresent(evicted -> retainedDeltaRows -= evicted.deltas().size());
            retainedDeltaRows += result.deltas().size();
            while (retainedDeltaRows > config.maxRetainedDeltaRows() && results.size() > 1) {
                results.removeOldest().ifPresent(dropped -> retainedDeltaRows -= dropped.deltas().size());
            }
            recordStatements(result);
            return true;
        }
    }

    public Optional<SeriesSnapshot> series(String name) {
        synchronized (lock) {
            TimeSeries found = series.get(name);
            return found == null ? Optional.empty() : Optional.of(found.snapshot());
        }
    }

    public Optional<SeriesSnapshot> seriesSince(String name, Instant since) {
        synchronized (lock) {
            TimeSeries found = series.get(name);
            return found == null ? Optional.empty() : Optional.of(found.valuesSince(since));
        }
    }

    public List<String> seriesNames() {
        synchronized (lock) {
            return List.copyOf(series.keySet());
        }
    }

    /** Retained delta results, oldest first. */
    public List<DeltaResult> deltaResults() {
        synchronized (lock) {
            return results.snapshot();
        }
    }

    /** Retained delta results whose interval starts at or after {@code since}, oldest first. */
    public List<DeltaResult> deltaResultsSince(Instant since) {
        List<DeltaResult> all = deltaResults();
        List<DeltaResult> recent = new ArrayList<>();
        for (DeltaResult result : all) {
            if (!result.from().isBefore(since)) {
                recent.add(result);
            }
        }
        return List.copyOf(recent);
    }

    /**
     * Per-statement totals over the last {@code length} before the newest retained result;
     * empty until a delta has been recorded. Aggregation runs outside the lock.
     */
    public Optional<StatementWindow> window(Duration length) {
        List<DeltaResult> all = deltaResults();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(WindowAggregator.aggregate(all, length, all.get(all.size() - 1).to()));
    }

    public Optional<StatementHistorySnapshot> statementHistory(StatementKey key) {
        synchronized (lock) {
            StatementHistory found = statements.get(key);
            return found == null ? Optional.empty() : Optional.of(found.snapshot());
        }
    }

    /** Statements with history, least recently active first. */
    public List<StatementKey> trackedStatements() {
        synchronized (lock) {
            return List.copyOf(statements.keySet());
        }
    }

    /**
     * Estimated heap held by this store, from array lengths and per-object estimates; meant to
     * show that memory stays bounded, not to match a heap dump byte for byte.
     */
    public long approximateBytes() {
        synchronized (lock) {
            long bytes = 128;
            for (Map.Entry<String, TimeSeries> entry : series.entrySet()) {
                bytes += BYTES_PER_MAP_ENTRY + 48 + 2L * entry.getKey().length()
                        + entry.getValue().approximateBytes();
            }
            for (StatementHistory history : statements.values()) {
                bytes += BYTES_PER_MAP_ENTRY + history.approximateBytes();
            }
            bytes += PointRing.arrayBytes(results.capacity(), 4)
                    + results.size() * BYTES_PER_RESULT
                    + retainedDeltaRows * BYTES_PER_RETAINED_DELTA;
            return bytes;
        }
    }

    /** Forgets everything, e.g. when the app connects to another server. */
    public void clear() {
        synchronized (lock) {
            series.clear();
            statements.clear();
            results.clear();
            retainedDeltaRows = 0;
        }
    }

    private void recordStatements(DeltaResult result) {
        int max = config.maxStatementsTracked();
        if (max == 0) {
            return;
        }
        List<StatementDelta> active = result.deltas();
        if (active.size() > max) {
            List<StatementDelta> heaviest = new ArrayList<>(active);
            heaviest.sort(StatementDelta.HEAVIEST_FIRST);
            active = heaviest.subList(0, max);
        }
        long at = result.to().toEpochMilli();
        for (StatementDelta delta : active) {
            StatementHistory history = statements.remove(delta.key());
            if (history == null) {
                evictEldestBeyond(statements, max - 1);
                history = new StatementHistory(delta.key(), capacity);
            }
            statements.put(delta.key(), history);
            history.append(at, delta);
        }
    }

    private static void evictEldestBeyond(LinkedHashMap<?, ?> map, int keep) {
        Iterator<?> eldestFirst = map.keySet().iterator();
        while (map.size() > keep && eldestFirst.hasNext()) {
            eldestFirst.next();
            eldestFirst.remove();
        }
    }
}
