package io.pgpulse.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementWindow;

/**
 * The statements that cost the most time and the ones that run most often, over one window: the
 * "one query eating the database" and the N+1 storm are rarely the same statement.
 *
 * @param windowSeconds   time the figures actually cover (less than the window when history is short)
 * @param totalExecTimeMs all top-level execution time in the window, the denominator of every share
 * @param statements      how many statements ran in the window
 */
public record TopStatements(
        double windowSeconds,
        double totalExecTimeMs,
        int statements,
        List<StatementStat> byTotalTime,
        List<StatementStat> byCalls) {

    public static final int DEFAULT_LIMIT = 10;

    private static final Comparator<StatementDelta> MOST_CALLS_FIRST =
            Comparator.comparingLong(StatementDelta::calls).reversed().thenComparing(StatementDelta.HEAVIEST_FIRST);

    public TopStatements {
        byTotalTime = List.copyOf(byTotalTime);
        byCalls = List.copyOf(byCalls);
    }

    public static TopStatements of(StatementWindow window, StatementLabels labels, int limit) {
        return of(window.secondsCovered(), window.statements(), labels, limit);
    }

    /** From one poll interval; a baseline covers no time and yields empty lists. */
    public static TopStatements of(DeltaResult result, StatementLabels labels, int limit) {
        return of(result.intervalSeconds(), result.deltas(), labels, limit);
    }

    private static TopStatements of(double seconds, List<StatementDelta> all, StatementLabels labels, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        // The sampler already drops the monitor's statements; a window aggregated from raw
        // results may not have, and the monitor must never report itself.
        List<StatementDelta> deltas = all.stream()
                .filter(d -> labels.text(d.key().queryId()).map(t -> !t.isMonitorsOwn()).orElse(true))
                .toList();
        // Nested statements (pg_stat_statements.track = all) are also counted inside the
        // top-level statement that ran them; adding them to the denominator would count their
        // time twice and shrink every share.
        double topLevelMs = deltas.stream().filter(d -> d.key().topLevel()).mapToDouble(StatementDelta::execTimeMs).sum();
        double denominator = topLevelMs > 0 ? topLevelMs
                : deltas.stream().mapToDouble(StatementDelta::execTimeMs).sum();

        List<StatementDelta> heaviest = new ArrayList<>(deltas);
        heaviest.sort(StatementDelta.HEAVIEST_FIRST);
        List<StatementDelta> frequent = new ArrayList<>(deltas);
        frequent.sort(MOST_CALLS_FIRST);
        return new TopStatements(seconds, denominator, deltas.size(),
                label(heaviest, limit, denominator, labels), label(frequent, limit, denominator, labels));
    }

    private static List<StatementStat> label(List<StatementDelta> sorted, int limit, double denominator,
            StatementLabels labels) {
        List<StatementStat> out = new ArrayList<>(Math.min(limit, sorted.size()));
        for (StatementDelta d : sorted.subList(0, Math.min(limit, sorted.size()))) {
            Optional<QueryText> text = labels.text(d.key().queryId());
            OptionalDouble share = denominator > 0 ? OptionalDouble.of(d.execTimeMs() * 100.0 / denominator)
                    : OptionalDouble.empty();
            out.add(new StatementStat(d.key(), text.map(QueryText::text).orElse(null),
                    text.map(QueryText::truncated).orElse(false), d.calls(), d.callsPerSecond(), d.execTimeMs(),
                    d.meanExecTimeMs(), d.rows(), share,
                    labels.databaseName(d.key().dbId()).orElse(null), labels.roleName(d.key().userId()).orElse(null)));
        }
        return out;
    }
}
