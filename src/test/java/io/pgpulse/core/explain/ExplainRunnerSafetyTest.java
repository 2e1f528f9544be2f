package io.pgpulse.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adversarial input is refused with a specific message, and afterwards no row has changed
 * and no session was signalled — checked with the superuser, not with the runner's own word.
 */
class ExplainRunnerSafetyTest {
    private static TestServer pg;
    private static MonitorConnection monitor;
    private static ExplainRunner runner;

    @BeforeAll
    static void start() throws Exception {
        pg = ExplainFixture.newest();
        monitor = ExplainFixture.monitor(pg);
        runner = new ExplainRunner(monitor::borrow);
    }

    @AfterAll
    static void stop() {
        monitor.close();
    }

    private static ExplainRequest analyze(String sql) {
        return ExplainRequest.of(sql).withOptions(ExplainOptions.plain().withAnalyze(true)).confirm();
    }

    private static String victimsState() {
        return ExplainFixture.count(pg, "SELECT count(*) FROM shop.victims") + "/"
                + ExplainFixture.count(pg, "SELECT sum(v) FROM shop.victims") + "/"
                + ExplainFixture.count(pg, "SELECT count(*) FROM pg_class WHERE relname IN ('stolen', 'evil')");
    }

    static List<Arguments> adversarial() {
        return List.of(
                Arguments.of("SELECT 1; DELETE FROM shop.victims", false,
                        "2 statements found (second starts at line 1, column 11: DELETE FROM shop.victims)"),
                Arguments.of("SELECT 1; DELETE FROM shop.victims", true, "2 statements found"),
                Arguments.of("COMMIT; DELETE FROM shop.victims", false, "2 statements found (second starts at line 1, column 9"),
                Arguments.of("COMMIT", false, "COMMIT/ROLLBACK/BEGIN are not allowed"),
                Arguments.of("ROLLBACK; UPDATE shop.victims SET v = 0", true, "2 statements found"),
                Arguments.of("SELECT 1 /* */; DELETE FROM shop.victims --", false, "2 statements found"),
                Arguments.of("SELECT $$x$$; DELETE FROM shop.victims", false, "2 statements found"),
                Arguments.of("DELETE FROM shop.victims", true, "EXPLAIN ANALYZE executes the statement, and it is a DELETE"),
                Arguments.of("UPDATE shop.victims SET v = 0", true, "it is an UPDATE, which writes"),
                Arguments.of("INSERT INTO shop.victims VALUES (1000, 1)", true, "it is an INSERT, which writes"),
                Arguments.of("WITH d AS (DELETE FROM shop.victims RETURNING *) SELECT count(*) FROM d", true,
                        "its WITH clause contains an INSERT, UPDATE, DELETE or MERGE"),
                Arguments.of("SELECT * INTO shop.stolen FROM shop.victims", true, "SELECT … INTO creates a table"),
                Arguments.of("SELECT * FROM shop.victims FOR UPDATE", true, "FOR UPDATE/SHARE locks rows"),
                Arguments.of("CREATE TABLE shop.evil AS SELECT 1", true, "CREATE cannot be explained"),
                Arguments.of("CREATE TABLE shop.evil AS SELECT 1", false, "CREATE cannot be explained"),
                Arguments.of("DROP TABLE shop.victims", false, "DROP cannot be explained"),
                Arguments.of("TRUNCATE shop.victims", true, "TRUNCATE cannot be explained"),
                Arguments.of("SELECT nextval('x')", true, "nextval() is never run by EXPLAIN ANALYZE"),
                Arguments.of("SELECT pg_sleep(60)", true, "pg_sleep() is never run by EXPLAIN ANALYZE"),
                Arguments.of("SELECT pg_advisory_lock(1)", true, "pg_advisory_lock() is never run"),
                Arguments.of("SELECT random() FROM shop.victims", true,
                        "random() is VOLATILE: EXPLAIN ANALYZE would run it"),
                Arguments.of("SELECT shop.sneaky_sleep()", true, "shop.sneaky_sleep() is declared STABLE but calls pg_sleep()"),
                Arguments.of("SELECT shop.sneaky_sleep()", false,
                        "shop.sneaky_sleep() is declared STABLE but calls pg_sleep(): the planner may evaluate it"),
                Arguments.of("SELECT * FROM shop.victims WHERE id = $1", true,
                        "EXPLAIN ANALYZE needs a value for each of the 1 parameters"));
    }

