package io.pgpulse.core.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A named series of (epoch millis, value) points keeping only the newest {@code capacity} points.
 *
 * <p>Points must arrive in time order. A point older than the newest one, which a wall-clock step
 * back produces, is dropped: inserting it would break the ordering that range look-ups rely on,
 * and dropping one point is better than dropping the history.
 *
 * <p>Not thread-safe; {@link HistoryStore} guards its series and hands out {@link SeriesSnapshot}s.
 */
public final class TimeSeries {

    private final String name;
    private final PointRing ring;

    public TimeSeries(String name, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        this.ring = new PointRing(capacity, 1);
    }

    public String name() {
        return name;
    }

    public int capacity() {
        return ring.capacity();
    }

    public int size() {
        return ring.size();
    }

    /**
     * @return false if the point was older than the newest one and therefore dropped
     * @throws IllegalArgumentException for NaN or infinity: a value that is not available is not
     *                                  recorded at all, so charts show a gap instead of a number
     */
    public boolean append(long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + name + " must be finite: " + value);
        }
        int slot = ring.append(epochMillis);
        if (slot < 0) {
            return false;
        }
        ring.set(slot, 0, value);
        return true;
    }

    public boolean append(Instant at, double value) {
        return append(at.toEpochMilli(), value);
    }

    /** All retained points, oldest first. */
    public SeriesSnapshot snapshot() {
        return snapshotFrom(0);
    }

    /** Retained points taken at or after {@code since}, oldest first. */
    public SeriesSnapshot valuesSince(Instant since) {
        return snapshotFrom(ring.firstIndexAtOrAfter(since.toEpochMilli()));
    }

    public long approximateBytes() {
        return 24 + ring.approximateBytes();
    }

    void clear() {
        ring.clear();
    }

    private SeriesSnapshot snapshotFrom(int index) {
        return new SeriesSnapshot(name, ring.copyTimes(index), ring.copyColumn(0, index));
    }
}
