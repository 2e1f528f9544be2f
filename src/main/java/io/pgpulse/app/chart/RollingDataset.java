package io.pgpulse.app.chart;

import java.util.Arrays;
import java.util.List;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;
import org.jfree.data.xy.TableXYDataset;

/**
 * A live time window for charts: series that share their timestamps (epoch millis, ascending),
 * kept in primitive arrays. Points are appended at the end and trimmed at the start, so a refresh
 * costs the new points, not the window; changes made inside {@link #batch(Runnable)} reach the
 * chart as one change event, i.e. one redraw.
 *
 * <p>It is a {@link TableXYDataset}, which stacked renderers need, and reports ascending domain
 * order, which lets the plot draw only the items in the visible range.
 *
 * <p>Confined to the FX thread like the chart that draws it.
 */
public final class RollingDataset extends AbstractXYDataset implements TableXYDataset {
    private static final long serialVersionUID = 1L;
    private static final int INITIAL_CAPACITY = 64;

    private final SeriesKey[] keys;
    private long[] xs;
    private double[][] ys;
    private int start;
    private int size;
    /** Points dropped from the start since the dataset was made: the first point's position in all it ever held. */
    private long dropped;
    private int batchDepth;
    private boolean changed;

    public RollingDataset(SeriesKey... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("at least one series");
        }
        this.keys = keys.clone();
        this.xs = new long[INITIAL_CAPACITY];
        this.ys = new double[keys.length][INITIAL_CAPACITY];
    }

    public List<SeriesKey> keys() {
        return List.of(keys);
    }

    /** Runs {@code changes} and then tells listeners once, if anything changed. */
    public void batch(Runnable changes) {
        batchDepth++;
        try {
            changes.run();
        } finally {
            batchDepth--;
            if (batchDepth == 0 && changed) {
                changed = false;
                fireDatasetChanged();
            }
        }
    }

    /**
     * Appends one point per series at {@code x}. A point not after the newest one is ignored, so
     * an update that overlaps what is already shown adds nothing twice.
     *
     * @param values one per series; NaN where a series has no value (drawn as a gap or zero)
     * @return whether the point was added
     */
    public boolean append(long x, double... values) {
        if (values.length != keys.length) {
            throw new IllegalArgumentException("one value per series: expected " + keys.length + ", got " + values.length);
        }
        if (size > 0 && x <= lastX()) {
            return false;
        }
        ensureRoomForOne();
        int slot = start + size;
        xs[slot] = x;
        for (int s = 0; s < keys.length; s++) {
            ys[s][slot] = values[s];
        }
        size++;
        touched();
        return true;
    }

    /** Drops the points older than {@code x}. */
    public void trimBefore(long x) {
        int drop = 0;
        while (drop < size && xs[start + drop] < x) {
            drop++;
        }
        if (drop > 0) {
            start += drop;
            size -= drop;
            dropped += drop;
            if (size == 0) {
                start = 0;
            }
            touched();
        }
    }

    public void clear() {
        if (size > 0) {
            dropped += size;
            start = 0;
            size = 0;
            touched();
        }
    }

    public int size() {
        return size;
    }

    /**
     * The position of the first point among all points this dataset ever held (points dropped at
     * the start count): a point keeps its sequence number while the window scrolls.
     */
    public long firstSequence() {
        return dropped;
    }

    /** The newest timestamp, or {@link Long#MIN_VALUE} when empty. */
    public long lastX() {
        return size == 0 ? Long.MIN_VALUE : xs[start + size - 1];
    }

    public long firstX() {
        return size == 0 ? Long.MIN_VALUE : xs[start];
    }

    public long x(int item) {
        check(item);
        return xs[start + item];
    }

    public double y(int series, int item) {
        check(item);
        return ys[series][start + item];
    }

    /** The item whose timestamp is closest to {@code x}; -1 when empty. */
    public int nearest(long x) {
        if (size == 0) {
            return -1;
        }
        int i = Arrays.binarySearch(xs, start, start + size, x);
        if (i >= 0) {
            return i - start;
        }
        int after = -i - 1;
        if (after <= start) {
            return 0;
        }
        if (after >= start + size) {
            return size - 1;
        }
        return x - xs[after - 1] <= xs[after] - x ? after - 1 - start : after - start;
    }

    @Override
    public int getSeriesCount() {
        return keys.length;
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return keys[series];
    }

    @Override
    public int getItemCount() {
        return size;
    }

    @Override
    public int getItemCount(int series) {
        return size;
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public Number getX(int series, int item) {
        return xs[start + item];
    }

    @Override
    public double getXValue(int series, int item) {
        return xs[start + item];
    }

    @Override
    public Number getY(int series, int item) {
        double v = ys[series][start + item];
        return Double.isNaN(v) ? null : v;
    }

    @Override
    public double getYValue(int series, int item) {
        return ys[series][start + item];
    }

    private void touched() {
        if (batchDepth > 0) {
            changed = true;
        } else {
            fireDatasetChanged();
        }
    }

    private void ensureRoomForOne() {
        if (start + size < xs.length) {
            return;
        }
        if (start > 0 && size < xs.length / 2) {
            System.arraycopy(xs, start, xs, 0, size);
            for (double[] column : ys) {
                System.arraycopy(column, start, column, 0, size);
            }
        } else {
            int capacity = xs.length * 2;
            xs = Arrays.copyOfRange(xs, start, start + capacity);
            for (int s = 0; s < ys.length; s++) {
                ys[s] = Arrays.copyOfRange(ys[s], start, start + capacity);
            }
        }
        start = 0;
    }

    private void check(int item) {
        if (item < 0 || item >= size) {
            throw new IndexOutOfBoundsException("item " + item + ", size " + size);
        }
    }
}
