package io.pgpulse.app.chart;

import java.awt.Color;

import io.pgpulse.app.theme.AppTheme;

/**
 * The meaning of a chart colour. Charts name meanings, {@link ChartStyler} maps them to the
 * theme's palette, so a series keeps its meaning (green = working, amber = waiting, red =
 * trouble) when the theme changes.
 */
public enum Tone {
    ACTIVE, IDLE, IDLE_IN_TRANSACTION, ABORTED, OTHER, ACCENT, WARNING, CRITICAL, MUTED;

    public Color color(AppTheme theme) {
        return switch (this) {
            case ACTIVE -> theme.active;
            case IDLE -> theme.idle;
            case IDLE_IN_TRANSACTION, WARNING -> theme.idleInTransaction;
            case ABORTED, CRITICAL -> theme.critical;
            case OTHER -> theme.other;
            case ACCENT -> theme.accent;
            case MUTED -> theme.muted;
        };
    }

    /** Something that carries a tone: a series key or a marker. */
    public interface Toned {
        Tone tone();
    }
}
