package io.pgpulse.core.statements;

import java.time.Instant;
import java.util.Objects;

/** Something that happened between two polls and changes how the interval must be read. */
public sealed interface DeltaEvent {

    /** {@code pg_stat_statements_reset()} ran (or the server reinitialised the statistics). */
    record StatsReset(Instant at) implements DeltaEvent {
        public StatsReset {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The postmaster restarted; counters persist across a clean restart, not across a crash. */
    record ServerRestart(Instant startedAt) implements DeltaEvent {
        public ServerRestart {
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /**
     * The sample is not later than the previous one (a clock step, or samples fed out of order),
     * so no interval length can be trusted and the engine started over from this sample.
     */
    record SampleTimeNotIncreasing(Instant previous, Instant current) implements DeltaEvent {
        public SampleTimeNotIncreasing {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
        }
    }
}
