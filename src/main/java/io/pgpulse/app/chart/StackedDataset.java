package io.pgpulse.app.chart;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * A {@link RollingDataset} seen as running totals: series {@code s} is the sum of series 0..s.
 * Drawn as plain areas from the largest total down, each over the last, this looks exactly like a
 * stacked area chart but costs one filled polygon per series, where JFreeChart's stacked renderers
 * build a geometric area per item (thousands per redraw for an hour at a 1 s interval).
 *
 * <p>More points than a chart has pixels only cost drawing time: above {@link #MAX_POINTS}, runs
 * of neighbouring points are drawn as one, at the time of the run's newest point and at the
 * run's highest total for each series, so no peak is lost (a dip shorter than a pixel is). The
 * runs are counted from the first point the source ever held, not from the first one shown, so
 * they do not shift as the window scrolls and the drawing does not shimmer from one refresh to
 * the next. The source keeps every point: the hover read-out reads it, not this.
 *
 * <p>The totals are worked out once per change of the source, not on every read (the renderer and
 * the axis read each several times per redraw). Gaps (NaN) count as 0. Confined to the FX thread,
 * like its source.
 */
public final class StackedDataset extends AbstractXYDataset {
    private static final long serialVersionUID = 1L;
    /** Points drawn at most: about one per pixel of a wide chart. */
    public static final int MAX_POINTS = 1_000;

    private final RollingDataset source;
    private boolean stale = true;
    private int count;
    private long[] xs = new long[0];
    private double[][] totals = new double[0][0];

    public StackedDataset(RollingDataset source) {
        this.source = source;
        source.addChangeListener(e -> {
            stale = true;
            fireDatasetChanged();
        });
    }

    public RollingDataset source() {
        return source;
    }

    /** How many source points one drawn point stands for: 1 up to {@link #MAX_POINTS} points. */
    public int pointsPerItem() {
        return Math.max(1, (source.size() + MAX_POINTS - 1) / MAX_POINTS);
    }

    private void update() {
        if (!stale) {
            return;
        }
        stale = false;
        int n = source.size();
        int series = source.getSeriesCount();
        int per = pointsPerItem();
        if (xs.length < n) {
            xs = new long[n];
            totals = new double[series][n];
        }
        count = 0;
        long first = source.firstSequence();
        for (int item = 0; item < n; item++) {
            boolean startsRun = item == 0 || Math.floorDiv(first + item, per) != Math.floorDiv(first + item - 1, per);
            if (startsRun) {
                count++;
            }
            int at = count - 1;
            xs[at] = source.x(item);
            double total = 0;
            for (int s = 0; s < series; s++) {
                double v = source.y(s, item);
                if (!Double.isNaN(v)) {
                    total += v;
                }
                totals[s][at] = startsRun ? total : Math.max(totals[s][at], total);
            }
        }
    }

    @Override
    public int getSeriesCount() {
        return source.getSeriesCount();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return source.getSeriesKey(series);
    }

    @Override
    public int getItemCount(int series) {
        update();
        return count;
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        update();
        check(item);
        return xs[item];
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        update();
        check(item);
        return totals[series][item];
    }

    private void check(int item) {
        if (item < 0 || item >= count) {
            throw new IndexOutOfBoundsException("item " + item + ", size " + count);
        }
    }
}
