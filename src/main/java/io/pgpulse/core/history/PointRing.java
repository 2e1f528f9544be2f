package io.pgpulse.core.history;

import java.util.Arrays;

/**
 * Circular store of timestamped rows of doubles in primitive arrays, oldest row first.
 *
 * <p>Arrays start small and double up to the capacity, then wrap: a statement seen twice an hour
 * costs a few hundred bytes, not a full hour of slots, and the bound still holds.
 *
 * <p>Timestamps never decrease, which keeps {@link #firstIndexAtOrAfter} a binary search.
 * Not thread-safe.
 */
final class PointRing {

    static final int INITIAL_SLOTS = 16;

    private final int capacity;
    private long[] times;
    private final double[][] columns;
    private int oldest;
    private int size;

    PointRing(int capacity, int columnCount) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        int slots = Math.min(capacity, INITIAL_SLOTS);
        this.times = new long[slots];
        this.columns = new double[columnCount][slots];
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    /** Returns the physical slot written, or -1 when the timestamp is older than the newest. */
    int append(long epochMillis) {
        if (size > 0 && epochMillis < timeAt(size - 1)) {
            return -1;
        }
        if (size == times.length && size < capacity) {
            grow();
        }
        int slot;
        if (size < capacity) {
            slot = size;
            size++;
        } else {
            slot = oldest;
            oldest = (oldest + 1) % capacity;
        }
        times[slot] = epochMillis;
        return slot;
    }

    void set(int slot, int column, double value) {
        columns[column][slot] = value;
    }

    long timeAt(int index) {
        return times[physical(index)];
    }

    double valueAt(int index, int column) {
        return columns[column][physical(index)];
    }

    /** Index of the oldest row at or after {@code epochMillis}; {@link #size()} if none. */
    int firstIndexAtOrAfter(long epochMillis) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timeAt(mid) < epochMillis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    long[] copyTimes(int fromIndex) {
        long[] copy = new long[size - fromIndex];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = timeAt(fromIndex + i);
        }
        return copy;
    }

    double[] copyColumn(int column, int fromIndex) {
        double[] copy = new double[size - fromIndex];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = valueAt(fromIndex + i, column);
        }
        return copy;
    }

    void clear() {
        oldest = 0;
        size = 0;
    }

    long approximateBytes() {
        return 32 + arrayBytes(times.length, Long.BYTES)
                + arrayBytes(columns.length, 4)
                + (long) columns.length * arrayBytes(times.length, Double.BYTES);
    }

    static long arrayBytes(int length, int elementBytes) {
        return 16 + (long) length * elementBytes;
    }

    private void grow() {
        int slots = (int) Math.min(capacity, (long) times.length * 2);
        times = Arrays.copyOf(times, slots);
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Arrays.copyOf(columns[c], slots);
        }
    }

    private int physical(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return (oldest + index) % times.length;
    }
}
