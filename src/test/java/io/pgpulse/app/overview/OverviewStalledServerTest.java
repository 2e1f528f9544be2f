package io.pgpulse.app.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.shell.StatusViewModel;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.Targets;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.TestServer;

/** A server that stops answering mid-session must not freeze the window, and the screen must say the data is stale. */
@ExtendWith({ApplicationExtension.class, EmbeddedPostgresExtension.class})
class OverviewStalledServerTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    @Test
    void theOverviewStaysResponsiveWhileTheServerStallsAndSaysItsFiguresAreFrozen(TestServer server, FxRobot robot)
            throws Exception {
        AppContext context = new AppContext(new FxUiExecutor(), new ThemeManager(AppTheme.DARK));
        try (TcpProxy proxy = TcpProxy.forwardingTo(server.port())) {
            String uri = "postgresql://" + TestServer.MONITOR_ROLE + ":" + TestServer.MONITOR_PASSWORD + "@localhost:"
                    + proxy.port() + "/postgres";
            MonitorSession session = MonitorSession.open(Targets.parse(uri),
                    MonitorSettings.withInterval(Duration.ofSeconds(1)).withLoginTimeout(Duration.ofSeconds(1)));
            LiveSession live = new LiveSession(session, context.ui(), "stall-test");
            AtomicReference<StatusViewModel> status = new AtomicReference<>();
            try {
                robot.interact(() -> {
                    status.set(new StatusViewModel(live));
                    Scene scene = new Scene((javafx.scene.Parent) new OverviewPage(live, context).view(), 1240, 780);
                    scene.getStylesheets().add(ThemeManager.appStylesheet());
                    stage.setScene(scene);
                });
                live.start();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> robot.lookup("#" + OverviewView.HEADROOM_ID).queryAs(Label.class).getText().matches("\\d+ of \\d+"));

                proxy.stall();
                Instant stalledAt = Instant.now();
                List<Long> fxAnswersMillis = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    long t0 = System.nanoTime();
                    // Throws, and fails the test, if the FX thread does not answer within a second.
                    int answer = WaitForAsyncUtils.asyncFx(() -> 1).get(1, TimeUnit.SECONDS);
                    fxAnswersMillis.add((System.nanoTime() - t0) / 1_000_000);
                    String state = WaitForAsyncUtils.asyncFx(() -> {
                        status.get().tick(Instant.now());
                        return status.get().stateProperty().get();
                    }).get(1, TimeUnit.SECONDS);
                    return answer == 1 && (state.startsWith("reconnecting") || state.startsWith("stale"));
                });
                Duration untilReported = Duration.between(stalledAt, Instant.now());

                assertThat(fxAnswersMillis).hasSizeGreaterThan(10).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
                // The poll hangs until the socket timeout, then the sampler reports the loss.
                assertThat(untilReported).isLessThan(session.connection().settings().socketTimeout().plusSeconds(10));
                Label banner = robot.lookup((Label l) -> l.getText() != null
                        && l.getText().startsWith("Connection to the server lost")).queryAs(Label.class);
                assertThat(banner.isVisible()).isTrue();
                assertThat(banner.getText()).contains("frozen at");
            } finally {
                proxy.close();
                live.close();
            }
        } finally {
            context.close();
        }
    }
}
