package io.pgpulse.app.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.core.sampling.SamplerConfig;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.core.statements.query.QueryTable;
import io.pgpulse.core.statements.query.QueryWindow;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.Targets;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view-model on a real server with real workloads: what it flags, ranks and counts is what a
 * person would conclude from the workload itself.
 */
class QueriesViewModelTest {
    private static TestServer pg;

    private MonitorSession session;
    private LiveSession live;
    private AppContext context;
    private QueriesViewModel vm;

    @BeforeAll
    static void schema() {
        pg = PgServers.newest();
        pg.execute("CREATE TABLE IF NOT EXISTS qv_customers (id int PRIMARY KEY, name text)",
                "INSERT INTO qv_customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING",
                "CREATE TABLE IF NOT EXISTS qv_orders (id int PRIMARY KEY, customer_id int, status text)",
                "INSERT INTO qv_orders SELECT g, 1 + g % 1000, CASE WHEN g % 3 = 0 THEN 'paid' ELSE 'open' END"
                        + " FROM generate_series(1, 5000) g ON CONFLICT DO NOTHING",
                // No index on code: every lookup by it reads all 200,000 rows.
                "CREATE TABLE IF NOT EXISTS qv_big (id int PRIMARY KEY, code text, filler text)",
                "INSERT INTO qv_big SELECT g, md5(g::text), repeat('x', 60) FROM generate_series(1, 200000) g"
                        + " ON CONFLICT DO NOTHING",
                "ANALYZE qv_big",
                "CREATE TABLE IF NOT EXISTS qv_small (id int PRIMARY KEY, v int)",
                "INSERT INTO qv_small SELECT g, g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING");
    }

    /** A session that polls only when told to, and the view-model following it as the app wires it. */
    private void open(String uri) throws Exception {
        session = MonitorSession.open(Targets.parse(uri), MonitorSettings.defaults(), SamplerConfig.defaults(),
                HistoryConfig.withDefaults(Duration.ofSeconds(2)));
        context = new AppContext(UiExecutor.direct(), new ThemeManager(AppTheme.DARK));
        live = new LiveSession(session, context.ui(), "test");
        vm = new QueriesViewModel(live, context);
    }

    @AfterEach
    void close() {
        if (live != null) {
            live.close();
        }
        if (context != null) {
            context.close();
        }
    }

    /** One poll, then waits until the view-model shows its figures. */
    private QueryTable poll() throws Exception {
        session.sampler().pollNow().get(30, TimeUnit.SECONDS);
        long sequence = session.latest().sequence();
        await().atMost(Duration.ofSeconds(20)).until(() -> vm.appliedSequence() >= sequence);
        return vm.table();
    }

    /** Switches the window and waits until the table shows it. */
    private QueryTable window(QueryWindow w) {
        vm.windowProperty().set(w);
        await().atMost(Duration.ofSeconds(20)).until(() -> vm.table() != null && vm.table().window() == w);
        return vm.table();
    }

    private static Optional<QueryFigures> row(QueryTable t, String textPart) {
        return t.rows().stream().filter(f -> f.text() != null && f.text().contains(textPart)).findFirst();
    }

    interface Workload {
        void run(Connection c) throws SQLException;
    }

    /** {@code loops} runs of the workload before each of {@code polls} polls; texts fetched on the last. */
    private QueryTable run(Workload workload, int polls, int loops) throws Exception {
        try (Connection app = pg.superuser()) {
            poll();
            for (int p = 0; p < polls; p++) {
                for (int i = 0; i < loops; i++) {
                    workload.run(app);
                }
                if (p == polls - 1) {
                    session.sampler().requestAllTexts();
                }
                poll();
            }
        }
        return vm.table();
    }