    @ParameterizedTest(name = "[{index}] analyze={1}: {0}")
    @MethodSource("adversarial")
    void adversarialInputIsRefusedWithASpecificMessageAndChangesNothing(String sql, boolean analyze, String message) {
        String before = victimsState();
        ExplainOutcome outcome = runner.explain(analyze ? analyze(sql) : ExplainRequest.of(sql));
        assertThat(outcome).isInstanceOf(ExplainOutcome.Rejected.class);
        assertThat(((ExplainOutcome.Rejected) outcome).reason()).contains(message);
        assertThat(victimsState()).isEqualTo(before);
    }

    @Test
    void terminateBackendUnderAnalyzeIsRefusedAndTheVictimLives() throws Exception {
        try (Connection victim = ExplainFixture.superuser(pg)) {
            int pid = pid(victim);
            ExplainOutcome outcome = runner.explain(analyze("SELECT pg_terminate_backend(" + pid + ")"));
            assertThat(((ExplainOutcome.Rejected) outcome).reason())
                    .startsWith("pg_terminate_backend() is never run by EXPLAIN ANALYZE");
            assertAlive(victim, pid);
        }
    }

    @Test
    void terminateBackendHiddenInAViewIsFoundInTheVerbosePlan() throws Exception {
        try (Connection victim = ExplainFixture.superuser(pg)) {
            int pid = pid(victim);
            ExplainFixture.execute(pg, "TRUNCATE shop.victim_pids", "INSERT INTO shop.victim_pids VALUES (" + pid + ")");
            ExplainOutcome outcome = runner.explain(analyze("SELECT * FROM shop.kill_view"));
            assertThat(outcome).isInstanceOf(ExplainOutcome.Rejected.class);
            assertThat(((ExplainOutcome.Rejected) outcome).reason()).startsWith("pg_terminate_backend() is never run");
            assertAlive(victim, pid);
        }
    }

    @Test
    void plainExplainOfTerminateBackendShowsThePlanWithoutCallingIt() throws Exception {
        try (Connection victim = ExplainFixture.superuser(pg)) {
            int pid = pid(victim);
            ExplainOutcome outcome = runner.explain(ExplainRequest.of("SELECT pg_terminate_backend(" + pid + ")"));
            assertThat(outcome).isInstanceOf(ExplainOutcome.Plan.class);
            assertAlive(victim, pid);
        }
    }

    @Test
    void plainExplainOfADeleteShowsTheModifyTableNodeAndDeletesNothing() throws Exception {
        String before = victimsState();
        try (Connection owner = ExplainFixture.superuser(pg)) {
            ExplainRunner asOwner = new ExplainRunner(ExplainFixture.sameSession(owner));
            ExplainOutcome.Plan plan = (ExplainOutcome.Plan) asOwner.explain(ExplainRequest.of("DELETE FROM shop.victims WHERE v > 10"));
            assertThat(plan.model().root().nodeType()).isEqualTo("ModifyTable");
            assertThat(plan.model().root().operation()).isEqualTo("Delete");
            assertThat(plan.analyzed()).isFalse();
        }
        assertThat(victimsState()).isEqualTo(before);
    }

    @Test
    void aReadOnlyRoleCannotEvenPlanADeleteAndIsToldWhy() {
        ExplainOutcome outcome = runner.explain(ExplainRequest.of("DELETE FROM shop.victims WHERE v > 10"));
        assertThat(((ExplainOutcome.Failed) outcome).sqlState()).isEqualTo("42501");
        assertThat(((ExplainOutcome.Failed) outcome).message()).contains("permission denied for table victims");
    }

    @Test
    void analyzeWithoutConfirmationIsRefusedBeforeAnythingIsSent() {
        ExplainOutcome outcome = runner.explain(ExplainRequest.of("SELECT 1").withOptions(ExplainOptions.plain().withAnalyze(true)));
        assertThat(((ExplainOutcome.Rejected) outcome).reason()).startsWith("EXPLAIN ANALYZE executes the statement for real");
    }

