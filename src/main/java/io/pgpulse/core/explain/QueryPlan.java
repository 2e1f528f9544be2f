package io.pgpulse.core.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One plan: the node tree with the statement-level properties (planning and execution time,
 * settings, triggers, JIT …) and the metrics derived for every node. Built from a reader's
 * {@link PlanNode.Builder} tree, so the JSON reader and a future text reader share all of this.
 */
public final class QueryPlan {
    private final PlanNode root;
    private final List<PlanNode> nodes;
    private final List<NodeMetrics> metrics;
    private final Double planningTime;
    private final Double executionTime;
    private final Map<String, Object> properties;

    private QueryPlan(PlanNode root, Map<String, Object> statementProperties) {
        this.root = root;
        Map<String, Object> p = new LinkedHashMap<>(statementProperties);
        this.planningTime = p.remove("Planning Time") instanceof Number n ? n.doubleValue() : null;
        Object exec = p.remove("Execution Time");
        if (exec == null) {
            exec = p.remove("Total Runtime");
        }
        this.executionTime = exec instanceof Number n ? n.doubleValue() : null;
        this.properties = Collections.unmodifiableMap(p);
        this.nodes = preOrder(root);
        this.metrics = derive(nodes, executionTime);
    }

    /**
     * @param statementProperties the properties beside {@code "Plan"} ("Planning Time", "Settings",
     *                            "Triggers", "JIT", "Query Identifier" …), kept as read
     */
    public static QueryPlan of(PlanNode.Builder root, Map<String, Object> statementProperties) {
        return new QueryPlan(root.build(new int[] {0}), statementProperties);
    }

    public PlanNode root() {
        return root;
    }

    /** Every node in pre-order; a node's position here is its {@link PlanNode#id()}. */
    public List<PlanNode> nodes() {
        return nodes;
    }

    public PlanNode node(int id) {
        return nodes.get(id);
    }

    public NodeMetrics metrics(PlanNode node) {
        return metrics.get(node.id());
    }

    public List<NodeMetrics> metrics() {
        return metrics;
    }

    public Optional<PlanNode> parent(PlanNode node) {
        int p = metrics.get(node.id()).parentId();
        return p < 0 ? Optional.empty() : Optional.of(nodes.get(p));
    }

    /** Ancestors from the parent up to the root. */
    public List<PlanNode> ancestors(PlanNode node) {
        List<PlanNode> out = new ArrayList<>();
        for (int p = metrics.get(node.id()).parentId(); p >= 0; p = metrics.get(p).parentId()) {
            out.add(nodes.get(p));
        }
        return out;
    }

    public boolean analyzed() {
        return root.analyzed();
    }

    public OptionalDouble planningTimeMs() {
        return planningTime == null ? OptionalDouble.empty() : OptionalDouble.of(planningTime);
    }

    public OptionalDouble executionTimeMs() {
        return executionTime == null ? OptionalDouble.empty() : OptionalDouble.of(executionTime);
    }

    /** Statement-level properties other than the plan and the two times. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The nodes on the hot path, root first. */
    public List<PlanNode> hotPath() {
        return nodes.stream().filter(n -> metrics.get(n.id()).onHotPath()).toList();
    }

    private static List<PlanNode> preOrder(PlanNode root) {
        List<PlanNode> out = new ArrayList<>();
        Deque<PlanNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PlanNode n = stack.pop();
            out.add(n);
            List<PlanNode> children = n.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<NodeMetrics> derive(List<PlanNode> nodes, Double executionTime) {
        int size = nodes.size();
        int[] parent = new int[size];
        int[] depth = new int[size];
        String[] path = new String[size];
        double[] divisor = new double[size];
        parent[0] = -1;
        path[0] = "0";
        divisor[0] = 1;
        for (PlanNode n : nodes) {
            List<PlanNode> children = n.children();
            boolean gather = n.nodeType().startsWith("Gather");
            for (int i = 0; i < children.size(); i++) {
                int c = children.get(i).id();
                parent[c] = n.id();
                depth[c] = depth[n.id()] + 1;
                path[c] = path[n.id()] + "." + i;
                // Below a Gather, times are per process: the leader and each worker run the loops in parallel.
                divisor[c] = gather ? processes(n) : divisor[n.id()];
            }
        }
        Double[] inclusive = new Double[size];
        for (PlanNode n : nodes) {
            inclusive[n.id()] = inclusive(n, divisor[n.id()]);
        }
        // The run as a whole: the execution time, or the root's time when that is larger (both are rounded
        // to a microsecond, and a plan without an execution time has only the root's). 0 means no share.
        double root = inclusive[0] != null ? inclusive[0] : 0;
        double total = executionTime != null ? Math.max(executionTime, root) : root;
        boolean[] hot = hotPath(nodes, inclusive);
        boolean[] cut = EarlyStop.cutShort(nodes, parent);
        List<NodeMetrics> out = new ArrayList<>(size);
        for (PlanNode n : nodes) {
            int id = n.id();
            OptionalDouble incl = inclusive[id] == null ? OptionalDouble.empty() : OptionalDouble.of(inclusive[id]);
            OptionalDouble excl = OptionalDouble.empty();
            OptionalDouble percent = OptionalDouble.empty();
            if (inclusive[id] != null) {
                double childTime = 0;
                for (PlanNode c : n.children()) {
                    childTime += inclusive[c.id()] == null ? 0 : inclusive[c.id()];
                }
                double e = Math.max(0, inclusive[id] - childTime);
                excl = OptionalDouble.of(e);
                if (total > 0 && Double.isFinite(total) && Double.isFinite(e)) {
                    percent = OptionalDouble.of(Math.min(100, e / total * 100));
                }
            }
            Optional<Misestimate> mis = Optional.empty();
            if (n.actualRows() != null && n.planRows() != null && !n.neverExecuted()) {
                mis = Optional.of(Misestimate.of(n.planRows(), n.actualRows()));
            }
            out.add(new NodeMetrics(id, parent[id], depth[id], path[id], incl, excl, percent, mis, hot[id], cut[id]));
        }
        return Collections.unmodifiableList(out);
    }

    private static double processes(PlanNode gather) {
        Integer launched = gather.workersLaunched() != null ? gather.workersLaunched() : gather.workersPlanned();
        return launched == null ? 1 : launched + 1.0;
    }

    private static Double inclusive(PlanNode n, double divisor) {
        if (n.neverExecuted()) {
            return 0.0;
        }
        if (n.actualTotalTime() == null || n.actualLoops() == null) {
            return null;
        }
        double loops = n.actualLoops();
        double time = n.actualTotalTime() * loops;
        return loops > 1 && divisor > 1 ? time / Math.min(divisor, loops) : time;
    }

    private static boolean[] hotPath(List<PlanNode> nodes, Double[] inclusive) {
        boolean[] hot = new boolean[nodes.size()];
        PlanNode n = nodes.get(0);
        hot[0] = true;
        while (!n.children().isEmpty()) {
            PlanNode best = null;
            double bestWeight = -1;
            for (PlanNode c : n.children()) {
                double w = weight(c, inclusive);
                if (w > bestWeight) {
                    best = c;
                    bestWeight = w;
                }
            }
            hot[best.id()] = true;
            n = best;
        }
        return hot;
    }

    /** Measured time when there is one, else the planner's cost. */
    private static double weight(PlanNode n, Double[] inclusive) {
        if (inclusive[n.id()] != null) {
            return inclusive[n.id()];
        }
        return n.totalCost() == null ? 0 : n.totalCost();
    }
}
