package io.pgpulse.app.explain;

import java.util.List;
import java.util.Optional;

import io.pgpulse.app.kit.Format;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.core.explain.input.PlanInputFormat;
import io.pgpulse.core.explain.input.PlanReading;

/**
 * A plan as the view shows it: the model, the server's own JSON and text, and what the reader
 * must know about how it was obtained.
 *
 * @param outcome the runner's result when PgPulse ran the EXPLAIN; null for a plan read from elsewhere
 * @param reading the plan as read from a paste or a file; null for a plan PgPulse ran
 * @param origin  how the plan was obtained, in words ("generic plan (EXPLAIN GENERIC_PLAN) …")
 */
public record PlanResult(QueryPlan plan, List<QueryPlan> plans, String rawJson, Optional<String> text,
        List<String> notes, String origin, ExplainOutcome.Plan outcome, PlanReading.Read reading) {

    public PlanResult {
        plans = List.copyOf(plans);
        notes = List.copyOf(notes);
    }

    static PlanResult ran(ExplainOutcome.Plan p) {
        String origin = (p.analyzed() ? "EXPLAIN ANALYZE, " : "EXPLAIN, ") + p.mode().description();
        return new PlanResult(p.model(), p.plans(), p.rawJson(), p.text(), p.notes(), origin, p, null);
    }

    static PlanResult read(PlanReading.Read r, String source) {
        boolean json = r.format() == PlanInputFormat.JSON;
        String origin = "read from " + source + " (" + (json ? "JSON" : "text") + " format)"
                + (r.notes().isEmpty() ? "" : ". " + String.join(" ", r.notes()));
        return new PlanResult(r.first(), r.plans(), json ? r.cleanedText() : "",
                json ? Optional.empty() : Optional.of(r.cleanedText()), r.notes(), origin, null, r);
    }

    /** One line for the status: what was run, how big the plan is, what it cost. */
    String summary() {
        StringBuilder s = new StringBuilder("Plan ready: ");
        int nodes = plan.nodes().size();
        s.append(nodes).append(nodes == 1 ? " node" : " nodes");
        Double cost = plan.root().totalCost();
        if (cost != null) {
            s.append(" · estimated cost ").append(Format.count(Math.round(cost)));
        }
        plan.executionTimeMs().ifPresent(ms -> s.append(" · executed in ").append(Format.millis(ms)));
        plan.planningTimeMs().ifPresent(ms -> s.append(" · planned in ").append(Format.millis(ms)));
        if (plans.size() > 1) {
            s.append(" · ").append(plans.size()).append(" plans, the first is shown");
        }
        s.append(" — ").append(origin);
        if (!origin.endsWith(".")) {
            s.append('.');
        }
        return s.toString();
    }
}
