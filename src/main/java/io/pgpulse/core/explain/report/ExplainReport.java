package io.pgpulse.core.explain.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pgpulse.core.explain.CheckedStatement;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.core.explain.StatementCheck;
import io.pgpulse.core.explain.StatementSplitter;
import io.pgpulse.core.explain.input.PlanInputFormat;
import io.pgpulse.core.explain.input.PlanReading;
import io.pgpulse.core.indexes.IndexSuggestion;

/**
 * What {@code pgpulse explain} prints: the plan, its insights and the index suggestions.
 *
 * @param source          where the plan came from: PgPulse ran EXPLAIN, or it was read from a file
 * @param suggestionsNote why there are no suggestions when they could not be computed; null otherwise
 */
public record ExplainReport(Source source, List<Insight> insights, List<IndexSuggestion> suggestions,
        String suggestionsNote) {
    public ExplainReport {
        insights = List.copyOf(insights);
        suggestions = List.copyOf(suggestions);
    }

    /** A plan PgPulse ran on the server. */
    public ExplainReport(ExplainOutcome.Plan plan, List<Insight> insights, List<IndexSuggestion> suggestions,
            String suggestionsNote) {
        this(new Explained(plan), insights, suggestions, suggestionsNote);
    }

    /** Where the reported plan came from; the writers switch on the type. */
    public sealed interface Source {
        /** The plan reported (the first when there are several). */
        QueryPlan model();

        /** What the reader must know: generic plan, several plans, framing removed … */
        List<String> notes();

        /** EXPLAIN ANALYZE: the plan carries actual rows and times. */
        boolean analyzed();

        /** The statement, when it is known. */
        Optional<CheckedStatement> statement();

        /** The plan as FORMAT JSON, when there is one. */
        Optional<String> rawJson();
    }

    /** PgPulse ran EXPLAIN on the server. */
    public record Explained(ExplainOutcome.Plan plan) implements Source {
        @Override
        public QueryPlan model() {
            return plan.model();
        }

        @Override
        public List<String> notes() {
            return plan.notes();
        }

        @Override
        public boolean analyzed() {
            return plan.analyzed();
        }

        @Override
        public Optional<CheckedStatement> statement() {
            return Optional.of(plan.statement());
        }

        @Override
        public Optional<String> rawJson() {
            return Optional.ofNullable(plan.rawJson());
        }
    }

    /**
     * A saved plan (a file, standard input, a paste), read without connecting.
     *
     * @param origin the file name, or a word for where it came from ("standard input")
     */
    public record PlanFile(PlanReading.Read reading, String origin) implements Source {
        @Override
        public QueryPlan model() {
            return reading.first();
        }

        @Override
        public List<String> notes() {
            List<String> notes = new ArrayList<>(reading.notes());
            if (reading.plans().size() > 1) {
                notes.add("This report covers the first of the " + reading.plans().size() + " plans.");
            }
            return notes;
        }

        @Override
        public boolean analyzed() {
            return model().analyzed();
        }

        /** Known when auto_explain logged the query text with the plan. */
        @Override
        public Optional<CheckedStatement> statement() {
            return reading.queryText(0).flatMap(q -> StatementSplitter.check(q) instanceof StatementCheck.Single s
                    ? Optional.of(s.statement()) : Optional.empty());
        }

        /** The JSON as read (framing removed), when the file held one plan in JSON. */
        @Override
        public Optional<String> rawJson() {
            return reading.format() == PlanInputFormat.JSON && reading.plans().size() == 1
                    ? Optional.of(reading.cleanedText()) : Optional.empty();
        }
    }
}
