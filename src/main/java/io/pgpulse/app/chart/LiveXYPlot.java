package io.pgpulse.app.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * An {@link XYPlot} for charts that redraw on every refresh. The FX chart canvas always asks for
 * rendering info, and with it every renderer builds a hit-test shape per data item — for the
 * area renderers an intersection of geometric areas — for tooltips this app does not use. That
 * was most of the FX thread's time per refresh. Rendering here gets no info, so no item shapes
 * are made; the plot still records its data area, which the hover read-out needs.
 */
final class LiveXYPlot extends XYPlot {
    private static final long serialVersionUID = 1L;

    LiveXYPlot(XYDataset dataset, ValueAxis domainAxis, ValueAxis rangeAxis, XYItemRenderer renderer) {
        super(dataset, domainAxis, rangeAxis, renderer);
    }

    @Override
    public boolean render(Graphics2D g2, Rectangle2D dataArea, int index, PlotRenderingInfo info,
            CrosshairState crosshairState) {
        return super.render(g2, dataArea, index, null, crosshairState);
    }
}
