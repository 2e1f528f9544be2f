package io.pgpulse.core.history;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Immutable copy of a {@link TimeSeries}' points, oldest first, safe to read on any thread.
 * Primitive arrays rather than point objects because charts read thousands of points per refresh.
 */
public final class SeriesSnapshot {

    private final String name;
    private final long[] epochMillis;
    private final double[] values;

    SeriesSnapshot(String name, long[] epochMillis, double[] values) {
        if (epochMillis.length != values.length) {
            throw new IllegalArgumentException("one timestamp per value");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.epochMillis = epochMillis;
        this.values = values;
    }

    public String name() {
        return name;
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public long epochMillisAt(int index) {
        return epochMillis[index];
    }

    public double valueAt(int index) {
        return values[index];
    }

    /** Empty when the series holds no point: there is no latest value to show. */
    public OptionalDouble latestValue() {
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(values[values.length - 1]);
    }

    public long[] epochMillis() {
        return epochMillis.clone();
    }

    public double[] values() {
        return values.clone();
    }
}
