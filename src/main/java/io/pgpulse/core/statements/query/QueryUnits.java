package io.pgpulse.core.statements.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;

import io.pgpulse.core.analysis.Humanize;

/**
 * The Queries view's figures as text, with their units, the same in the table, the detail pane
 * and the Markdown export. "n/a" for a figure that is not available, never 0.
 *
 * <p>Written as {@link Humanize} writes them, character for character, but without a
 * {@link java.util.Formatter}: the table writes hundreds of figures on every refresh, on the UI
 * thread, and a formatter costs several times more than the figure.
 */
public final class QueryUnits {
    public static final String NOT_AVAILABLE = "n/a";

    private QueryUnits() {
    }

    /** Per-call times: "0.42 ms", "35.1 ms", "1,234 ms". */
    public static String millis(double ms) {
        if (ms < 10) {
            return fixed(ms, 2, false) + " ms";
        }
        if (ms < 1000) {
            return fixed(ms, 1, false) + " ms";
        }
        return fixed(ms, 0, true) + " ms";
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
            return millis(ms);
        }
        if (ms < 60_000) {
            return fixed(ms / 1000, 1, false) + " s";
        }
        return Humanize.seconds(ms / 1000);
    }

    public static String rate(OptionalDouble perSecond) {
        return perSecond.isPresent() ? rate(perSecond.getAsDouble()) : NOT_AVAILABLE;
    }

    /** "500 /s", "2.5 /s", "0.03 /s", as {@link Humanize#rate}. */
    static String rate(double perSecond) {
        if (perSecond >= 100) {
            return fixed(perSecond, 0, true) + " /s";
        }
        if (perSecond >= 1) {
            return fixed(perSecond, 1, false) + " /s";
        }
        return fixed(perSecond, 2, false) + " /s";
    }

    public static String percent(OptionalDouble p) {
        return p.isPresent() ? percent(p.getAsDouble()) : NOT_AVAILABLE;
    }

    /** "93 %", "4.5 %", as {@link Humanize#percent}. */
    static String percent(double value) {
        return value < 10 ? fixed(value, 1, false) + " %" : fixed(value, 0, false) + " %";
    }

    /**
     * Whole numbers with thousands separators, "12,345", as {@link Humanize#count} writes them but
     * without a formatter: the table writes thousands of them on every refresh.
     */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + (length - 1) / 3);
        out.append(digits, 0, sign);
        int first = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, sign, sign + first);
        for (int i = sign + first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    public static String rowsPerCall(OptionalDouble rows) {
        if (rows.isEmpty()) {
            return NOT_AVAILABLE;
        }
        double r = rows.getAsDouble();
        return r < 10 ? fixed(r, 2, false) : r < 1000 ? fixed(r, 1, false) : fixed(r, 0, true);
    }

    /**
     * {@code value} with {@code decimals} decimals, as {@code String.format(Locale.ROOT, "%.2f")}
     * (or {@code "%,.0f"} with {@code grouping}) writes it: the shortest decimal form of the double
     * rounded half up, a minus sign for any negative value (-0.0 included), "NaN" and "Infinity"
     * as they are.
     */
    static String fixed(double value, int decimals, boolean grouping) {
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, (grouping ? "%,." : "%.") + decimals + "f", value);
        }
        boolean negative = Double.compare(value, 0.0) < 0;
        String digits = new BigDecimal(Double.toString(Math.abs(value))).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (negative) {
            out.append('-');
        }
        int point = digits.indexOf('.');
        int whole = point < 0 ? digits.length() : point;
        if (!grouping || whole <= 3) {
            return out.append(digits).toString();
        }
        int first = whole % 3 == 0 ? 3 : whole % 3;
        out.append(digits, 0, first);
        for (int i = first; i < whole; i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.append(digits, whole, digits.length()).toString();
    }

    /** Temporary blocks as the server counts them; the block size is not read, so no bytes. */
    public static String blocks(long blocks) {
        return count(blocks) + " blk";
    }
}
