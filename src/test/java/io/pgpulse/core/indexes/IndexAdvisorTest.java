package io.pgpulse.core.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.ExplainRequest;
import io.pgpulse.core.explain.ExplainRunner;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SQL → expected suggestion over the shop schema with data, as the monitoring role sees it. */
class IndexAdvisorTest {
    private static TestServer pg;
    private static MonitorConnection monitor;
    private static ExplainRunner runner;
    private static IndexAdvisor advisor;

    @BeforeAll
    static void start() throws Exception {
        pg = ExplainFixture.newest();
        ExplainFixture.execute(pg,
                "DROP TABLE IF EXISTS shop.\"a\"\"b\", shop.\"MixedCase\", shop.\"zählung\", shop.\"; DROP TABLE x\"",
                "CREATE TABLE shop.\"a\"\"b\" (\"we\"\"ird\" int, pad text)",
                "INSERT INTO shop.\"a\"\"b\" SELECT g, 'p' FROM generate_series(1, 20000) g",
                "CREATE TABLE shop.\"MixedCase\" (\"UserId\" int, pad text)",
                "INSERT INTO shop.\"MixedCase\" SELECT g, 'p' FROM generate_series(1, 20000) g",
                "CREATE TABLE shop.\"zählung\" (\"größe\" int, pad text)",
                "INSERT INTO shop.\"zählung\" SELECT g, 'p' FROM generate_series(1, 20000) g",
                "CREATE TABLE shop.\"; DROP TABLE x\" (\"; DROP TABLE y\" int, pad text)",
                "INSERT INTO shop.\"; DROP TABLE x\" SELECT g, 'p' FROM generate_series(1, 20000) g",
                "ANALYZE shop.\"a\"\"b\", shop.\"MixedCase\", shop.\"zählung\", shop.\"; DROP TABLE x\"");
        monitor = ExplainFixture.monitor(pg);
        runner = new ExplainRunner(monitor::borrow);
        advisor = new IndexAdvisor(monitor::borrow, runner);
    }

    @AfterAll
    static void stop() {
        monitor.close();
    }

