package io.pgpulse.core.statements.query;

import java.util.Objects;

/**
 * A statement whose mean execution time in the window is far above its own earlier mean.
 *
 * @param windowMeanMs   mean over the window
 * @param baselineMeanMs mean before the window
 * @param baselineCalls  calls the baseline mean is made of
 * @param baseline       where the baseline comes from
 */
public record Regression(double windowMeanMs, double baselineMeanMs, long baselineCalls, Baseline baseline) {

    public enum Baseline {
        /** PgPulse's retained history before the window. */
        RETAINED_HISTORY("PgPulse's history before the window"),
        /**
         * pg_stat_statements' lifetime counters minus the window: used until PgPulse has watched
         * long enough to have a history of its own.
         */
        SINCE_RESET("the statistics since their last reset, without the window");

        private final String description;

        Baseline(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public Regression {
        Objects.requireNonNull(baseline, "baseline");
    }

    public double factor() {
        return windowMeanMs / baselineMeanMs;
    }
}
