package io.pgpulse.app.chart;

import java.awt.geom.Rectangle2D;
import java.util.function.IntFunction;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;

/**
 * Hover read-out for a live chart: a vertical line at the nearest point in time and a label with
 * every series' value there. It tracks a time, not an item, so the read-out stays on the same
 * moment while new points arrive and old ones scroll away.
 */
public final class ChartHover {
    public static final String READOUT_STYLE = "chart-readout";

    private final ChartViewer viewer;
    private final RollingDataset data;
    private final IntFunction<String> describe;
    private final Label readout = new Label();
    private final StackPane pane;
    private long hoveredX = Long.MIN_VALUE;
    private double mouseX;

    private ChartHover(ChartViewer viewer, RollingDataset data, IntFunction<String> describe) {
        this.viewer = viewer;
        this.data = data;
        this.describe = describe;
        readout.getStyleClass().add(READOUT_STYLE);
        readout.setMouseTransparent(true);
        readout.setVisible(false);
        readout.setManaged(false);
        pane = new StackPane(viewer, readout);
        StackPane.setAlignment(readout, Pos.TOP_LEFT);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                moved(event.getTrigger());
            }
        });
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> hide());
        data.addChangeListener(e -> {
            if (hoveredX != Long.MIN_VALUE) {
                show(hoveredX);
            }
        });
    }

    /**
     * Wraps {@code viewer} with a hover read-out.
     *
     * @param describe the text for an item of {@code data}, e.g. "14:02:11 · active 12 · idle 40"
     * @return the node to put in the layout instead of the viewer
     */
    public static StackPane attach(ChartViewer viewer, RollingDataset data, IntFunction<String> describe) {
        return new ChartHover(viewer, data, describe).pane;
    }

    private void moved(MouseEvent e) {
        Rectangle2D area = dataArea();
        if (area == null || !area.contains(e.getX(), e.getY()) || data.size() == 0) {
            hide();
            return;
        }
        XYPlot plot = viewer.getChart().getXYPlot();
        double x = plot.getDomainAxis().java2DToValue(e.getX(), area, plot.getDomainAxisEdge());
        mouseX = e.getX();
        show((long) x);
    }

    private void show(long x) {
        int item = data.nearest(x);
        if (item < 0) {
            hide();
            return;
        }
        hoveredX = x;
        XYPlot plot = viewer.getChart().getXYPlot();
        double at = data.x(item);
        if (!plot.isDomainCrosshairVisible() || plot.getDomainCrosshairValue() != at) {
            plot.setDomainCrosshairVisible(true);
            plot.setDomainCrosshairValue(at);
        }
        readout.setText(describe.apply(item));
        readout.setVisible(true);
        readout.autosize();
        Rectangle2D area = dataArea();
        double width = readout.getWidth();
        double left = mouseX + 14;
        if (left + width > pane.getWidth() - 4) {
            left = Math.max(4, mouseX - 14 - width);
        }
        readout.relocate(left, area == null ? 8 : area.getMinY() + 6);
    }

    private void hide() {
        hoveredX = Long.MIN_VALUE;
        readout.setVisible(false);
        XYPlot plot = viewer.getChart().getXYPlot();
        if (plot.isDomainCrosshairVisible()) {
            plot.setDomainCrosshairVisible(false);
        }
    }

    private Rectangle2D dataArea() {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        return info == null || info.getPlotInfo() == null ? null : info.getPlotInfo().getDataArea();
    }
}
