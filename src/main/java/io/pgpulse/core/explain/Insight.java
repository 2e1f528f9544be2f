package io.pgpulse.core.explain;

import java.util.Map;

import io.pgpulse.core.analysis.Severity;

/**
 * One finding about a plan.
 *
 * @param nodeId   the node's pre-order id in its plan
 * @param nodePath child indexes from the root ({@code 0.1.0}), stable for a given plan shape
 * @param node     the node as a person reads it ("Seq Scan on orders o")
 * @param numbers  the figures behind the finding, by snake_case name (rows, kB, factor …)
 */
public record Insight(InsightKind kind, Severity severity, int nodeId, String nodePath, String node, String title,
        String detail, String advice, Map<String, Double> numbers) {
    public Insight {
        numbers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numbers));
    }
}
