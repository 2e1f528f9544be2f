package io.pgpulse.core.statements.query;

import java.util.Locale;
import java.util.function.LongFunction;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.RepeatedQuery;

/**
 * The sentences behind a marker, the same in the findings strip, the detail pane and the
 * Markdown export: what was measured, over which window, and what to do about it.
 */
public final class QueryExplanations {
    public static final String N_PLUS_ONE_FIX = "Fetch the rows in one query: join the looked-up table in the list"
            + " query, or load them with WHERE key = ANY($1) using the ids from the list (the ORM's eager loading:"
            + " Prisma include, Django select_related/prefetch_related, Rails includes, Hibernate JOIN FETCH).";
    public static final String HOT_LOOKUP_FIX = "If it comes from a loop, batch it (WHERE key = ANY($1)); if the value"
            + " rarely changes, cache it in the application.";

    private QueryExplanations() {
    }

    public static String title(RepeatedQuery r) {
        return r.isNPlusOne() ? "N+1 loop: one call per row of its parent"
                : "Hot lookup: very frequent, no list query drives it";
    }

    /**
     * The measured figures.
     *
     * @param textOf a short text for a queryid, for naming the parent
     */
    public static String evidence(RepeatedQuery r, LongFunction<String> textOf) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s calls in %s (%s), %s each, %s rows per call",
                Humanize.count(r.calls()), Humanize.seconds(r.windowSeconds()), Humanize.rate(r.callsPerSecond()),
                Humanize.millis(r.meanMs()), QueryUnits.rowsPerCall(java.util.OptionalDouble.of(r.rowsPerCall()))));
        if (r.isNPlusOne()) {
            s.append(String.format(Locale.ROOT, ". Parent \"%s\": %s calls returning %s rows, %.2f lookup calls per"
                            + " parent row", textOf.apply(r.parent().orElseThrow().queryId()), Humanize.count(r.parentCalls()),
                    Humanize.count(r.parentRows()), r.ratio()));
            if (Double.isNaN(r.correlation())) {
                s.append(String.format(Locale.ROOT, " over %d polls (too few to compare poll by poll)", r.intervals()));
            } else {
                s.append(String.format(Locale.ROOT, "; they moved together in %.0f %% of %d polls",
                        r.correlation() * 100, r.intervals()));
            }
        }
        r.application().ifPresent(a -> s.append("; seen from application \"").append(a).append('"'));
        return s.append('.').toString();
    }

    public static String fix(RepeatedQuery r) {
        return r.isNPlusOne() ? N_PLUS_ONE_FIX : HOT_LOOKUP_FIX;
    }

    public static String regression(Regression r) {
        return String.format(Locale.ROOT, "Mean %s in this window against %s before (×%.1f), the baseline being %s"
                        + " (%s calls).", Humanize.millis(r.windowMeanMs()), Humanize.millis(r.baselineMeanMs()), r.factor(),
                r.baseline().description(), Humanize.count(r.baselineCalls()));
    }

    public static String slow(QueryFigures f, QueryThresholds t) {
        return String.format(Locale.ROOT, "Mean %s over %s calls, above the slow threshold (%s with at least %s calls).",
                QueryUnits.millis(f.meanTimeMs()), Humanize.count(f.calls()), Humanize.millis(t.slowMeanMs()),
                Humanize.count(t.slowMinCalls()));
    }

    /** A text short enough for a sentence: one line, at most {@code max} characters. */
    public static String shorten(String text, int max) {
        if (text == null) {
            return null;
        }
        // A long text's start on one line is the start of the whole on one line (runs of spaces
        // collapse the same way): when it is already too long, the rest need not be read.
        if (text.length() > 2 * max + 2) {
            String head = SqlFormatter.singleLine(text.substring(0, 2 * max + 2));
            if (head.length() > max) {
                return head.substring(0, max - 1) + "…";
            }
        }
        String line = SqlFormatter.singleLine(text);
        return line.length() > max ? line.substring(0, max - 1) + "…" : line;
    }
}
