package io.pgpulse.app.chart;

import java.text.SimpleDateFormat;
import java.time.Duration;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.RangeType;
import org.jfree.data.xy.XYDataset;

/**
 * Builds the live time charts the app uses: a stacked area chart and small line charts over a
 * {@link RollingDataset}, with a time axis that always shows the last {@code window}. Colours and
 * fonts come from {@link ChartStyler}.
 */
public final class Charts {
    private Charts() {
    }

    /**
     * Series stacked on top of each other, e.g. connections by state. No legend inside the chart:
     * the view draws one with JavaFX controls, which matches the UI; {@link #legend} adds one for
     * an exported image.
     */
    public static JFreeChart stacked(RollingDataset data, String valueLabel, Duration window) {
        XYAreaRenderer renderer = new XYAreaRenderer(XYAreaRenderer.AREA);
        renderer.setOutline(false);
        JFreeChart chart = chart(new StackedDataset(data), renderer, valueLabel, window);
        // The largest running total first, each smaller one painted over it.
        chart.getXYPlot().setSeriesRenderingOrder(SeriesRenderingOrder.REVERSE);
        return chart;
    }

    /** A legend above the plot, for images that leave the app. */
    public static LegendTitle legend(JFreeChart chart) {
        LegendTitle legend = new LegendTitle(chart.getXYPlot());
        legend.setPosition(RectangleEdge.TOP);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 16));
        return legend;
    }

    /** One or more lines, no legend: the card around it names the figure. */
    public static JFreeChart lines(RollingDataset data, String valueLabel, Duration window) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        JFreeChart chart = chart(data, renderer, valueLabel, window);
        // Rates and counts are never negative: a flat zero sits on the axis, not mid-chart.
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRangeType(RangeType.POSITIVE);
        return chart;
    }

    private static JFreeChart chart(XYDataset data, XYItemRenderer renderer, String valueLabel, Duration window) {
        DateAxis time = new DateAxis();
        time.setDateFormatOverride(new SimpleDateFormat("HH:mm"));
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        setWindow(time, window);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setAutoRangeIncludesZero(true);
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        values.setAutoRangeMinimumSize(1);
        XYPlot plot = new LiveXYPlot(data, time, values, renderer);
        plot.setDomainPannable(false);
        plot.setRangePannable(false);
        // Room on the right for the newest time label, which sits on the plot's edge.
        plot.setInsets(new RectangleInsets(4, 2, 2, 24));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        return chart;
    }

    /** Shows the last {@code window} of data, ending at the newest point. */
    public static void setWindow(DateAxis axis, Duration window) {
        axis.setFixedAutoRange(window.toMillis());
        axis.setAutoRange(true);
    }

    /**
     * A viewer for a live chart: no zooming, panning or wheel zoom (the window is chosen with the
     * window buttons, and a zoomed live chart stops following the data), no context menu (its
     * export would write files on the FX thread) and no JFreeChart tooltips ({@link ChartHover}
     * reads values instead).
     */
    public static ChartViewer viewer(JFreeChart chart) {
        ChartViewer viewer = new ChartViewer(chart, false);
        ChartCanvas canvas = viewer.getCanvas();
        canvas.setTooltipEnabled(false);
        canvas.setDomainZoomable(false);
        canvas.setRangeZoomable(false);
        for (String handler : new String[] {"zoom", "pan"}) {
            var h = canvas.getMouseHandler(handler);
            if (h != null) {
                canvas.removeMouseHandler(h);
            }
        }
        // The wheel then scrolls the page around the chart instead of zooming the chart.
        canvas.setOnScroll(null);
        viewer.setFocusTraversable(false);
        viewer.setMinSize(0, 0);
        return viewer;
    }
}
