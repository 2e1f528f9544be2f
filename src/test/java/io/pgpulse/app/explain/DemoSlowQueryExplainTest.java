package io.pgpulse.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.queries.QueriesViewModel;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.InsightKind;
import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.core.indexes.IndexSuggestion;
import io.pgpulse.core.sampling.SamplerConfig;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.Scenario;
import io.pgpulse.testing.Targets;

/**
 * The EXPLAIN issue's "done when": in the demo, the slow-query scenario's statement, sent from the
 * Queries view to EXPLAIN, shows a sequential-scan insight and a suggested index on the right column.
 */
class DemoSlowQueryExplainTest {

    @Test
    void theSlowQueryFromTheQueriesViewGetsASeqScanInsightAndAnIndexOnReferenceCode() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start();
             MonitorSession session = MonitorSession.open(
                     new ConnectionInputParser(Targets.isolatedEnvironment()).parse(demo.monitorUri()).target(),
                     MonitorSettings.defaults(), SamplerConfig.defaults(), HistoryConfig.withDefaults(Duration.ofSeconds(2)));
             AppContext context = new AppContext(UiExecutor.direct(), new ThemeManager(AppTheme.DARK));
             LiveSession live = new LiveSession(session, context.ui(), "demo")) {
            QueriesViewModel queries = new QueriesViewModel(live, context);
            ExplainViewModel explain = new ExplainViewModel(live, context);
            // As the shell wires the two pages (AppPages.wireHandOffs).
            queries.onExplainProperty().set(explain::explainStatement);

            demo.workload().enable(Scenario.SLOW_QUERY);
            session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            QueryFigures slow = await().atMost(Duration.ofSeconds(90)).until(() -> {
                session.sampler().requestAllTexts();
                session.sampler().pollNow().get(30, TimeUnit.SECONDS);
                long seq = session.latest().sequence();
                await().atMost(Duration.ofSeconds(20)).until(() -> queries.appliedSequence() >= seq);
                return topByTime(queries);
            }, top -> top.isPresent() && top.get().text() != null && top.get().text().contains("reference_code"))
                    .orElseThrow();

            queries.select(slow.key());
            queries.explain();
            await().atMost(Duration.ofSeconds(60)).until(() -> explain.stateProperty().get() != ExplainViewModel.State.RUNNING
                    && !explain.runningProperty().get());

            assertThat(explain.stateProperty().get()).as(explain.messageProperty().get())
                    .isEqualTo(ExplainViewModel.State.DONE);
            assertThat(explain.sqlProperty().get()).contains("reference_code = $1");
            assertThat(explain.insights()).filteredOn(i -> i.kind() == InsightKind.SEQ_SCAN_FILTER)
                    .extracting(Insight::node).anyMatch(n -> n.contains("orders"));
            assertThat(explain.insights()).extracting(Insight::kind).as("the demo's tables are analysed after the load")
                    .doesNotContain(InsightKind.STALE_STATISTICS);
            assertThat(explain.suggestions()).extracting(IndexSuggestion::table, IndexSuggestion::columns)
                    .contains(org.assertj.core.groups.Tuple.tuple("orders", java.util.List.of("reference_code")));
        }
    }

    private static Optional<QueryFigures> topByTime(QueriesViewModel queries) {
        if (queries.table() == null) {
            return Optional.empty();
        }
        return queries.table().rows().stream().max(Comparator.comparingDouble(QueryFigures::totalTimeMs));
    }
}
