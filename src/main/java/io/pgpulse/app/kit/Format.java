package io.pgpulse.app.kit;

import java.time.Duration;
import java.util.Locale;

/** Numbers and durations as people read them: units always, no false precision. */
public final class Format {
    private Format() {}

    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + " ms";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    public static String millis(double ms) {
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    public static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f %%", p);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
