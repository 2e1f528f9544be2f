package io.pgpulse.app.chart;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * A {@link RollingDataset} seen as running totals: series {@code s} is the sum of series 0..s.
 * Drawn as plain areas from the largest total down, each over the last, this looks exactly like a
 * stacked area chart but costs one filled polygon per series, where JFreeChart's stacked renderers
 * build a geometric area per item (thousands per redraw for an hour at a 1 s interval).
 *
 * <p>Gaps (NaN) count as 0. Confined to the FX thread, like its source.
 */
public final class StackedDataset extends AbstractXYDataset {
    private static final long serialVersionUID = 1L;

    private final RollingDataset source;

    public StackedDataset(RollingDataset source) {
        this.source = source;
        source.addChangeListener(e -> fireDatasetChanged());
    }

    public RollingDataset source() {
        return source;
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
        return source.size();
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public Number getX(int series, int item) {
        return source.x(item);
    }

    @Override
    public double getXValue(int series, int item) {
        return source.x(item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        double total = 0;
        for (int s = 0; s <= series; s++) {
            double v = source.y(s, item);
            if (!Double.isNaN(v)) {
                total += v;
            }
        }
        return total;
    }
}
