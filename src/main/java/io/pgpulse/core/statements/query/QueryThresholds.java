package io.pgpulse.core.statements.query;

import java.time.Duration;
import java.util.Objects;

import io.pgpulse.core.analysis.NPlusOneDetector;

/**
 * When a statement earns a marker in the Queries view.
 *
 * @param slowMeanMs                 a statement is slow when its mean execution time in the window
 *                                   is at least this…
 * @param slowMinCalls               …and it ran at least this often in the window (a one-off
 *                                   maintenance query is not the query to fix)
 * @param regressionFactor           a statement regressed when its mean in the window is at least
 *                                   this many times its mean before the window…
 * @param regressionMinCalls         …with at least this many calls in the window…
 * @param regressionMinBaselineCalls …and at least this many calls before it, so one slow call
 *                                   against three fast ones is not a regression
 * @param detectionWindow            N+1 and hot-lookup detection look at this much recent
 *                                   history whatever window the table shows, so a flag appears
 *                                   within a few refreshes of a loop starting and clears this
 *                                   long after it stops
 * @param repeated                   the N+1 detector's own thresholds
 */
public record QueryThresholds(
        double slowMeanMs,
        long slowMinCalls,
        double regressionFactor,
        long regressionMinCalls,
        long regressionMinBaselineCalls,
        Duration detectionWindow,
        NPlusOneDetector.Thresholds repeated) {

    /**
     * PgHero's slow-query threshold (20 ms); the call minimum is per window rather than per
     * lifetime, so it is lower than PgHero's 100.
     */
    public static final QueryThresholds DEFAULT = new QueryThresholds(20, 10, 3, 20, 50, Duration.ofMinutes(1),
            NPlusOneDetector.Thresholds.DEFAULT);

    public QueryThresholds {
        Objects.requireNonNull(detectionWindow, "detectionWindow");
        Objects.requireNonNull(repeated, "repeated");
        if (!(slowMeanMs >= 0) || slowMinCalls < 0 || !(regressionFactor > 1) || regressionMinCalls < 1
                || regressionMinBaselineCalls < 1) {
            throw new IllegalArgumentException("thresholds out of range");
        }
        if (detectionWindow.isNegative() || detectionWindow.isZero()) {
            throw new IllegalArgumentException("detection window must be positive: " + detectionWindow);
        }
    }

    public QueryThresholds withSlow(double meanMs, long minCalls) {
        return new QueryThresholds(meanMs, minCalls, regressionFactor, regressionMinCalls, regressionMinBaselineCalls,
                detectionWindow, repeated);
    }

    public QueryThresholds withDetectionWindow(Duration window) {
        return new QueryThresholds(slowMeanMs, slowMinCalls, regressionFactor, regressionMinCalls,
                regressionMinBaselineCalls, window, repeated);
    }
}