    /** One list query, then one single-row query per row: what an ORM does without eager loading. */
    private static void nPlusOne(Connection c) throws SQLException {
        List<Integer> customers = new ArrayList<>();
        try (PreparedStatement list = c.prepareStatement(
                "SELECT id, customer_id FROM qv_orders WHERE status = ? ORDER BY id DESC LIMIT 40")) {
            list.setString(1, "open");
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    customers.add(rs.getInt(2));
                }
            }
        }
        try (PreparedStatement one = c.prepareStatement("SELECT name FROM qv_customers WHERE id = ?")) {
            for (int id : customers) {
                one.setInt(1, id);
                one.executeQuery().close();
            }
        }
    }

    private static void joined(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, cu.name FROM qv_orders o JOIN qv_customers cu"
                + " ON cu.id = o.customer_id WHERE o.status = ? ORDER BY o.id DESC LIMIT 40")) {
            ps.setString(1, "paid");
            ps.executeQuery().close();
        }
    }

    private static void batched(Connection c) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement list = c.prepareStatement(
                "SELECT id, customer_id FROM qv_orders WHERE status = ? ORDER BY id ASC LIMIT 40")) {
            list.setString(1, "paid");
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(2));
                }
            }
        }
        try (PreparedStatement many = c.prepareStatement("SELECT id, name FROM qv_customers WHERE id = ANY(?)")) {
            Array array = c.createArrayOf("int4", ids.toArray());
            many.setArray(1, array);
            many.executeQuery().close();
        }
    }

    @Test
    void anNPlusOneLoopIsFlaggedWithItsListQueryAsTheParent() throws Exception {
        open(pg.monitorUri());
        QueryTable t = run(QueriesViewModelTest::nPlusOne, 4, 5);

        RepeatedQuery loop = vm.findings().stream().filter(RepeatedQuery::isNPlusOne)
                .filter(r -> t.textOf(r.lookup().queryId()).contains("FROM qv_customers WHERE id = $1"))
                .findFirst().orElseThrow(() -> new AssertionError(vm.findings().toString()));
        assertThat(t.textOf(loop.parent().orElseThrow().queryId())).contains("FROM qv_orders WHERE status = $1");
        assertThat(loop.calls()).isEqualTo(800);
        assertThat(loop.parentRows()).isEqualTo(800);

        QueryFigures lookup = row(t, "FROM qv_customers WHERE id = $1").orElseThrow();
        assertThat(lookup.isNPlusOne()).isTrue();
        QueryFigures parent = row(t, "FROM qv_orders WHERE status = $1").orElseThrow();
        assertThat(parent.drives()).containsExactly(lookup.key());

        vm.select(loop.parent().orElseThrow());
        assertThat(vm.selectedProperty().get()).as("the finding's parent link selects the list query")
                .isEqualTo(parent.key());
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.fullTextLoadedProperty().get());
        assertThat(vm.detailTextProperty().get()).contains("FROM qv_orders\nWHERE status = $1\nORDER BY id DESC");
    }

    @Test
    void theFlagClearsOnceTheLoopStops() throws Exception {
        open(pg.monitorUri());
        // A short detection window, so that the test need not wait for the minute the app uses.
        vm.thresholdsProperty().set(vm.thresholds().withDetectionWindow(Duration.ofSeconds(5)));
        run(QueriesViewModelTest::nPlusOne, 3, 5);
        assertThat(vm.findings()).anyMatch(RepeatedQuery::isNPlusOne);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700))
                .until(() -> poll() != null && vm.findings().stream().noneMatch(RepeatedQuery::isNPlusOne));
        assertThat(vm.table().rows()).noneMatch(f -> f.isNPlusOne() || f.drivesLoop());
    }

    @Test
    void theSameDataFetchedWithAJoinIsNotFlagged() throws Exception {
        open(pg.monitorUri());
        QueryTable t = run(QueriesViewModelTest::joined, 4, 50);
        assertThat(row(t, "JOIN qv_customers")).isPresent();
        assertThat(vm.findings()).noneMatch(r -> t.textOf(r.lookup().queryId()).contains("qv_"));
        assertThat(t.rows()).filteredOn(f -> f.text() != null && f.text().contains("qv_"))
                .noneMatch(QueryFigures::flagged);
    }

    @Test
    void theSameDataFetchedWithAnyIsNotFlagged() throws Exception {
        open(pg.monitorUri());
        QueryTable t = run(QueriesViewModelTest::batched, 4, 50);
        assertThat(row(t, "= ANY($1)")).isPresent();
        assertThat(vm.findings()).noneMatch(r -> t.textOf(r.lookup().queryId()).contains("qv_"));
        assertThat(t.rows()).filteredOn(f -> f.text() != null && f.text().contains("qv_"))
                .noneMatch(f -> f.repeated().isPresent() || f.drivesLoop());
    }

    @Test
    void aSlowUnindexedQueryRanksFirstByShareOfTime() throws Exception {
        open(pg.monitorUri());
        vm.setSlow(1, 3);
        QueryTable t = run(c -> {
            try (PreparedStatement slow = c.prepareStatement("SELECT id FROM qv_big WHERE code = ?");
                 PreparedStatement fast = c.prepareStatement("SELECT v FROM qv_small WHERE id = ?")) {
                slow.setString(1, "no such code");
                slow.executeQuery().close();
                for (int i = 1; i <= 100; i++) {
                    fast.setInt(1, i);
                    fast.executeQuery().close();
                }
            }
        }, 3, 2);

        QueryFigures first = t.rows().get(0);
        assertThat(first.text()).contains("FROM qv_big WHERE code = $1");
        assertThat(first.sharePercent().getAsDouble()).isGreaterThan(50);
        assertThat(first.calls()).isEqualTo(6);
        assertThat(first.slow()).isTrue();
        QueryFigures fast = row(t, "FROM qv_small WHERE id = $1").orElseThrow();
        assertThat(fast.calls()).isEqualTo(600).isGreaterThan(first.calls());
        assertThat(fast.slow()).isFalse();
    }

    @Test
    void aWorkloadThatStoppedShowsInTheMinuteButNotInTheLastRefresh() throws Exception {
        open(pg.monitorUri());
        String marker = "qv_window_" + System.nanoTime();
        pg.execute("CREATE TABLE " + marker + " (x int)");
        try (Connection app = pg.superuser(); Statement s = app.createStatement()) {
            poll();
            for (int i = 0; i < 30; i++) {
                s.execute("SELECT count(*) FROM " + marker + " WHERE x > " + i);
            }
            session.sampler().requestAllTexts();
            QueryTable running = poll();
            assertThat(row(running, "FROM " + marker)).as("the minute, while it runs").hasValueSatisfying(f ->
                    assertThat(f.calls()).isEqualTo(30));
            poll();
            poll();
        }

        QueryTable minute = vm.table();
        QueryFigures inMinute = row(minute, "FROM " + marker).orElseThrow();
        assertThat(inMinute.calls()).isEqualTo(30);
        assertThat(inMinute.callsPerSecond().getAsDouble()).isCloseTo(30 / minute.secondsCovered(),
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(minute.intervals()).isEqualTo(3);

        QueryTable last = window(QueryWindow.LAST_REFRESH);
        assertThat(row(last, "FROM " + marker)).as("no calls in the last interval, so no rate now").isEmpty();

        QueryTable sinceReset = window(QueryWindow.SINCE_RESET);
        QueryFigures lifetime = row(sinceReset, "FROM " + marker).orElseThrow();
        assertThat(lifetime.calls()).isEqualTo(30);
        assertThat(lifetime.maxTimeMs()).as("pg_stat_statements keeps a lifetime max").isPresent();
        assertThat(vm.rows()).extracting(QueryRow::key).contains(lifetime.key());

        QueryTable back = window(QueryWindow.ONE_MINUTE);
        assertThat(row(back, "FROM " + marker).orElseThrow().calls()).isEqualTo(30);
    }

    @Test
    void aResetByAnotherUserIsSurvivedAndShown() throws Exception {
        open(pg.monitorUri());
        // A table of its own, so that no other statement shares the query id (and with it the text).
        String marker = "qv_reset_" + System.nanoTime();
        pg.execute("CREATE TABLE " + marker + " (x int)");
        Instant before;
        try (Connection app = pg.superuser(); Statement s = app.createStatement()) {
            poll();
            before = vm.table().statsReset().orElseThrow();
            for (int i = 0; i < 20; i++) {
                s.execute("SELECT count(*) FROM " + marker + " WHERE x > " + i);
            }
            session.sampler().requestAllTexts();
            poll();
            s.execute("SELECT pg_stat_statements_reset()");
            for (int i = 0; i < 20; i++) {
                s.execute("SELECT count(*) FROM " + marker + " WHERE x > " + i);
            }
            session.sampler().requestAllTexts();
            poll();
            poll();
        }

        QueryTable minute = vm.table();
        assertThat(minute.statsReset()).hasValueSatisfying(r -> assertThat(r).isAfter(before));
        assertThat(minute.resetInWindow()).isPresent();
        assertThat(vm.notes()).anyMatch(n -> n.startsWith("pg_stat_statements was reset at"));
        assertThat(vm.resetProperty().get()).startsWith("Statistics since ");
        assertThat(row(minute, "FROM " + marker).orElseThrow(() -> new AssertionError(minute.rows().toString())).calls())
                .as("both runs, each counted once").isEqualTo(40);
        for (QueryFigures f : minute.rows()) {
            assertThat(f.calls()).isPositive();
            assertThat(f.totalTimeMs()).isNotNegative();
            assertThat(f.rows()).isNotNegative();
            f.callsPerSecond().ifPresent(r -> assertThat(r).isNotNegative());
        }

        QueryTable sinceReset = window(QueryWindow.SINCE_RESET);
        assertThat(row(sinceReset, "FROM " + marker).orElseThrow().calls()).as("only the run after the reset").isEqualTo(20);
        assertThat(sinceReset.secondsCovered()).isPositive();
    }

    @Test
    void withoutTheExtensionThePageExplainsWhyAndGivesTheFix() throws Exception {
        pg.createDatabase("qv_noext");
        open(pg.monitorUri().replace("/postgres", "/qv_noext"));
        QueriesViewModel.Unavailable u = vm.unavailableProperty().get();
        assertThat(u).isNotNull();
        assertThat(u.title()).isEqualTo("pg_stat_statements is not installed");
        assertThat(u.explanation()).contains("qv_noext");
        assertThat(u.fix()).startsWith("CREATE EXTENSION pg_stat_statements;");
        session.sampler().pollNow().get(30, TimeUnit.SECONDS);
        assertThat(session.latest()).as("the rest of the app keeps polling").isNotNull();
        assertThat(vm.table()).isNull();
    }
}
