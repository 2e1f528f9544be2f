package io.pgpulse.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * An analyzer that contributes findings. The report and the app run a list of these over the same
 * {@link AnalysisInput}; a new analyzer (N+1 detection, kind {@code n_plus_one}; index advice) is
 * added by registering one more source, without touching the others.
 */
@FunctionalInterface
public interface FindingSource {

    List<Finding> findings(AnalysisInput input);

    /** Connection budget, idle and long transactions, role and database limits. */
    FindingSource CONNECTIONS = input -> ConnectionFindings.of(input.budget(), input.latest());

    /** Blocked sessions and migrations stalled behind a lock. */
    FindingSource LOCKS = input -> LockFindings.of(input.blockingTrees());

    /** Loops of single-row lookups driven by a list query (kind n_plus_one), and hot lookups. */
    FindingSource N_PLUS_ONE = new NPlusOneDetector();

    /**
     * The analyzers every report runs. Locks come first: among findings of equal severity, "who
     * blocks whom" is what an incident needs to read first.
     */
    static List<FindingSource> standard() {
        return List.of(LOCKS, CONNECTIONS, N_PLUS_ONE);
    }

    /** Runs {@code sources} in order and returns their findings most severe first, stable otherwise. */
    static List<Finding> runAll(List<FindingSource> sources, AnalysisInput input) {
        List<Finding> all = new ArrayList<>();
        for (FindingSource source : sources) {
            all.addAll(source.findings(input));
        }
        all.sort((a, b) -> b.severity().compareTo(a.severity()));
        return List.copyOf(all);
    }
}
