package io.pgpulse.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.embedded.EmbeddedServer;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.testing.Targets;

/** A thousand real sessions on a server of their own, read by the sampler and shown by the view-model. */
class ActivityLiveScaleTest {
    private static final int IDLE = 900;
    private static final int IDLE_IN_TRANSACTION = 100;

    @Test
    void aThousandRealSessionsAreListedAndFiltered() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.builder().serverConfig("max_connections", "1100").start()) {
            List<Connection> sessions = Collections.synchronizedList(new ArrayList<>());
            ExecutorService openers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> opened = new ArrayList<>();
                for (int i = 0; i < IDLE + IDLE_IN_TRANSACTION; i++) {
                    boolean inTransaction = i < IDLE_IN_TRANSACTION;
                    opened.add(openers.submit(() -> {
                        Properties p = new Properties();
                        p.setProperty("user", EmbeddedServer.SUPERUSER);
                        p.setProperty("ApplicationName", inTransaction ? "batch" : "web");
                        Connection c = DriverManager.getConnection(server.superuserJdbcUrl("postgres"), p);
                        sessions.add(c);
                        if (inTransaction) {
                            c.setAutoCommit(false);
                            try (Statement s = c.createStatement()) {
                                s.execute("SELECT 1");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : opened) {
                    f.get(60, TimeUnit.SECONDS);
                }
                double openSeconds = (System.nanoTime() - t0) / 1e9;

                try (MonitorSession session = MonitorSession.open(
                        Targets.parse("postgresql://postgres@localhost:" + server.port() + "/postgres"),
                        MonitorSettings.defaults())) {
                    AppContext context = new AppContext(UiExecutor.direct(), new ThemeManager(AppTheme.DARK));
                    LiveSession live = new LiveSession(session, UiExecutor.direct(), "scale");
                    ActivityViewModel vm = ActivityViewModel.create(live, context);
                    long p0 = System.nanoTime();
                    session.sampler().pollNow().get(30, TimeUnit.SECONDS);
                    double pollMs = (System.nanoTime() - p0) / 1e6;

                    long clients = vm.sessions().stream().filter(s -> s.view().row().isClientBackend()).count();
                    assertThat(clients).isEqualTo(IDLE + IDLE_IN_TRANSACTION);
                    assertThat(vm.summaryProperty().get()).contains("idle in transaction");
                    vm.onlyIdleInTransactionProperty().set(true);
                    assertThat(vm.sessions()).hasSize(IDLE_IN_TRANSACTION)
                            .allSatisfy(s -> assertThat(s.view().row().application()).isEqualTo("batch"));
                    vm.onlyIdleInTransactionProperty().set(false);
                    vm.applicationFilterProperty().set("web");
                    assertThat(vm.sessions()).hasSize(IDLE);
                    assertThat(vm.transactionsProperty().get().get(1).value()).isEqualTo(Integer.toString(IDLE_IN_TRANSACTION));
                    live.close();
                    context.close();
                    System.out.printf(Locale.ROOT, "%n%,d real sessions opened in %.1f s; one poll and view-model"
                            + " update took %.0f ms; whole test %.1f s%n", sessions.size(), openSeconds, pollMs,
                            (System.nanoTime() - t0) / 1e9);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
            } finally {
                openers.shutdownNow();
                for (Connection c : sessions) {
                    c.close();
                }
            }
        }
    }
}
