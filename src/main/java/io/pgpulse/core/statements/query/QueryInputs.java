package io.pgpulse.core.statements.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.pgpulse.core.analysis.StatementLabels;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.sampling.StatementsSnapshot;
import io.pgpulse.core.statements.DeltaResult;

/**
 * What one computation of the Queries table needs, gathered on one thread and handed to another.
 *
 * @param statements   the newest poll's pg_stat_statements figures
 * @param retained     the history's delta results, oldest first
 * @param samples      recent polls, oldest first, for the N+1 detector's application co-occurrence
 * @param applications queryid → applications seen running it; empty when query ids are not computed
 */
public record QueryInputs(
        QueryWindow window,
        StatementsSnapshot statements,
        List<DeltaResult> retained,
        StatementLabels labels,
        List<Snapshot> samples,
        Map<Long, Set<String>> applications,
        QueryThresholds thresholds) {

    public QueryInputs {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(statements, "statements");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(thresholds, "thresholds");
        retained = List.copyOf(retained);
        samples = List.copyOf(samples);
        applications = Map.copyOf(applications);
    }
}
