package io.pgpulse.core.explain;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What is derived for one node: times over all loops, share of the run and the estimate error.
 * Empty optionals mean "not measured" (no ANALYZE, TIMING OFF, never executed), not zero.
 *
 * @param path       child indexes from the root, e.g. {@code 0.1.0}
 * @param inclusiveMs time in the node and below, over all loops (divided by the processes of a parallel part)
 * @param exclusiveMs inclusive time minus the children's inclusive time, never below 0
 * @param percentOfTotal exclusive time as a share (0–100) of the whole run
 * @param onHotPath  on the path from the root that always follows the costliest child
 * @param cutShort   the node's output was cut short: below a LIMIT that got its rows, a window run
 *                   condition, the inner side of a semi/anti join, a merge join whose other input ended,
 *                   an EXISTS subplan; and not below a node that reads its whole input first (Sort, Hash,
 *                   a hashed or plain aggregate). Fewer rows than estimated is expected there, not a statistics
 *                   problem, so it is no misestimate to flag
 */
public record NodeMetrics(
        int id,
        int parentId,
        int depth,
        String path,
        OptionalDouble inclusiveMs,
        OptionalDouble exclusiveMs,
        OptionalDouble percentOfTotal,
        Optional<Misestimate> misestimate,
        boolean onHotPath,
        boolean cutShort) {

    /** The estimate error worth showing: none where fewer rows came because the node was cut short. */
    public Optional<Misestimate> misestimateToFlag() {
        return misestimate.filter(m -> m.underestimate() || !cutShort);
    }

    /** Rows over all loops (actual rows per loop × loops); empty without ANALYZE. */
    public static OptionalDouble totalActualRows(PlanNode node) {
        if (node.actualRows() == null || node.actualLoops() == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(node.actualRows() * node.actualLoops());
    }
}
