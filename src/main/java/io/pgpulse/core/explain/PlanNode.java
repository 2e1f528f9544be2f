package io.pgpulse.core.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a plan, with the properties PostgreSQL prints under the names it prints them
 * ({@code "Actual Rows"}, {@code "Rows Removed by Filter"} …). A reader feeds key/value pairs to
 * a {@link Builder}: the JSON reader does today, and a reader of the text format can produce the
 * same model tomorrow, because text EXPLAIN uses the same labels. Keys the model does not know
 * are kept in {@link #extras()}, never dropped and never an error.
 *
 * <p>Numbers are {@code null} when the plan does not contain them (no ANALYZE, no BUFFERS, an
 * older server); never 0 for "unknown". Row counts are doubles: PostgreSQL 18 prints fractional
 * rows per loop. Times are milliseconds per loop, as PostgreSQL reports them.
 */
public final class PlanNode {
    private final int id;
    private final String nodeType;
    private final String parentRelationship;
    private final String subplanName;
    private final String relationName;
    private final String schema;
    private final String alias;
    private final String indexName;
    private final String joinType;
    private final String strategy;
    private final String operation;
    private final String cteName;
    private final String functionName;
    private final Boolean parallelAware;
    private final Double startupCost;
    private final Double totalCost;
    private final Double planRows;
    private final Integer planWidth;
    private final Double actualStartupTime;
    private final Double actualTotalTime;
    private final Double actualRows;
    private final Double actualLoops;
    private final Long sharedHit;
    private final Long sharedRead;
    private final Long sharedDirtied;
    private final Long sharedWritten;
    private final Long tempRead;
    private final Long tempWritten;
    private final String filter;
    private final String joinFilter;
    private final String indexCond;
    private final String recheckCond;
    private final String hashCond;
    private final String mergeCond;
    private final String runCondition;
    private final Double rowsRemovedByFilter;
    private final Double rowsRemovedByJoinFilter;
    private final Double rowsRemovedByIndexRecheck;
    private final List<String> sortKey;
    private final List<String> groupKey;
    private final List<String> output;
    private final String sortMethod;
    private final String sortSpaceType;
    private final Long sortSpaceUsed;
    private final Long hashBuckets;
    private final Long originalHashBuckets;
    private final Long hashBatches;
    private final Long originalHashBatches;
    private final Long peakMemoryUsage;
    private final Long diskUsage;
    private final Double heapFetches;
    private final Long exactHeapBlocks;
    private final Long lossyHeapBlocks;
    private final Integer workersPlanned;
    private final Integer workersLaunched;
    private final Map<String, Object> extras;
    private final List<PlanNode> children;

    private PlanNode(Builder b, int id, List<PlanNode> children) {
        this.id = id;
        this.children = children;
        Map<String, Object> p = new LinkedHashMap<>(b.properties);
        nodeType = Objects.requireNonNullElse(string(p, "Node Type"), "Unknown");
        parentRelationship = string(p, "Parent Relationship");
        subplanName = string(p, "Subplan Name");
        relationName = string(p, "Relation Name");
        schema = string(p, "Schema");
        alias = string(p, "Alias");
        indexName = string(p, "Index Name");
        joinType = string(p, "Join Type");
        strategy = string(p, "Strategy");
        operation = string(p, "Operation");
        cteName = string(p, "CTE Name");
        functionName = string(p, "Function Name");
        parallelAware = p.remove("Parallel Aware") instanceof Boolean bool ? bool : null;
        startupCost = dbl(p, "Startup Cost");
        totalCost = dbl(p, "Total Cost");
        planRows = dbl(p, "Plan Rows");
        Double width = dbl(p, "Plan Width");
        planWidth = width == null ? null : width.intValue();
        actualStartupTime = dbl(p, "Actual Startup Time");
        actualTotalTime = dbl(p, "Actual Total Time");
        actualRows = dbl(p, "Actual Rows");
        actualLoops = dbl(p, "Actual Loops");
        sharedHit = lng(p, "Shared Hit Blocks");
        sharedRead = lng(p, "Shared Read Blocks");
        sharedDirtied = lng(p, "Shared Dirtied Blocks");
        sharedWritten = lng(p, "Shared Written Blocks");
        tempRead = lng(p, "Temp Read Blocks");
        tempWritten = lng(p, "Temp Written Blocks");
        filter = string(p, "Filter");
        joinFilter = string(p, "Join Filter");
        indexCond = string(p, "Index Cond");
        recheckCond = string(p, "Recheck Cond");
        hashCond = string(p, "Hash Cond");
        mergeCond = string(p, "Merge Cond");
        runCondition = string(p, "Run Condition");
        rowsRemovedByFilter = dbl(p, "Rows Removed by Filter");
        rowsRemovedByJoinFilter = dbl(p, "Rows Removed by Join Filter");
        rowsRemovedByIndexRecheck = dbl(p, "Rows Removed by Index Recheck");
        sortKey = strings(p, "Sort Key");
        groupKey = strings(p, "Group Key");
        output = strings(p, "Output");
        sortMethod = string(p, "Sort Method");
        sortSpaceType = string(p, "Sort Space Type");
        sortSpaceUsed = lng(p, "Sort Space Used");
        hashBuckets = lng(p, "Hash Buckets");
        originalHashBuckets = lng(p, "Original Hash Buckets");
        hashBatches = lng(p, "Hash Batches");
        originalHashBatches = lng(p, "Original Hash Batches");
        peakMemoryUsage = lng(p, "Peak Memory Usage");
        diskUsage = lng(p, "Disk Usage");
        heapFetches = dbl(p, "Heap Fetches");
        exactHeapBlocks = lng(p, "Exact Heap Blocks");
        lossyHeapBlocks = lng(p, "Lossy Heap Blocks");
        Double planned = dbl(p, "Workers Planned");
        workersPlanned = planned == null ? null : planned.intValue();
        Double launched = dbl(p, "Workers Launched");
        workersLaunched = launched == null ? null : launched.intValue();
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(p));
    }

    private static String string(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof String s) {
            p.remove(key);
            return s;
        }
        return null;
    }

    private static Double dbl(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof Number n) {
            p.remove(key);
            return n.doubleValue();
        }
        return null;
    }

    private static Long lng(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof Number n) {
            p.remove(key);
            return n.longValue();
        }
        return null;
    }

    private static List<String> strings(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            p.remove(key);
            return list.stream().map(String.class::cast).toList();
        }
        return List.of();
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /**
     * A builder whose properties are {@code properties} itself, not a copy: a reader that collects
     * a node's properties in a map of its own (the text reader fills in defaults at the end) hands
     * the map over instead of copying every entry. Until the plan is built, what is in the map is
     * what the builder has; like {@link Builder#put}, the map takes no null values.
     */
    public static Builder builder(Map<String, Object> properties) {
        return new Builder(Objects.requireNonNull(properties));
    }

    /** Position of the node in a pre-order walk of its plan: the root is 0. */
    public int id() {
        return id;
    }

    public String nodeType() {
        return nodeType;
    }

    /** {@code Outer}, {@code Inner}, {@code InitPlan}, {@code SubPlan}, {@code Member} …; null for the root. */
    public String parentRelationship() {
        return parentRelationship;
    }

    /** {@code InitPlan 1 (returns $0)}, {@code SubPlan 2}, {@code CTE x}; null otherwise. */
    public String subplanName() {
        return subplanName;
    }

    public String relationName() {
        return relationName;
    }

    /** Present with VERBOSE; a reader may fill it from the catalog otherwise. */
    public String schema() {
        return schema;
    }

    public String alias() {
        return alias;
    }

    public String indexName() {
        return indexName;
    }

    public String joinType() {
        return joinType;
    }

    public String strategy() {
        return strategy;
    }

    /** For ModifyTable: Insert, Update, Delete or Merge. */
    public String operation() {
        return operation;
    }

    public String cteName() {
        return cteName;
    }

    public String functionName() {
        return functionName;
    }

    public Boolean parallelAware() {
        return parallelAware;
    }

    public Double startupCost() {
        return startupCost;
    }

    public Double totalCost() {
        return totalCost;
    }

    /** Estimated rows per loop. */
    public Double planRows() {
        return planRows;
    }

    public Integer planWidth() {
        return planWidth;
    }

    public Double actualStartupTime() {
        return actualStartupTime;
    }

    /** Milliseconds per loop (ANALYZE only; null with TIMING OFF). */
    public Double actualTotalTime() {
        return actualTotalTime;
    }

    /** Rows per loop (fractional on PostgreSQL 18). */
    public Double actualRows() {
        return actualRows;
    }

    public Double actualLoops() {
        return actualLoops;
    }

    /** Executed with ANALYZE but never started: loops = 0. */
    public boolean neverExecuted() {
        return actualLoops != null && actualLoops == 0;
    }

    public boolean analyzed() {
        return actualLoops != null;
    }

    public Long sharedHitBlocks() {
        return sharedHit;
    }

    public Long sharedReadBlocks() {
        return sharedRead;
    }

    public Long sharedDirtiedBlocks() {
        return sharedDirtied;
    }

    public Long sharedWrittenBlocks() {
        return sharedWritten;
    }

    public Long tempReadBlocks() {
        return tempRead;
    }

    public Long tempWrittenBlocks() {
        return tempWritten;
    }

    public String filter() {
        return filter;
    }

    public String joinFilter() {
        return joinFilter;
    }

    public String indexCond() {
        return indexCond;
    }

    public String recheckCond() {
        return recheckCond;
    }

    public String hashCond() {
        return hashCond;
    }

    public String mergeCond() {
        return mergeCond;
    }

    /** WindowAgg's run condition (PostgreSQL 15+): the window stops early once it is false. */
    public String runCondition() {
        return runCondition;
    }

    /** Per loop, like the other row counts. */
    public Double rowsRemovedByFilter() {
        return rowsRemovedByFilter;
    }

    public Double rowsRemovedByJoinFilter() {
        return rowsRemovedByJoinFilter;
    }

    public Double rowsRemovedByIndexRecheck() {
        return rowsRemovedByIndexRecheck;
    }

    public List<String> sortKey() {
        return sortKey;
    }

    public List<String> groupKey() {
        return groupKey;
    }

    public List<String> output() {
        return output;
    }

    public String sortMethod() {
        return sortMethod;
    }

    /** {@code Memory} or {@code Disk}. */
    public String sortSpaceType() {
        return sortSpaceType;
    }

    /** kB. */
    public Long sortSpaceUsed() {
        return sortSpaceUsed;
    }

    public Long hashBuckets() {
        return hashBuckets;
    }

    public Long originalHashBuckets() {
        return originalHashBuckets;
    }

    public Long hashBatches() {
        return hashBatches;
    }

    public Long originalHashBatches() {
        return originalHashBatches;
    }

    /** kB. */
    public Long peakMemoryUsage() {
        return peakMemoryUsage;
    }

    /** kB written to disk by a hash aggregate (PostgreSQL 13+). */
    public Long diskUsage() {
        return diskUsage;
    }

    public Double heapFetches() {
        return heapFetches;
    }

    public Long exactHeapBlocks() {
        return exactHeapBlocks;
    }

    public Long lossyHeapBlocks() {
        return lossyHeapBlocks;
    }

    public Integer workersPlanned() {
        return workersPlanned;
    }

    public Integer workersLaunched() {
        return workersLaunched;
    }

    /** Every property the model has no field for, as read (strings, numbers, booleans, lists, maps). */
    public Map<String, Object> extras() {
        return extras;
    }

    public List<PlanNode> children() {
        return children;
    }

    public boolean isScan() {
        return relationName != null;
    }

    @Override
    public String toString() {
        return "#" + id + " " + nodeType + (relationName != null ? " on " + relationName : "");
    }

    /** Collects properties and children; {@link QueryPlan} numbers the nodes when it is built. */
    public static final class Builder {
        private final Map<String, Object> properties;
        private final List<Builder> children = new ArrayList<>();

        private Builder(Map<String, Object> properties) {
            this.properties = properties;
        }

        /**
         * A property under PostgreSQL's own label. Values are strings, numbers, booleans, lists or
         * maps of those; a later value for the same key replaces the earlier one.
         */
        public Builder put(String key, Object value) {
            if (value != null) {
                properties.put(key, value);
            }
            return this;
        }

        public Builder child(Builder child) {
            children.add(child);
            return this;
        }

        /** Builds bottom-up without recursion (plans can be thousands deep); ids stay in pre-order. */
        PlanNode build(int[] nextId) {
            List<Builder> preOrder = new ArrayList<>();
            java.util.ArrayDeque<Builder> stack = new java.util.ArrayDeque<>();
            stack.push(this);
            while (!stack.isEmpty()) {
                Builder b = stack.pop();
                preOrder.add(b);
                for (int i = b.children.size() - 1; i >= 0; i--) {
                    stack.push(b.children.get(i));
                }
            }
            int base = nextId[0];
            nextId[0] += preOrder.size();
            java.util.Map<Builder, PlanNode> built = new java.util.IdentityHashMap<>();
            for (int i = preOrder.size() - 1; i >= 0; i--) {
                Builder b = preOrder.get(i);
                List<PlanNode> kids = new ArrayList<>(b.children.size());
                for (Builder c : b.children) {
                    kids.add(built.get(c));
                }
                built.put(b, new PlanNode(b, base + i, Collections.unmodifiableList(kids)));
            }
            return built.get(this);
        }
    }
}
