package io.pgpulse.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Normalised pg_stat_statements texts ($1 … $n) get a plan on every supported major. */
class GenericPlanTest {
    private static final String NORMALISED = "SELECT id, total FROM shop.orders WHERE customer_id = $1 AND status = $2 "
            + "ORDER BY created_at DESC LIMIT $3";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void parameterisedStatementGetsAGenericPlanOnEveryMajor(PgMajor major) throws Exception {
        TestServer pg = ExplainFixture.server(major);
        try (MonitorConnection monitor = ExplainFixture.monitor(pg)) {
            ExplainOutcome outcome = new ExplainRunner(monitor::borrow).explain(ExplainRequest.of(NORMALISED));
            assertThat(outcome).as(outcome.toString()).isInstanceOf(ExplainOutcome.Plan.class);
            ExplainOutcome.Plan plan = (ExplainOutcome.Plan) outcome;
            assertThat(plan.mode()).isEqualTo(major.number() >= 16 ? PlanMode.GENERIC_PLAN : PlanMode.PREPARED_GENERIC);
            PlanNode scan = plan.model().nodes().stream().filter(n -> "orders".equals(n.relationName())).findFirst().orElseThrow();
            // A generic plan keeps the parameters symbolic: a custom plan would show the bound values instead.
            assertThat(scan.filter()).contains("$1").contains("$2");
            assertThat(plan.notes()).anyMatch(n -> n.contains("generic plan"));
            assertThat(plan.text()).hasValueSatisfying(t -> assertThat(t).contains("Seq Scan on orders"));
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void suppliedValuesAreBoundAndAllowAnalyze(PgMajor major) throws Exception {
        TestServer pg = ExplainFixture.server(major);
        try (MonitorConnection monitor = ExplainFixture.monitor(pg)) {
            ExplainRequest request = ExplainRequest.of(NORMALISED).withParameters(List.of("42", "paid", "5"))
                    .withOptions(ExplainOptions.plain().withAnalyze(true).withBuffers(true)).confirm();
            ExplainOutcome.Plan plan = (ExplainOutcome.Plan) new ExplainRunner(monitor::borrow).explain(request);
            assertThat(plan.mode()).isEqualTo(PlanMode.BOUND_VALUES);
            assertThat(plan.analyzed()).isTrue();
            PlanNode scan = plan.model().nodes().stream().filter(n -> "orders".equals(n.relationName())).findFirst().orElseThrow();
            assertThat(scan.filter()).contains("42").contains("paid");
            assertThat(scan.sharedHitBlocks()).isNotNull();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(PgMajor.class)
    void aParameterWhoseTypeCannotBeInferredSaysExactlyWhy(PgMajor major) throws Exception {
        TestServer pg = ExplainFixture.server(major);
        try (MonitorConnection monitor = ExplainFixture.monitor(pg)) {
            ExplainOutcome outcome = new ExplainRunner(monitor::borrow).explain(
                    ExplainRequest.of("SELECT id FROM shop.orders WHERE $1 IS NULL"));
            assertThat(outcome).isInstanceOf(ExplainOutcome.Failed.class);
            ExplainOutcome.Failed failed = (ExplainOutcome.Failed) outcome;
            assertThat(failed.sqlState()).isEqualTo("42P18");
            assertThat(failed.message()).startsWith("No generic plan: could not determine data type of parameter $1")
                    .contains("cast it (e.g. $1::integer)");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(value = PgMajor.class, names = {"PG14", "PG15"})
    void thePreparedFallbackLeavesNoPreparedStatementBehind(PgMajor major) throws Exception {
        TestServer pg = ExplainFixture.server(major);
        try (Connection session = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/"
                + ExplainFixture.DATABASE, ExplainFixture.ROLE, ExplainFixture.PASSWORD)) {
            ExplainRunner runner = new ExplainRunner(ExplainFixture.sameSession(session));
            assertThat(runner.explain(ExplainRequest.of(NORMALISED))).isInstanceOf(ExplainOutcome.Plan.class);
            assertThat(runner.explain(ExplainRequest.of("SELECT id FROM shop.orders WHERE $1 IS NULL"))).isInstanceOf(ExplainOutcome.Failed.class);
            try (Statement s = session.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_prepared_statements WHERE from_sql")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
