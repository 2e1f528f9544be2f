package io.pgpulse.core.explain.input;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.pgpulse.core.explain.QueryPlan;

/** What came of reading a pasted or loaded plan; the UI and the CLI switch on the type. */
public sealed interface PlanReading {

    /**
     * The plans found.
     *
     * @param plans       one or more: a rewrite rule can make one statement produce several, and
     *                    several auto_explain entries or psql outputs can be pasted at once
     * @param format      the format of the (first) plan
     * @param cleanedText the text that was read, after removing psql, log and quote framing
     * @param notes       what the reader did or noticed, for the user: framing removed, several plans,
     *                    lines kept but not recognised …
     */
    record Read(List<QueryPlan> plans, PlanInputFormat format, String cleanedText, List<String> notes)
            implements PlanReading {
        public Read {
            if (plans.isEmpty()) {
                throw new IllegalArgumentException("a reading has at least one plan");
            }
            plans = List.copyOf(plans);
            notes = List.copyOf(notes);
        }

        /** The first plan (the statement's own when a rule added more). */
        public QueryPlan first() {
            return plans.get(0);
        }

        /** The statement text auto_explain logged with a plan ({@code Query Text}), when there is one. */
        public Optional<String> queryText(int plan) {
            Object text = plans.get(plan).properties().get("Query Text");
            return text instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        }
    }

    /**
     * Nothing could be read.
     *
     * @param message for the user as is: where (line) and why
     * @param line    the line of the given text the message is about, when there is one
     */
    record Unreadable(String message, OptionalInt line) implements PlanReading {}
}
