package io.pgpulse.core.explain;

import java.util.List;

/**
 * Which nodes had their output cut short, so that "fewer rows than estimated" is expected there
 * and is not a statistics problem: below a LIMIT that got its rows, a window run condition, the
 * inner side of a nested-loop or merge semi/anti join, a merge join whose other input ran out, an
 * EXISTS subplan (it stops at its first row). A node that reads its whole input first (Sort, Hash,
 * a hashed or plain aggregate) ends that: what ran below it ran to completion, so its numbers are real.
 *
 * <p>One pass from the root down, each node deciding from its parent alone, so a plan thousands of
 * nodes deep costs no more than a wide one.
 */
final class EarlyStop {
    private EarlyStop() {}

    /** Per node id (pre-order); {@code parent[id]} is the parent's id, -1 for the root. */
    static boolean[] cutShort(List<PlanNode> nodes, int[] parent) {
        boolean[] fromAbove = new boolean[nodes.size()];
        boolean[] out = new boolean[nodes.size()];
        for (PlanNode n : nodes) {
            int id = n.id();
            int p = parent[id];
            if (p >= 0) {
                PlanNode a = nodes.get(p);
                fromAbove[id] = !readsAllInput(a) && (cuts(a, n) || fromAbove[p]);
            }
            out[id] = fromAbove[id] || n.nodeType().equals("WindowAgg") && n.runCondition() != null;
        }
        return out;
    }

    /** Whether {@code a} stops reading its input {@code child} before the input's end. */
    private static boolean cuts(PlanNode a, PlanNode child) {
        if (a.nodeType().equals("Limit") && limitReached(a)) {
            return true;
        }
        if (a.nodeType().equals("WindowAgg") && a.runCondition() != null) {
            return true;
        }
        if (a.joinType() != null && !a.nodeType().equals("Hash Join") && a.children().size() > 1) {
            int side = a.children().indexOf(child);
            boolean inner = side == 1;
            String jt = a.joinType();
            if (inner && (jt.equals("Semi") || jt.equals("Anti"))) {
                return true;
            }
            // A merge join ends when either input ends; the other input is then not read to its end.
            if (a.nodeType().equals("Merge Join") && side >= 0) {
                boolean cut = switch (jt) {
                    case "Inner", "Semi" -> true;
                    case "Left", "Anti" -> inner;
                    case "Right", "Right Semi", "Right Anti" -> !inner;
                    default -> false;
                };
                if (cut) {
                    return true;
                }
            }
        }
        // An EXISTS subplan stops at its first row; its estimates are per full run.
        return ("SubPlan".equals(child.parentRelationship()) || "InitPlan".equals(child.parentRelationship()))
                && child.subplanName() != null && a.filter() != null && a.filter().contains("(" + child.subplanName());
    }

    /** Sort, Hash and hashed or plain aggregation consume their whole input before returning a row. */
    private static boolean readsAllInput(PlanNode n) {
        return switch (n.nodeType()) {
            case "Sort", "Hash", "ModifyTable" -> true;
            case "Aggregate" -> !"Sorted".equals(n.strategy());
            case "SetOp" -> "Hashed".equals(n.strategy());
            default -> false;
        };
    }

    /**
     * Whether a LIMIT got all the rows it wanted (and so stopped its input early). When it returned
     * fewer rows than estimated in its only loop, its input ran out first and the rows below are real.
     * Unknown (no ANALYZE, several loops) counts as reached: no false alarm.
     */
    private static boolean limitReached(PlanNode limit) {
        if (limit.actualRows() == null || limit.planRows() == null || limit.actualLoops() == null
                || limit.actualLoops() != 1) {
            return true;
        }
        return limit.actualRows() >= limit.planRows();
    }
}
