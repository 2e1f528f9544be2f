package io.pgpulse.app.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.analysis.ConnectionBudget;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.Targets;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class OverviewOnLiveServerTest {

    private static void poll(MonitorSession session, OverviewViewModel vm) throws Exception {
        session.sampler().pollNow().get(30, TimeUnit.SECONDS);
        vm.accept(session.latest());
    }

    @Test
    void overviewNumbersChangeWhenSessionsAreOpenedAgainstTheLiveServer(TestServer server) throws Exception {
        try (MonitorSession session = MonitorSession.open(Targets.parse(server.monitorUri()), MonitorSettings.defaults())) {
            OverviewViewModel vm = new OverviewViewModel(session.history(), Runnable::run, UiExecutor.direct());
            poll(session, vm);
            int freeBefore = vm.freeProperty().get();
            int usedBefore = vm.usedProperty().get();
            int monitorBefore = ConnectionBudget.of(session.latest()).unlisted();
            List<Connection> opened = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Connection c = server.superuser();
                    opened.add(c);
                    try (Statement s = c.createStatement()) {
                        s.execute("SET application_name = 'overview-test'");
                    }
                }
                poll(session, vm);
                // The monitor's pool may have opened its second session meanwhile; that is not the test's 10.
                int monitorGrew = ConnectionBudget.of(session.latest()).unlisted() - monitorBefore;

                GroupRow row = vm.row(Dimension.APPLICATION, "overview-test");
                assertThat(row).isNotNull();
                assertThat(row.total()).isEqualTo(10);
                assertThat(row.idleProperty().get()).isEqualTo(10);
                assertThat(vm.usedProperty().get() - monitorGrew).isEqualTo(usedBefore + 10);
                assertThat(vm.freeProperty().get() + monitorGrew).isEqualTo(freeBefore - 10);
                assertThat(vm.headroomProperty().get()).isEqualTo((freeBefore - 10 - monitorGrew) + " of "
                        + vm.usableProperty().get() + " usable connections free");
                assertThat(vm.chart(OverviewCharts.STATES).size()).isEqualTo(2);
            } finally {
                for (Connection c : opened) {
                    c.close();
                }
            }
        }
    }
}
