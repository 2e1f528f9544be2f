package io.pgpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.pgpulse.core.embedded.EmbeddedServer;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DemoEnvironmentTest {
    private static final Logger log = LoggerFactory.getLogger(DemoEnvironmentTest.class);

    private record Event(Scenario scenario, ScenarioState state, String thread) {}

    @Test
    void startsALoadedShopAndCloseLeavesNoServerDataOrThreadsBehind() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        DemoEnvironment demo = DemoEnvironment.start();
        Path dataDirectory = demo.dataDirectory();
        Duration closing;
        try {
            log.info("Demo environment started in {} ms", demo.startupTime().toMillis());
            assertThat(demo.monitorUri()).isEqualTo("postgresql://postgres@localhost:" + demo.port() + "/shop");
            assertShopIsLoaded(demo);

            Workload workload = demo.workload();
            workload.addListener((scenario, state) -> events.add(new Event(scenario, state, Thread.currentThread().getName())));
            assertThat(workload.enabledScenarios()).containsExactly(Scenario.BASELINE);
            await().atMost(Duration.ofSeconds(10)).until(() -> workload.stats(Scenario.BASELINE).queries() > 20);
            assertThat(workload.stats(Scenario.BASELINE).errors()).as(workload.stats(Scenario.BASELINE).toString()).isZero();

            for (Scenario s : Scenario.values()) {
                workload.enable(s);
            }
            assertThat(workload.enabledScenarios()).isEqualTo(EnumSet.allOf(Scenario.class));
            // Close must also cope with the worst moment: an ALTER queued for a lock, reads stuck
            // behind it, a pool holding most of the slots.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (Scenario s : Scenario.values()) {
                    assertThat(workload.stats(s).queries()).as("queries of %s", s).isPositive();
                }
                assertThat(activity(demo, "application_name = 'migrate' AND wait_event_type = 'Lock'")).isEqualTo(1);
                assertThat(activity(demo, "application_name = 'shop-pool'")).isGreaterThan(40);
            });
        } finally {
            long start = System.nanoTime();
            demo.close();
            closing = Duration.ofNanos(System.nanoTime() - start);
        }

        log.info("Demo environment with every scenario on closed in {} ms", closing.toMillis());
        assertThat(closing).isLessThan(Duration.ofSeconds(10));
        assertThat(dataDirectory).doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("demo-"));
        for (Scenario s : EnumSet.complementOf(EnumSet.of(Scenario.BASELINE))) {
            assertThat(events).filteredOn(e -> e.scenario() == s).extracting(Event::state)
                    .containsExactly(ScenarioState.RUNNING, ScenarioState.STOPPING, ScenarioState.OFF);
        }
        assertThat(events).extracting(Event::thread).containsOnly("demo-events");
    }

    private static void assertShopIsLoaded(DemoEnvironment demo) throws Exception {
        try (Connection c = DriverManager.getConnection(demo.monitorJdbcUrl() + "?user=" + demo.monitorUser());
             Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM customers")).isEqualTo(DemoSchema.CUSTOMERS);
            assertThat(one(s, "SELECT count(*) FROM orders")).isGreaterThanOrEqualTo(DemoSchema.ORDERS);
            assertThat(one(s, "SELECT count(*) FROM order_items")).isGreaterThan(DemoSchema.ORDERS);
            assertThat(one(s, "SELECT count(*) FROM products")).isEqualTo(DemoSchema.PRODUCTS);
            assertThat(one(s, "SELECT count(*) FROM accounts")).isEqualTo(DemoSchema.ACCOUNTS);
            assertThat(one(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'shop_app'")).isEqualTo(5);
            assertThat(one(s, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")).isEqualTo(1);
            assertThat(one(s, "SELECT count(*) FROM pg_stats WHERE tablename = 'orders'")).as("analyzed").isPositive();
            assertThat(one(s, indexedBy("customer_id"))).as("indexes on orders.customer_id").isPositive();
            assertThat(one(s, indexedBy("reference_code"))).as("indexes on orders.reference_code").isZero();
            assertThat(one(s, "SELECT rolconnlimit FROM pg_roles WHERE rolname = 'shop_app'"))
                    .isEqualTo(DemoEnvironment.APP_ROLE_CONNECTION_LIMIT);
            assertThat(one(s, "SELECT count(*) FROM pg_authid WHERE rolname = 'shop_app' AND rolpassword LIKE 'SCRAM-SHA-256$%'"))
                    .isEqualTo(1);
        }
        try (Connection c = DriverManager.getConnection(demo.monitorJdbcUrl().replace("/shop", "/postgres") + "?user=postgres");
             Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")).isEqualTo(1);
        }
    }

    private static long activity(DemoEnvironment demo, String condition) throws Exception {
        try (Connection c = DriverManager.getConnection(demo.monitorJdbcUrl() + "?user=" + demo.monitorUser());
             Statement s = c.createStatement()) {
            return one(s, "SELECT count(*) FROM pg_stat_activity WHERE " + condition);
        }
    }

    private static String indexedBy(String column) {
        return "SELECT count(*) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = 'orders'::regclass AND a.attname = '" + column + "'";
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aServerThatCannotStartIsExplainedWithAWayForward() {
        // What zonky's own resolver throws on a platform it has no binaries for.
        EmbeddedServer.Builder noBinaries = EmbeddedServer.builder().binaries((os, arch) -> {
            throw new IllegalStateException("Missing embedded postgres binaries for " + os + "/" + arch);
        });

        assertThatThrownBy(() -> DemoEnvironment.start(noBinaries, Set.of()))
                .isInstanceOf(DemoUnavailableException.class)
                .hasMessageContaining("cannot start its own PostgreSQL")
                .hasMessageContaining("Missing embedded postgres binaries")
                .hasMessageContaining("postgresql://user@host");
    }

    @Test
    void anUnpackingFailureThatZonkyWrapsInAnErrorStillGivesItsReason() {
        Throwable wrapped = new ExceptionInInitializerError(new IOException("No space left on device"));

        assertThat(DemoEnvironment.whyNoServer(wrapped))
                .startsWith("The demo cannot start its own PostgreSQL")
                .contains("No space left on device");
    }

    @Test
    void everyScenarioExplainsItsIncidentInOneSentenceAndOnlyBaselineStartsOn() {
        for (Scenario s : Scenario.values()) {
            assertThat(s.displayName()).isNotBlank();
            assertThat(s.purpose()).endsWith(".").doesNotContain(". ");
        }
        assertThat(Scenario.defaults()).containsExactly(Scenario.BASELINE);
    }
}
