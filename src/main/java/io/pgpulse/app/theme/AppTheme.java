package io.pgpulse.app.theme;

import java.awt.Color;

/**
 * The palette of one theme, for the parts CSS cannot reach (JFreeChart draws with AWT). Series
 * colours keep their meaning in both themes: green is healthy work, amber is waiting, red is
 * trouble, grey is idle.
 */
public enum AppTheme {
    LIGHT(new Color(0xffffff), new Color(0x24292f), new Color(0x57606a), new Color(0xd0d7de),
            new Color(0x1f883d), new Color(0x8c959f), new Color(0xbf8700), new Color(0xcf222e), new Color(0x8250df),
            new Color(0x0969da)),
    DARK(new Color(0x0d1117), new Color(0xe6edf3), new Color(0x8d96a0), new Color(0x30363d),
            new Color(0x3fb950), new Color(0x6e7681), new Color(0xd29922), new Color(0xf85149), new Color(0xbc8cff),
            new Color(0x58a6ff));

    public final Color background;
    public final Color foreground;
    public final Color muted;
    public final Color grid;
    public final Color active;
    public final Color idle;
    public final Color idleInTransaction;
    public final Color critical;
    public final Color other;
    public final Color accent;

    AppTheme(Color background, Color foreground, Color muted, Color grid, Color active, Color idle,
            Color idleInTransaction, Color critical, Color other, Color accent) {
        this.background = background;
        this.foreground = foreground;
        this.muted = muted;
        this.grid = grid;
        this.active = active;
        this.idle = idle;
        this.idleInTransaction = idleInTransaction;
        this.critical = critical;
        this.other = other;
        this.accent = accent;
    }

    /** A translucent version of a colour, for warning/critical bands behind the data. */
    public static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    public String cssHex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
