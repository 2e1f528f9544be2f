package io.pgpulse.core.statements.query;

import java.util.Locale;
import java.util.OptionalDouble;

import io.pgpulse.core.analysis.Humanize;

/**
 * The Queries view's figures as text, with their units, the same in the table, the detail pane
 * and the Markdown export. "n/a" for a figure that is not available, never 0.
 */
public final class QueryUnits {
    public static final String NOT_AVAILABLE = "n/a";

    private QueryUnits() {
    }

    /** Per-call times: "0.42 ms", "35.1 ms", "1,234 ms". */
    public static String millis(double ms) {
        return Humanize.millis(ms);
    }

    public static String millis(OptionalDouble ms) {
        return ms.isPresent() ? millis(ms.getAsDouble()) : NOT_AVAILABLE;
    }

    /** Summed times read better in seconds and minutes: "850 ms", "4.2 s", "3 min 5 s". */
    public static String totalTime(double ms) {
        if (ms == 0) {
            return "0 ms";
        }
        if (ms < 1000) {
            return Humanize.millis(ms);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        return Humanize.seconds(ms / 1000);
    }

    public static String rate(OptionalDouble perSecond) {
        return perSecond.isPresent() ? Humanize.rate(perSecond.getAsDouble()) : NOT_AVAILABLE;
    }

    public static String percent(OptionalDouble p) {
        return p.isPresent() ? Humanize.percent(p.getAsDouble()) : NOT_AVAILABLE;
    }

    public static String count(long n) {
        return Humanize.count(n);
    }

    public static String rowsPerCall(OptionalDouble rows) {
        if (rows.isEmpty()) {
            return NOT_AVAILABLE;
        }
        double r = rows.getAsDouble();
        return r < 10 ? String.format(Locale.ROOT, "%.2f", r)
                : r < 1000 ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%,.0f", r);
    }

    /** Temporary blocks as the server counts them; the block size is not read, so no bytes. */
    public static String blocks(long blocks) {
        return Humanize.count(blocks) + " blk";
    }
}
