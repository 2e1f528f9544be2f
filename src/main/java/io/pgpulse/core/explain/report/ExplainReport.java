package io.pgpulse.core.explain.report;

import java.util.List;

import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.indexes.IndexSuggestion;

/**
 * What {@code pgpulse explain} prints: the plan, its insights and the index suggestions.
 *
 * @param suggestionsNote why there are no suggestions when they could not be computed; null otherwise
 */
public record ExplainReport(ExplainOutcome.Plan plan, List<Insight> insights, List<IndexSuggestion> suggestions,
        String suggestionsNote) {
    public ExplainReport {
        insights = List.copyOf(insights);
        suggestions = List.copyOf(suggestions);
    }
}