    private static List<IndexSuggestion> suggest(String sql) throws Exception {
        ExplainRequest request = ExplainRequest.of(sql);
        ExplainOutcome outcome = runner.explain(request);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(ExplainOutcome.Plan.class);
        return advisor.advise(request, (ExplainOutcome.Plan) outcome);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("equality", "SELECT * FROM orders WHERE customer_id = 42",
                        List.of("shop.orders(customer_id)")),
                Arguments.of("range", "SELECT * FROM orders WHERE created_at > '2024-03-01' AND created_at < '2024-03-02'",
                        List.of("shop.orders(created_at)")),
                Arguments.of("multi-column, most selective first", "SELECT * FROM orders WHERE status = 'paid' AND customer_id = 42",
                        List.of("shop.orders(customer_id, status)")),
                Arguments.of("equality before range", "SELECT * FROM orders WHERE created_at > '2024-06-01' AND customer_id = 42",
                        List.of("shop.orders(customer_id, created_at)")),
                Arguments.of("join key", "SELECT o.* FROM customers c JOIN orders o ON o.customer_id = c.id "
                        + "WHERE c.email = 'user42@example.com'",
                        List.of("shop.customers(email)", "shop.orders(customer_id)")),
                Arguments.of("sort key under a LIMIT", "SELECT * FROM orders ORDER BY created_at DESC LIMIT 20",
                        List.of("shop.orders(created_at)")),
                Arguments.of("generic plan from pg_stat_statements", "SELECT * FROM orders WHERE customer_id = $1",
                        List.of("shop.orders(customer_id)")),
                Arguments.of("already covered: composite index", "SELECT * FROM shipments WHERE carrier = 'ups' "
                        + "AND shipped_at > '2024-03-01' AND shipped_at < '2024-03-05'", List.of()),
                Arguments.of("already covered: primary key", "SELECT * FROM customers WHERE id = 5", List.of()),
                Arguments.of("already covered: LIKE prefix with text_pattern_ops",
                        "SELECT * FROM products WHERE sku LIKE 'SKU-0001%'", List.of()),
                Arguments.of("LIKE with a leading wildcard: no btree helps", "SELECT * FROM products WHERE sku LIKE '%123'",
                        List.of()),
                Arguments.of("not selective: most rows kept", "SELECT * FROM orders WHERE status <> 'paid'", List.of()),
                Arguments.of("small table", "SELECT * FROM victims WHERE v = 3", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suggestsTheExpectedIndexes(String name, String sql, List<String> expected) throws Exception {
        List<IndexSuggestion> suggestions = suggest(sql);
        assertThat(suggestions.stream().map(s -> s.qualifiedTable() + "(" + String.join(", ", s.columns()) + ")"))
                .as(suggestions.toString()).containsExactlyInAnyOrderElementsOf(expected);
        for (IndexSuggestion s : suggestions) {
            assertThat(s.ddl()).startsWith("CREATE INDEX CONCURRENTLY ");
            assertThat(s.reason()).isNotBlank();
            assertThat(s.verified()).isFalse();
            assertThat(s.costBefore()).isNull();
            assertThat(s.verification()).contains("Not verified").contains("CREATE EXTENSION hypopg");
        }
    }

    @Test
    void ddlIsExactAndQuotedLikeQuoteIdent() throws Exception {
        assertThat(suggest("SELECT * FROM orders WHERE customer_id = 42").get(0).ddl())
                .isEqualTo("CREATE INDEX CONCURRENTLY orders_customer_id_idx ON shop.orders (customer_id);");
        assertThat(suggest("SELECT * FROM shop.\"MixedCase\" WHERE \"UserId\" = 7").get(0).ddl())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"MixedCase_UserId_idx\" ON shop.\"MixedCase\" (\"UserId\");");
        assertThat(suggest("SELECT * FROM shop.\"a\"\"b\" WHERE \"we\"\"ird\" = 7").get(0).ddl())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"a\"\"b_we\"\"ird_idx\" ON shop.\"a\"\"b\" (\"we\"\"ird\");");
        assertThat(suggest("SELECT * FROM shop.\"zählung\" WHERE \"größe\" = 7").get(0).ddl())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"zählung_größe_idx\" ON shop.\"zählung\" (\"größe\");");
        assertThat(suggest("SELECT * FROM shop.\"; DROP TABLE x\" WHERE \"; DROP TABLE y\" = 7").get(0).ddl())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"; DROP TABLE x_; DROP TABLE y_idx\" ON shop.\"; DROP TABLE x\" "
                        + "(\"; DROP TABLE y\");");
    }

    @Test
    void generatedDdlCreatesExactlyTheIndexItNamesAndNothingElse() throws Exception {
        String ddl = suggest("SELECT * FROM shop.\"; DROP TABLE x\" WHERE \"; DROP TABLE y\" = 7").get(0).ddl();
        long tables = ExplainFixture.count(pg, "SELECT count(*) FROM pg_class WHERE relkind = 'r'");
        try (Connection c = ExplainFixture.superuser(pg); Statement s = c.createStatement()) {
            s.execute(ddl);
            try (ResultSet rs = s.executeQuery("SELECT indrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                    + "WHERE indexrelid = 'shop.\"; DROP TABLE x_; DROP TABLE y_idx\"'::regclass")) {
                rs.next();
                assertThat(rs.getString(1)).isIn("shop.\"; DROP TABLE x\"", "\"; DROP TABLE x\"");
                assertThat(rs.getString(2)).endsWith("USING btree (\"; DROP TABLE y\")");
            }
            s.execute("DROP INDEX shop.\"; DROP TABLE x_; DROP TABLE y_idx\"");
        }
        assertThat(ExplainFixture.count(pg, "SELECT count(*) FROM pg_class WHERE relkind = 'r'")).isEqualTo(tables);
    }

    @Test
    void aSuggestionIsNotRepeatedOnceTheIndexExists() throws Exception {
        String sql = "SELECT * FROM shop.\"MixedCase\" WHERE \"UserId\" = 9";
        IndexSuggestion s = suggest(sql).get(0);
        try (Connection c = ExplainFixture.superuser(pg); Statement st = c.createStatement()) {
            st.execute(s.ddl());
            st.execute("ANALYZE shop.\"MixedCase\"");
            assertThat(suggest(sql)).isEmpty();
            st.execute("DROP INDEX shop.\"MixedCase_UserId_idx\"");
        }
    }
}
