package io.pgpulse.core.explain.report;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.NodeMetrics;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;
import io.pgpulse.core.indexes.IndexSuggestion;

/**
 * Writes an {@link ExplainReport} as the JSON documented in docs/explain.md. Nodes are a flat list
 * in pre-order with parent ids, so a 10,000-node plan does not become 10,000 levels of nesting.
 */
public final class ExplainReportJson {
    private ExplainReportJson() {}

    public static String write(ExplainReport report) {
        ObjectNode root = JsonOutput.object();
        ExplainReport.Source source = report.source();
        if (source instanceof ExplainReport.PlanFile file) {
            // A saved plan: where it came from first; no statement or mode unless the file tells them.
            ObjectNode from = root.putObject("source");
            from.put("kind", "plan_file");
            from.put("origin", file.origin());
            from.put("format", file.reading().format().name().toLowerCase(Locale.ROOT));
            from.put("plans", file.reading().plans().size());
            from.put("query_text", file.reading().queryText(0).orElse(null));
        }
        if (source.statement().isPresent()) {
            ObjectNode statement = root.putObject("statement");
            statement.put("kind", source.statement().get().kind().name().toLowerCase(Locale.ROOT));
            statement.put("parameters", source.statement().get().parameterCount());
        } else {
            root.putNull("statement");
        }
        if (source instanceof ExplainReport.Explained explained) {
            root.put("mode", explained.plan().mode().name().toLowerCase(Locale.ROOT));
        } else {
            root.putNull("mode");
        }
        root.put("analyzed", source.analyzed());
        ArrayNode notes = root.putArray("notes");
        source.notes().forEach(notes::add);
        root.set("plan", plan(source.model(), source.rawJson().orElse(null)));
        root.set("insights", insights(report));
        ArrayNode suggestions = root.putArray("index_suggestions");
        for (IndexSuggestion s : report.suggestions()) {
            suggestions.add(suggestion(s));
        }
        if (report.suggestionsNote() == null) {
            root.putNull("index_suggestions_note");
        } else {
            root.put("index_suggestions_note", report.suggestionsNote());
        }
        return JsonOutput.write(root);
    }

    static ObjectNode plan(QueryPlan plan, String rawJson) {
        ObjectNode p = JsonOutput.object();
        JsonOutput.putNumber(p, "planning_time_ms", plan.planningTimeMs().isPresent() ? plan.planningTimeMs().getAsDouble() : null);
        JsonOutput.putNumber(p, "execution_time_ms", plan.executionTimeMs().isPresent() ? plan.executionTimeMs().getAsDouble() : null);
        JsonOutput.putNumber(p, "total_cost", plan.root().totalCost());
        ArrayNode nodes = p.putArray("nodes");
        for (PlanNode n : plan.nodes()) {
            nodes.add(node(plan, n));
        }
        try {
            p.set("raw", rawJson == null ? null : JsonOutput.MAPPER.readTree(rawJson));
        } catch (JsonProcessingException e) {
            p.put("raw", rawJson);
        }
        return p;
    }

    private static ObjectNode node(QueryPlan plan, PlanNode n) {
        NodeMetrics m = plan.metrics(n);
        ObjectNode o = JsonOutput.object();
        o.put("id", n.id());
        if (m.parentId() < 0) {
            o.putNull("parent_id");
        } else {
            o.put("parent_id", m.parentId());
        }
        o.put("path", m.path());
        o.put("node_type", n.nodeType());
        o.put("parent_relationship", n.parentRelationship());
        o.put("subplan_name", n.subplanName());
        o.put("relation", n.relationName());
        o.put("schema", n.schema());
        o.put("alias", n.alias());
        o.put("index", n.indexName());
        o.put("join_type", n.joinType());
        JsonOutput.putNumber(o, "startup_cost", n.startupCost());
        JsonOutput.putNumber(o, "total_cost", n.totalCost());
        JsonOutput.putNumber(o, "plan_rows", n.planRows());
        JsonOutput.putNumber(o, "actual_rows", n.actualRows());
        JsonOutput.putNumber(o, "actual_loops", n.actualLoops());
        JsonOutput.putNumber(o, "actual_total_time_ms", n.actualTotalTime());
        JsonOutput.putNumber(o, "inclusive_ms", m.inclusiveMs().isPresent() ? m.inclusiveMs().getAsDouble() : null);
        JsonOutput.putNumber(o, "exclusive_ms", m.exclusiveMs().isPresent() ? m.exclusiveMs().getAsDouble() : null);
        JsonOutput.putNumber(o, "percent_of_total", m.percentOfTotal().isPresent() ? m.percentOfTotal().getAsDouble() : null);
        JsonOutput.putNumber(o, "misestimate_factor", m.misestimate().map(x -> x.signedFactor()).orElse(null));
        o.put("never_executed", n.neverExecuted());
        o.put("on_hot_path", m.onHotPath());
        JsonOutput.putLong(o, "shared_hit_blocks", n.sharedHitBlocks());
        JsonOutput.putLong(o, "shared_read_blocks", n.sharedReadBlocks());
        JsonOutput.putLong(o, "temp_read_blocks", n.tempReadBlocks());
        JsonOutput.putLong(o, "temp_written_blocks", n.tempWrittenBlocks());
        o.put("filter", n.filter());
        JsonOutput.putNumber(o, "rows_removed_by_filter", n.rowsRemovedByFilter());
        o.put("index_cond", n.indexCond());
        o.put("hash_cond", n.hashCond());
        ArrayNode sort = o.putArray("sort_key");
        n.sortKey().forEach(sort::add);
        o.put("sort_method", n.sortMethod());
        o.put("sort_space_type", n.sortSpaceType());
        JsonOutput.putLong(o, "hash_batches", n.hashBatches());
        JsonOutput.putNumber(o, "heap_fetches", n.heapFetches());
        JsonOutput.putLong(o, "lossy_heap_blocks", n.lossyHeapBlocks());
        return o;
    }

    static ArrayNode insights(ExplainReport report) {
        ArrayNode out = JsonOutput.MAPPER.createArrayNode();
        for (Insight i : report.insights()) {
            ObjectNode o = out.addObject();
            o.put("kind", i.kind().label());
            o.put("severity", i.severity().label());
            o.put("node_id", i.nodeId());
            o.put("node_path", i.nodePath());
            o.put("node", i.node());
            o.put("title", i.title());
            o.put("detail", i.detail());
            o.put("advice", i.advice());
            ObjectNode numbers = o.putObject("numbers");
            for (Map.Entry<String, Double> e : i.numbers().entrySet()) {
                JsonOutput.putNumber(numbers, e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static ObjectNode suggestion(IndexSuggestion s) {
        ObjectNode o = JsonOutput.object();
        o.put("table", s.qualifiedTable());
        o.put("schema", s.schema());
        o.put("table_name", s.table());
        ArrayNode cols = o.putArray("columns");
        s.columns().forEach(cols::add);
        o.put("ddl", s.ddl());
        o.put("verified", s.verified());
        JsonOutput.putNumber(o, "cost_before", s.costBefore());
        JsonOutput.putNumber(o, "cost_after", s.costAfter());
        if (s.usedByPlanner() == null) {
            o.putNull("used_by_planner");
        } else {
            o.put("used_by_planner", s.usedByPlanner());
        }
        o.put("reason", s.reason());
        o.put("verification", s.verification());
        return o;
    }
}
