package io.pgpulse.core.explain;

import java.util.List;
import java.util.OptionalDouble;

/** What the planner did with hypothetical indexes (hypopg), each tried alone against the same baseline. */
public sealed interface HypotheticalIndexCheck {

    /**
     * @param costBefore the statement's total cost without any hypothetical index
     * @param results    one per index, in the order asked
     */
    record Verified(double costBefore, List<Result> results) implements HypotheticalIndexCheck {
        public Verified {
            results = List.copyOf(results);
        }
    }

    /** hypopg is not installed in this database; {@code fix} says how to get it. */
    record Unavailable(String reason, String fix) implements HypotheticalIndexCheck {}

    /** Verification was refused (same rules as EXPLAIN) or failed. */
    record Failed(String message) implements HypotheticalIndexCheck {}

    /**
     * @param createIndexSql the {@code CREATE INDEX ON …} given to hypopg_create_index
     * @param costAfter      total cost with this index; empty when hypopg refused it ({@code error} says why)
     * @param used           the new plan scans the hypothetical index
     */
    record Result(String createIndexSql, OptionalDouble costAfter, boolean used, String error) {}
}
