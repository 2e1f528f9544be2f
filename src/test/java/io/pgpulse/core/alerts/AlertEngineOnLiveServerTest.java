package io.pgpulse.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.Targets;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class AlertEngineOnLiveServerTest {

    private static Snapshot poll(MonitorSession session) throws Exception {
        session.sampler().pollNow().get(30, TimeUnit.SECONDS);
        return session.latest();
    }

    @Test
    void connectionsAlertFiresOnceWhenSessionsOpenAndClearsWhenTheyClose(TestServer server) throws Exception {
        try (MonitorSession session = MonitorSession.open(Targets.parse(server.monitorUri()), MonitorSettings.defaults())) {
            Snapshot before = poll(session);
            int usable = before.server().usableConnections();
            int base = before.server().clientBackends();
            // Thresholds just above what the shared server uses now, so the test does not depend on its size.
            AlertRule rule = new AlertRule(AlertKind.CONNECTIONS_USED, (base + 4.5) * 100 / usable, 100,
                    (base + 1.5) * 100 / usable, Duration.ZERO);
            AlertEngine engine = new AlertEngine(AlertRules.defaults().with(rule));
            assertThat(engine.evaluate(before, Instant.now())).noneMatch(e -> e.kind() == AlertKind.CONNECTIONS_USED);

            List<AlertEvent> events = new ArrayList<>();
            List<Connection> opened = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    opened.add(server.superuser());
                }
                events.addAll(engine.evaluate(poll(session), Instant.now()));
                events.addAll(engine.evaluate(poll(session), Instant.now()));
            } finally {
                for (Connection c : opened) {
                    c.close();
                }
            }
            List<AlertEvent> afterClose = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                afterClose.addAll(engine.evaluate(poll(session), Instant.now()));
                return afterClose.stream().anyMatch(e -> e.kind() == AlertKind.CONNECTIONS_USED);
            });

            assertThat(events).filteredOn(e -> e.kind() == AlertKind.CONNECTIONS_USED).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(AlertEvent.Type.RAISED);
                assertThat((Integer) e.evidence().get("used_connections")).isGreaterThanOrEqualTo(base + 6);
            });
            assertThat(afterClose).filteredOn(e -> e.kind() == AlertKind.CONNECTIONS_USED)
                    .singleElement().extracting(AlertEvent::type).isEqualTo(AlertEvent.Type.CLEARED);
        }
    }
}
