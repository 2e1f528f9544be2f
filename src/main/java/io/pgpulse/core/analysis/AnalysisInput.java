package io.pgpulse.core.analysis;

import java.util.List;
import java.util.Objects;

import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.StatementWindow;

/**
 * Everything a {@link FindingSource} may look at, computed once per report or refresh so that
 * every analyzer sees the same figures.
 *
 * @param snapshots     the polls of the run, oldest first; never empty
 * @param window        statement totals over the run; null when pg_stat_statements is unavailable
 * @param labels        texts and names for statement keys, as of the latest snapshot
 * @param budget        connection budget of the latest snapshot
 * @param blockingTrees blocking forest of the latest snapshot, biggest impact first
 */
public record AnalysisInput(
        List<Snapshot> snapshots,
        StatementWindow window,
        StatementLabels labels,
        ConnectionBudget budget,
        List<BlockingTree> blockingTrees) {

    public AnalysisInput {
        snapshots = List.copyOf(snapshots);
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("analysis needs at least one snapshot");
        }
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(budget, "budget");
        blockingTrees = List.copyOf(blockingTrees);
    }

    /** Derives the budget, labels and trees from the latest snapshot. */
    public static AnalysisInput of(List<Snapshot> snapshots, StatementWindow window) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("analysis needs at least one snapshot");
        }
        Snapshot latest = snapshots.get(snapshots.size() - 1);
        return new AnalysisInput(snapshots, window, StatementLabels.from(latest), ConnectionBudget.of(latest),
                BlockingTrees.of(latest));
    }

    public Snapshot latest() {
        return snapshots.get(snapshots.size() - 1);
    }
}