    @Test
    void analyzeOfASafeSelectRunsAndReportsActualRows() {
        ExplainOutcome outcome = runner.explain(analyze(
                "SELECT shop.honest_double(id), lower(email) FROM shop.customers WHERE country = 'de' LIMIT 5"));
        ExplainOutcome.Plan plan = (ExplainOutcome.Plan) outcome;
        assertThat(plan.analyzed()).isTrue();
        assertThat(plan.model().root().actualRows()).isEqualTo(5.0);
        assertThat(plan.model().executionTimeMs()).isPresent();
        assertThat(plan.text()).isEmpty();
        assertThat(plan.notes()).contains("The statement was executed inside a read-only transaction that was rolled back.");
    }

    @Test
    void aStatementBeyondTheTimeoutFailsWithinTheTimeout() {
        ExplainRequest slow = ExplainRequest.of("SELECT count(*) FROM generate_series(1, 10000000000) g")
                .withOptions(ExplainOptions.plain().withAnalyze(true).withStatementTimeout(Duration.ofSeconds(1))).confirm();
        long start = System.nanoTime();
        ExplainOutcome outcome = runner.explain(slow);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome).isInstanceOf(ExplainOutcome.Failed.class);
        assertThat(((ExplainOutcome.Failed) outcome).message()).contains("longer than the statement timeout (1.0 s)");
        assertThat(((ExplainOutcome.Failed) outcome).sqlState()).isEqualTo("57014");
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aSecondExplainWhileOneRunsIsRejectedAndCancelStopsTheFirst() throws Exception {
        ExplainRequest slow = ExplainRequest.of("SELECT /* long-one */ count(*) FROM generate_series(1, 10000000000) g")
                .withOptions(ExplainOptions.plain().withAnalyze(true).withStatementTimeout(Duration.ofSeconds(60))).confirm();
        CompletableFuture<ExplainOutcome> first = CompletableFuture.supplyAsync(() -> runner.explain(slow));
        await().atMost(Duration.ofSeconds(20)).until(() -> ExplainFixture.count(pg,
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%ANALYZE%long-one%' AND state = 'active' "
                        + "AND pid <> pg_backend_pid()") > 0);
        ExplainOutcome second = runner.explain(ExplainRequest.of("SELECT 1"));
        assertThat(((ExplainOutcome.Rejected) second).reason()).startsWith("Another EXPLAIN is still running");
        assertThat(runner.cancel()).isTrue();
        ExplainOutcome outcome = first.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(((ExplainOutcome.Failed) outcome).message()).startsWith("Cancelled");
        assertThat(runner.explain(ExplainRequest.of("SELECT 1"))).isInstanceOf(ExplainOutcome.Plan.class);
    }

    @Test
    void aLockedTableFailsAfterTheLockTimeoutInsteadOfQueueing() throws Exception {
        try (Connection holder = ExplainFixture.superuser(pg)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE shop.victims IN ACCESS EXCLUSIVE MODE");
            }
            ExplainOutcome outcome = runner.explain(ExplainRequest.of("SELECT * FROM shop.victims"));
            holder.rollback();
            assertThat(((ExplainOutcome.Failed) outcome).sqlState()).isEqualTo("55P03");
            assertThat(((ExplainOutcome.Failed) outcome).message()).contains("instead of queueing behind it");
        }
    }

    @Test
    void nothingIsLeftOnTheSessionAfterAGenericPlanOrAFailure() throws Exception {
        try (Connection session = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pg.port() + "/" + ExplainFixture.DATABASE,
                ExplainFixture.ROLE, ExplainFixture.PASSWORD)) {
            ExplainRunner single = new ExplainRunner(ExplainFixture.sameSession(session));
            assertThat(single.explain(ExplainRequest.of("SELECT * FROM shop.orders WHERE customer_id = $1")))
                    .isInstanceOf(ExplainOutcome.Plan.class);
            assertThat(single.explain(ExplainRequest.of("SELECT * FROM shop.no_such_table"))).isInstanceOf(ExplainOutcome.Failed.class);
            try (Statement s = session.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_prepared_statements WHERE from_sql")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThat(session.getAutoCommit()).isTrue();
        }
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void assertAlive(Connection victim, int pid) throws Exception {
        try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(pid);
        }
        assertThat(ExplainFixture.count(pg, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)).isEqualTo(1);
    }
}
