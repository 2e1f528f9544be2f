package io.pgpulse.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import io.pgpulse.core.embedded.EmbeddedServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs on its own tiny server so that exhausting it cannot disturb other tests. */
class TooManyConnectionsTest {
    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.builder()
                .serverConfig("max_connections", "6")
                .serverConfig("superuser_reserved_connections", "3")
                .serverConfig("reserved_connections", "0")
                .start();
        server.execute("CREATE ROLE app LOGIN PASSWORD 'app-pw'", "CREATE ROLE mon LOGIN PASSWORD 'mon-pw' IN ROLE pg_monitor");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void exhaustedServerIsReportedAsOutOfSlotsWithAdvice() throws Exception {
        List<Connection> hogs = new ArrayList<>();
        try {
            // Fill every ordinary slot; how many are left depends on setup sessions still exiting.
            boolean refused = false;
            for (int i = 0; i < 10 && !refused; i++) {
                try {
                    hogs.add(DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/postgres", "app", "app-pw"));
                } catch (java.sql.SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("53300");
                    refused = true;
                }
            }
            assertThat(refused).as("the server ran out of ordinary slots").isTrue();
            var target = Targets.parse("postgresql://mon:mon-pw@localhost:" + server.port() + "/postgres");
            assertThatThrownBy(() -> MonitorConnection.open(target, MonitorSettings.defaults()))
                    .isInstanceOfSatisfying(MonitorConnectException.class, e -> {
                        assertThat(e.problem()).isEqualTo(ConnectProblem.TOO_MANY_CONNECTIONS);
                        assertThat(e.explanation()).contains("max_connections");
                    });
        } finally {
            for (Connection c : hogs) {
                c.close();
            }
        }
    }
}
