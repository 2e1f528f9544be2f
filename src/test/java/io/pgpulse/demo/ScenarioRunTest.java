package io.pgpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class ScenarioRunTest {

    /** The last line of defence: a worker that shrugs off every cancel still cannot outlive its scenario. */
    @Test
    void aWorkerThatIgnoresCancelsIsCutOffAndItsBackendTerminated(TestServer pg) throws Exception {
        SessionFactory sessions = new SessionFactory("jdbc:postgresql://localhost:" + pg.port() + "/postgres",
                TestServer.PLAIN_ROLE, TestServer.PLAIN_PASSWORD);
        ScenarioRun run = new ScenarioRun(Scenario.BASELINE, sessions, new ScenarioCounters(), (s, text) -> { }) {
            @Override
            void start() {
                spawn(() -> {
                    try (DemoSession s = open(SessionSpec.unbounded("stubborn"))) {
                        s.call(c -> {
                            try (Statement st = c.createStatement()) {
                                while (true) {
                                    try {
                                        st.execute("SELECT pg_sleep(60)");
                                    } catch (SQLException e) {
                                        if (s.isBroken(e)) {
                                            return null;
                                        }
                                    }
                                }
                            }
                        });
                    } catch (SQLException e) {
                        // The socket was dropped under it, which is what this test wants.
                    }
                });
            }
        };
        run.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stubbornBackends(pg) == 1);

        long start = System.nanoTime();
        run.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stopping).isLessThan(Duration.ofSeconds(7));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("demo-baseline-"));
        await().atMost(Duration.ofSeconds(2)).until(() -> stubbornBackends(pg) == 0);
    }

    private static long stubbornBackends(TestServer pg) throws SQLException {
        try (Connection c = pg.superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'stubborn'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
