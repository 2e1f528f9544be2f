package io.pgpulse.app.queries;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongFunction;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.HypotheticalIndexes;
import io.pgpulse.core.capability.QueryIds;
import io.pgpulse.core.capability.QueryTextSize;
import io.pgpulse.core.capability.StatementsAvailability;
import io.pgpulse.core.capability.StatsVisibility;
import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.sampling.StatementsSnapshot;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.SyntheticStatements;

/**
 * A view-model fed with hand-made polls instead of a server: the history is recorded as the
 * sampler would, and each poll's snapshot is handed over with {@link #poll(List)}. For UI tests
 * and the benchmark, where the figures must be exact or large.
 */
public final class SyntheticQueries implements AutoCloseable {
    public static final double INTERVAL_SECONDS = 2;

    private final AppContext context;
    private final HistoryStore history;
    private final QueriesViewModel viewModel;
    private final Map<Long, QueryText> texts;
    private final Map<StatementKey, StatementCounters> cumulative = new HashMap<>();
    private int polls;

    public SyntheticQueries(UiExecutor ui, Map<Long, QueryText> texts, LongFunction<Optional<String>> fullText,
            StatementsAvailability availability) {
        this.context = new AppContext(ui, new ThemeManager(AppTheme.DARK));
        this.history = new HistoryStore(HistoryConfig.withDefaults(Duration.ofSeconds(2)));
        this.texts = Map.copyOf(texts);
        this.viewModel = new QueriesViewModel(context.background(), history, capabilities(availability),
                fullText::apply, () -> { }, "synthetic:5432/shop", ZoneOffset.UTC);
    }

    public SyntheticQueries(UiExecutor ui, Map<Long, QueryText> texts, LongFunction<Optional<String>> fullText) {
        this(ui, texts, fullText, new StatementsAvailability.Ready("1.12", "public"));
    }

    public static Capabilities capabilities(StatementsAvailability availability) {
        return new Capabilities(180000, "18.0", "postgres", "shop", true, availability, "public",
                new StatsVisibility.AllSessions("superuser"), new QueryIds("on", true), new QueryTextSize(4096),
                new HypotheticalIndexes.Absent(18), true);
    }

    public QueriesViewModel viewModel() {
        return viewModel;
    }

    public AppContext context() {
        return context;
    }

    /**
     * Records the next poll interval with {@code deltas} and returns its snapshot; hand it to
     * {@link QueriesViewModel#onSnapshot} on the UI thread.
     */
    public Snapshot poll(List<StatementDelta> deltas) {
        int index = polls++;
        DeltaResult result = SyntheticStatements.interval(index, INTERVAL_SECONDS, deltas);
        for (StatementDelta d : result.deltas()) {
            StatementCounters c = cumulative.get(d.key());
            cumulative.put(d.key(), new StatementCounters(d.key(), (c == null ? 0 : c.calls()) + d.calls(),
                    (c == null ? 0 : c.totalExecTimeMs()) + d.execTimeMs(), 0, (c == null ? 0 : c.rows()) + d.rows(),
                    (c == null ? 0 : c.sharedBlksHit()) + d.sharedBlksHit(),
                    (c == null ? 0 : c.sharedBlksRead()) + d.sharedBlksRead(), 0, 0, OptionalLong.empty(),
                    OptionalDouble.of(0), OptionalDouble.of(Math.max(c == null ? 0 : c.maxExecTimeMs().getAsDouble(),
                            d.execTimeMs() / d.calls() * 2)), Optional.empty()));
        }
        history.record(result);
        StatementsSnapshot statements = new StatementsSnapshot(result, new HashMap<>(cumulative), texts,
                Map.of(SyntheticStatements.USER, "shop_app"), Optional.of(SyntheticStatements.T0), 0);
        return SyntheticStatements.snapshot(index + 1, result.to(), List.of(), statements);
    }

    /** {@code count} statements, each with its own weight, so the heaviest is always the same one. */
    public static List<StatementDelta> spread(int count, int poll) {
        List<StatementDelta> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            long calls = 1 + (i * 7L + poll) % 50;
            out.add(SyntheticStatements.delta(SyntheticStatements.key(i), INTERVAL_SECONDS, calls,
                    calls * (1 + (count - i) * 0.01), calls));
        }
        return out;
    }

    @Override
    public void close() {
        context.close();
    }
}
