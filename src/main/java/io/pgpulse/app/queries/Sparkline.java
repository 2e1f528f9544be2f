package io.pgpulse.app.queries;

import java.awt.Color;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;

import io.pgpulse.app.theme.AppTheme;

/**
 * A small line over time, no axes: the shape of a statement's history at a glance, next to the
 * figures that give it numbers. Drawn on a canvas in the theme's colours (a chart library would
 * cost more than the whole table for three tiny lines), redrawn on resize, data or theme change.
 */
final class Sparkline extends Region {
    private final Canvas canvas = new Canvas();
    private final ObservableValue<AppTheme> theme;
    private long[] times = new long[0];
    private double[] values = new double[0];
    private long from;
    private long to;
    private final ChangeListener<AppTheme> themeListener = (obs, old, now) -> draw();

    Sparkline(ObservableValue<AppTheme> theme) {
        this.theme = theme;
        getStyleClass().add("sparkline");
        getChildren().add(canvas);
        setMinSize(60, 28);
        setPrefSize(240, 36);
        theme.addListener(new WeakChangeListener<>(themeListener));
    }

    /**
     * @param from start of the time axis (epoch millis), so that all sparklines of a detail share it
     * @param to   end of the time axis
     */
    void setData(long[] times, double[] values, long from, long to) {
        this.times = times;
        this.values = values;
        this.from = from;
        this.to = to;
        draw();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        AppTheme t = theme.getValue();
        g.setStroke(fx(t.grid));
        g.setLineWidth(1);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
        int n = Math.min(times.length, values.length);
        if (n == 0 || w <= 2 || h <= 2) {
            return;
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, values[i]);
        }
        double span = Math.max(1, to - from);
        double top = 3;
        double usable = h - top - 1;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = Math.max(0, Math.min(w - 1, (times[i] - from) / span * (w - 2) + 1));
            ys[i] = max <= 0 ? h - 1 : h - 1 - values[i] / max * usable;
        }
        Color accent = t.accent;
        g.setFill(fx(AppTheme.translucent(accent, 50)));
        g.beginPath();
        g.moveTo(xs[0], h - 1);
        for (int i = 0; i < n; i++) {
            g.lineTo(xs[i], ys[i]);
        }
        g.lineTo(xs[n - 1], h - 1);
        g.closePath();
        g.fill();
        g.setStroke(fx(accent));
        g.setLineWidth(1.5);
        g.beginPath();
        g.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            g.lineTo(xs[i], ys[i]);
        }
        g.stroke();
        g.setFill(fx(accent));
        g.fillOval(xs[n - 1] - 2.5, ys[n - 1] - 2.5, 5, 5);
    }

    private static Paint fx(Color c) {
        return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }
}
