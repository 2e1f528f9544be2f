package io.pgpulse.core.statements.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import io.pgpulse.core.analysis.StatementLabels;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.PollStats;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.ServerInfo;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.sampling.StatementsSnapshot;
import io.pgpulse.core.statements.DeltaEvent;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;

/** Hand-made pg_stat_statements figures for tests and the benchmark: exact, and any size. */
public final class SyntheticStatements {
    public static final long USER = 10;
    public static final long DB = 5;
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private SyntheticStatements() {
    }

    public static StatementKey key(long queryId) {
        return new StatementKey(USER, DB, queryId, true);
    }

    public static StatementDelta delta(StatementKey key, double seconds, long calls, double execMs, long rows) {
        return new StatementDelta(key, seconds, calls, execMs, 0, rows, calls * 4, calls / 10, 0, 0, OptionalLong.empty());
    }

    /** The interval of poll {@code index} (polls every {@code seconds} from {@link #T0}) with these deltas. */
    public static DeltaResult interval(int index, double seconds, List<StatementDelta> deltas, DeltaEvent... events) {
        Instant from = at(index, seconds);
        Instant to = at(index + 1, seconds);
        List<StatementDelta> sized = new ArrayList<>(deltas.size());
        for (StatementDelta d : deltas) {
            sized.add(new StatementDelta(d.key(), seconds, d.calls(), d.execTimeMs(), d.planTimeMs(), d.rows(),
                    d.sharedBlksHit(), d.sharedBlksRead(), d.tempBlksRead(), d.tempBlksWritten(), d.walBytes()));
        }
        sized.sort(StatementDelta.HEAVIEST_FIRST);
        return new DeltaResult(from, to, DeltaResult.Kind.DELTA, sized, List.of(events), 0, 0, 0, 0);
    }

    public static Instant at(int poll, double seconds) {
        return T0.plus(Duration.ofMillis(Math.round(poll * seconds * 1000)));
    }

    public static StatementCounters counters(StatementKey key, long calls, double execMs, long rows, double maxMs,
            Optional<Instant> statsSince) {
        return new StatementCounters(key, calls, execMs, 0, rows, calls * 4, calls / 10, 0, 0, OptionalLong.empty(),
                OptionalDouble.of(0), OptionalDouble.of(maxMs), statsSince);
    }

    /** Lifetime counters equal to the sum of the retained intervals, as after a reset at {@link #T0}. */
    public static Map<StatementKey, StatementCounters> cumulativeOf(List<DeltaResult> results) {
        Map<StatementKey, double[]> sums = new HashMap<>();
        for (DeltaResult r : results) {
            for (StatementDelta d : r.deltas()) {
                double[] s = sums.computeIfAbsent(d.key(), k -> new double[3]);
                s[0] += d.calls();
                s[1] += d.execTimeMs();
                s[2] += d.rows();
            }
        }
        Map<StatementKey, StatementCounters> out = new HashMap<>();
        sums.forEach((k, s) -> out.put(k, counters(k, (long) s[0], s[1], (long) s[2], s[0] > 0 ? s[1] / s[0] * 3 : 0,
                Optional.empty())));
        return out;
    }

    public static StatementsSnapshot statements(DeltaResult latest, Map<StatementKey, StatementCounters> cumulative,
            Map<Long, QueryText> texts, Optional<Instant> statsReset) {
        return new StatementsSnapshot(latest, cumulative, texts, Map.of(USER, "shop_app"), statsReset, 0);
    }

    public static QueryText text(long queryId, String sql) {
        return new QueryText(queryId, sql, sql.length());
    }

    public static StatementLabels labels(Map<Long, QueryText> texts) {
        return new StatementLabels(texts, Map.of(USER, "shop_app"), Map.of(DB, "shop"));
    }

    /** A poll with only sessions and statements; everything else empty. */
    public static Snapshot snapshot(long sequence, Instant at, List<ActivityRow> activity, StatementsSnapshot statements) {
        return new Snapshot(sequence, at, new ServerInfo(180000, 100, 3, 0, T0.minusSeconds(3600), at, activity.size()),
                activity, List.of(), List.of(new DatabaseCounters(DB, "shop", -1, activity.size(), 0, 0, 0, 0, 0, 0, 0,
                        0, 0, null)), List.of(), statements, Map.of(), new PollStats(Duration.ofMillis(5), 1, 0, 0, true,
                        Duration.ofMillis(1)));
    }

    /** A client session running (or last having run) {@code queryId}. */
    public static ActivityRow session(int pid, String application, Long queryId) {
        return new ActivityRow(pid, T0, null, T0, T0, "active", null, null, "client backend", "shop", "shop_app",
                application, "127.0.0.1", queryId, "SELECT 1", List.of());
    }

    public static QueryInputs inputs(QueryWindow window, List<DeltaResult> retained, Map<Long, QueryText> texts,
            QueryThresholds thresholds) {
        DeltaResult latest = retained.get(retained.size() - 1);
        return new QueryInputs(window, statements(latest, cumulativeOf(retained), texts, Optional.of(T0)), retained,
                labels(texts), List.of(), Map.of(), thresholds);
    }
}
