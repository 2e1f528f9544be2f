package io.pgpulse.core.explain.report;

import java.util.Locale;

import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.NodeMetrics;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.core.indexes.IndexSuggestion;

/** An {@link ExplainReport} for people: the plan as an indented table, then insights and suggestions. */
public final class ExplainReportMarkdown {
    /** A terminal is no place for a 10,000-row table; JSON has every node. */
    static final int MAX_ROWS = 200;

    private ExplainReportMarkdown() {}

    public static String render(ExplainReport report) {
        StringBuilder md = new StringBuilder("# EXPLAIN\n\n");
        ExplainReport.Source source = report.source();
        QueryPlan plan = source.model();
        if (source instanceof ExplainReport.Explained explained) {
            md.append("Statement: ").append(explained.plan().statement().kind()).append(", plan: ")
                    .append(explained.plan().mode().description()).append(source.analyzed() ? ", executed (ANALYZE)" : "")
                    .append(".\n\n");
        } else if (source instanceof ExplainReport.PlanFile file) {
            md.append("Plan read from ").append(esc(file.origin())).append(" (")
                    .append(file.reading().format().name().toLowerCase(Locale.ROOT)).append(" format, ")
                    .append(source.analyzed() ? "executed with ANALYZE" : "estimates only, no ANALYZE")
                    .append(source.statement().map(st -> ", statement: " + st.kind()).orElse("")).append(").\n\n");
        }
        for (String note : source.notes()) {
            md.append("- ").append(esc(note)).append('\n');
        }
        if (!source.notes().isEmpty()) {
            md.append('\n');
        }
        md.append("## Plan\n\n");
        boolean analyzed = plan.analyzed();
        md.append(analyzed ? "| Node | Rows (est → actual) | Loops | Exclusive ms | % | Cost |\n|---|---|---|---|---|---|\n"
                : "| Node | Rows (est) | Cost |\n|---|---|---|\n");
        int shown = 0;
        for (PlanNode n : plan.nodes()) {
            if (shown++ >= MAX_ROWS) {
                md.append("\n… ").append(plan.nodes().size() - MAX_ROWS).append(" more nodes (use --format json for all).\n");
                break;
            }
            NodeMetrics m = plan.metrics(n);
            String name = "&nbsp;".repeat(m.depth() * 2) + (m.onHotPath() ? "**" + esc(PlanInsights.describe(n)) + "**"
                    : esc(PlanInsights.describe(n)));
            if (analyzed) {
                md.append("| ").append(name).append(" | ").append(num(n.planRows())).append(" → ")
                        .append(n.neverExecuted() ? "never executed" : num(n.actualRows()))
                        .append(m.misestimateToFlag().filter(x -> x.factor() >= 10).map(x -> String.format(Locale.ROOT, " (%+.0f×)", x.signedFactor())).orElse(""))
                        .append(" | ").append(num(n.actualLoops())).append(" | ")
                        .append(m.exclusiveMs().isPresent() ? String.format(Locale.ROOT, "%.3f", m.exclusiveMs().getAsDouble()) : "n/a")
                        .append(" | ").append(m.percentOfTotal().isPresent() ? String.format(Locale.ROOT, "%.1f", m.percentOfTotal().getAsDouble()) : "n/a")
                        .append(" | ").append(num(n.totalCost())).append(" |\n");
            } else {
                md.append("| ").append(name).append(" | ").append(num(n.planRows())).append(" | ").append(num(n.totalCost())).append(" |\n");
            }
        }
        md.append("\n## Insights\n\n");
        if (report.insights().isEmpty()) {
            md.append("Nothing stands out in this plan.\n");
        }
        for (Insight i : report.insights()) {
            md.append("- **").append(i.severity().label()).append("** ").append(esc(i.title())).append(" — node #")
                    .append(i.nodeId()).append(" ").append(esc(i.node())).append(". ").append(esc(i.detail()))
                    .append(" *Do:* ").append(esc(i.advice())).append('\n');
        }
        md.append("\n## Index suggestions\n\n");
        if (report.suggestions().isEmpty()) {
            md.append(report.suggestionsNote() != null ? report.suggestionsNote() : "None: no scanned table would clearly gain from a new index.").append('\n');
        }
        for (IndexSuggestion s : report.suggestions()) {
            md.append("- `").append(s.ddl()).append("`\n  ").append(esc(s.reason())).append("\n  ")
                    .append(esc(s.verification())).append('\n');
        }
        return md.toString();
    }

    private static String num(Double v) {
        if (v == null) {
            return "n/a";
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
