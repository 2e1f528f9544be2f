package io.pgpulse.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Stroke;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

import io.pgpulse.app.theme.AppTheme;

/**
 * The one place where charts get the theme. JFreeChart draws with AWT and ignores CSS, so its
 * defaults (grey plot, dark gridlines, serif-ish fonts) would look foreign next to AtlantaFX; this
 * maps the {@link AppTheme} palette onto backgrounds, gridlines, axes, fonts, legends, series
 * (by their {@link Tone}) and markers, and re-applies it when the theme changes.
 */
public final class ChartStyler {
    private static final String LISTENER_KEY = ChartStyler.class.getName() + ".listener";
    private static final String FONT_FAMILY = fontFamily();
    private static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);
    private static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 12);
    private static final Stroke GRID = new BasicStroke(0.6f);
    private static final Stroke LIMIT = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    private static final Stroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    /** Opacity of stacked areas: solid enough to read the state, light enough to see the gridlines. */
    private static final int AREA_ALPHA = 215;
    private static final int BAND_ALPHA = 34;

    private ChartStyler() {
    }

    /**
     * Styles {@code charts} for the current theme now and again whenever it changes. The listener
     * is held by {@code owner}, so the charts are released with the view that shows them.
     */
    public static void follow(ObservableValue<AppTheme> theme, Node owner, JFreeChart... charts) {
        List<JFreeChart> list = List.of(charts);
        list.forEach(c -> apply(c, theme.getValue()));
        ChangeListener<AppTheme> listener = (obs, old, now) -> list.forEach(c -> apply(c, now));
        owner.getProperties().put(LISTENER_KEY + System.identityHashCode(list), listener);
        theme.addListener(new WeakChangeListener<>(listener));
    }

    /** Applies {@code theme} to the chart with a single redraw. */
    public static void apply(JFreeChart chart, AppTheme theme) {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            chart.setAntiAlias(true);
            chart.setTextAntiAlias(true);
            chart.setBackgroundPaint(theme.background);
            chart.setBorderVisible(false);
            TextTitle title = chart.getTitle();
            if (title != null) {
                title.setFont(TITLE_FONT);
                title.setPaint(theme.foreground);
            }
            for (int i = 0; i < chart.getSubtitleCount(); i++) {
                styleTitle(chart.getSubtitle(i), theme);
            }
            if (chart.getPlot() instanceof XYPlot plot) {
                stylePlot(plot, theme);
            }
        } finally {
            chart.setNotify(notify);
        }
    }

    private static void styleTitle(Title t, AppTheme theme) {
        if (t instanceof LegendTitle legend) {
            legend.setBackgroundPaint(theme.background);
            legend.setItemPaint(theme.foreground);
            legend.setItemFont(LABEL_FONT);
            legend.setFrame(BlockBorder.NONE);
        } else if (t instanceof TextTitle text) {
            text.setFont(LABEL_FONT);
            text.setPaint(theme.muted);
        }
    }

    private static void stylePlot(XYPlot plot, AppTheme theme) {
        plot.setBackgroundPaint(theme.background);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainGridlinePaint(AppTheme.translucent(theme.grid, 150));
        plot.setRangeGridlinePaint(theme.grid);
        plot.setDomainGridlineStroke(GRID);
        plot.setRangeGridlineStroke(GRID);
        plot.setDomainCrosshairPaint(theme.muted);
        plot.setDomainCrosshairStroke(new BasicStroke(1f));
        plot.setRangeCrosshairVisible(false);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            styleAxis(plot.getDomainAxis(i), theme);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            styleAxis(plot.getRangeAxis(i), theme);
        }
        for (int i = 0; i < plot.getDatasetCount(); i++) {
            XYDataset dataset = plot.getDataset(i);
            XYItemRenderer renderer = plot.getRendererForDataset(dataset);
            if (dataset != null && renderer != null) {
                styleSeries(dataset, renderer, theme);
            }
        }
        for (Layer layer : List.of(Layer.FOREGROUND, Layer.BACKGROUND)) {
            styleMarkers(plot.getRangeMarkers(layer), theme);
            styleMarkers(plot.getDomainMarkers(layer), theme);
        }
    }

    private static void styleAxis(Axis axis, AppTheme theme) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(theme.muted);
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(theme.muted);
        axis.setAxisLinePaint(theme.grid);
        axis.setTickMarkPaint(theme.grid);
    }

    private static void styleSeries(XYDataset dataset, XYItemRenderer renderer, AppTheme theme) {
        boolean area = renderer instanceof XYAreaRenderer || renderer instanceof XYAreaRenderer2;
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            if (dataset.getSeriesKey(s) instanceof Tone.Toned toned) {
                Color c = toned.tone().color(theme);
                renderer.setSeriesPaint(s, area ? areaColor(toned.tone(), theme) : c, false);
                renderer.setSeriesStroke(s, LINE, false);
            }
        }
    }

    /**
     * The fill of an area: the tone softened towards the background. Opaque, because stacked
     * areas are painted over each other and a translucent one would tint with the one beneath.
     */
    public static Color areaColor(Tone tone, AppTheme theme) {
        Color c = tone.color(theme);
        Color b = theme.background;
        double a = AREA_ALPHA / 255.0;
        return new Color((int) Math.round(c.getRed() * a + b.getRed() * (1 - a)),
                (int) Math.round(c.getGreen() * a + b.getGreen() * (1 - a)),
                (int) Math.round(c.getBlue() * a + b.getBlue() * (1 - a)));
    }

    private static void styleMarkers(Collection<?> markers, AppTheme theme) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            if (o instanceof ToneMarkers.Band band) {
                band.setPaint(AppTheme.translucent(band.tone().color(theme), BAND_ALPHA));
                band.setOutlinePaint(null);
            } else if (o instanceof ToneMarkers.Line line) {
                Color c = line.tone().color(theme);
                line.setPaint(c);
                line.setStroke(LIMIT);
                line.setLabelPaint(c);
                line.setLabelFont(LABEL_FONT);
                line.setLabelBackgroundColor(AppTheme.translucent(theme.background, 210));
            } else if (o instanceof Marker m) {
                m.setLabelPaint(theme.muted);
                m.setLabelFont(LABEL_FONT);
                m.setLabelBackgroundColor(AppTheme.translucent(theme.background, 210));
            }
        }
    }

    /** The UI's font family if AWT has it, so chart text matches the controls around it. */
    private static String fontFamily() {
        Set<String> available = Set.of();
        try {
            available = Set.copyOf(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
        } catch (RuntimeException e) {
            // A headless AWT without fonts: the logical font below always exists.
        }
        for (String family : List.of(javafx.scene.text.Font.getDefault().getFamily(), "Inter", "Cantarell",
                "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue")) {
            if (available.contains(family)) {
                return family;
            }
        }
        return Font.SANS_SERIF;
    }
}
