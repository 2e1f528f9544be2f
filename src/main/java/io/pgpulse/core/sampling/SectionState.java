package io.pgpulse.core.sampling;

import java.time.Instant;

/** Whether a section's data is from this poll or kept from an earlier one. */
public sealed interface SectionState {
    record Fresh() implements SectionState {
    }

    /** The last poll could not read this section; its data is as of {@code since}. */
    record Stale(Instant since, String reason) implements SectionState {
    }

    /** This server or role cannot provide the section at all (e.g. pg_stat_statements missing). */
    record Unavailable(String reason) implements SectionState {
    }

    SectionState FRESH = new Fresh();
}
