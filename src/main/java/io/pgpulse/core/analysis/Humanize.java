package io.pgpulse.core.analysis;

import java.time.Duration;
import java.util.Locale;

/**
 * Numbers and durations as people read them in a sentence or a table cell, always with a unit.
 * Locale-independent, so a report reads the same on every machine and tests can match it.
 */
public final class Humanize {
    private Humanize() {
    }

    /** "350 ms", "4.5 s", "42 s", "12 min 4 s", "3 h 5 min", "2 d 4 h"; "n/a" for null. */
    public static String duration(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long millis = Math.max(0, d.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return pair(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return pair(s / 3600, "h", s % 3600 / 60, "min");
        }
        return pair(s / 86_400, "d", s % 86_400 / 3600, "h");
    }

    public static String seconds(double seconds) {
        return duration(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** Whole numbers with thousands separators: "12,345". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 query", "17 queries". */
    public static String count(long n, String singular, String plural) {
        return count(n) + " " + (n == 1 ? singular : plural);
    }

    /** "93 %" from 93.2; one decimal below 10 so that small shares do not all read "0 %". */
    public static String percent(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f %%", value) : String.format(Locale.ROOT, "%.0f %%", value);
    }

    /** Execution times: "0.42 ms", "35.1 ms", "1,234 ms". */
    public static String millis(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** Per-second rates: "500 /s", "2.5 /s", "0.03 /s", so that slow rates do not read as zero. */
    public static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%,.0f /s", perSecond);
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, "%.1f /s", perSecond);
        }
        return String.format(Locale.ROOT, "%.2f /s", perSecond);
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
