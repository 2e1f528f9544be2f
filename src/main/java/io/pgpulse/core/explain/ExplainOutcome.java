package io.pgpulse.core.explain;

import java.util.List;
import java.util.Optional;

/** The result of an EXPLAIN request; the UI and the CLI switch on the type. */
public sealed interface ExplainOutcome {

    /**
     * A plan.
     *
     * @param plans      one per statement the server planned (a rewrite rule can make more than one)
     * @param rawJson    the server's FORMAT JSON output, unchanged
     * @param text       the server's text format (not fetched under ANALYZE: that would run the statement twice)
     * @param notes      what the reader must know: generic plan, several plans …
     * @param tableStats statistics freshness of the tables the plan reads
     */
    record Plan(CheckedStatement statement, List<QueryPlan> plans, String rawJson, Optional<String> text,
            PlanMode mode, boolean analyzed, List<String> notes, List<TableStats> tableStats) implements ExplainOutcome {
        public Plan {
            plans = List.copyOf(plans);
            notes = List.copyOf(notes);
            tableStats = List.copyOf(tableStats);
        }

        /** The plan of the statement (the first when a rule produced several). */
        public QueryPlan model() {
            return plans.get(0);
        }
    }

    /** Refused before or instead of running; nothing that could change anything was sent. */
    record Rejected(String reason) implements ExplainOutcome {}

    /** The server could not produce a plan; the message says why and, where possible, what to do. */
    record Failed(String message, String sqlState) implements ExplainOutcome {}
}
