package io.pgpulse.app.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.Scenario;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.Test;

/** The "done when": the demo produces data in the overview, the storm moves it, and it all cleans up. */
class DemoInOverviewTest {

    @Test
    void theDemoFeedsTheOverviewAndTheConnectionStormEatsTheHeadroom() throws Exception {
        Path dataDir;
        try (DemoEnvironment demo = DemoEnvironment.start();
             MonitorSession session = MonitorSession.open(
                     new ConnectionInputParser(Targets.isolatedEnvironment()).parse(demo.monitorUri()).target(),
                     MonitorSettings.defaults())) {
            dataDir = demo.dataDirectory();
            OverviewViewModel vm = new OverviewViewModel(session.history(), Runnable::run, UiExecutor.direct());
            session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            vm.accept(session.latest());
            int usedCalm = vm.usedProperty().get();
            assertThat(usedCalm).as("baseline traffic and the monitor use a few slots").isPositive();

            demo.workload().enable(Scenario.CONNECTION_STORM);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                session.sampler().pollNow().get(30, TimeUnit.SECONDS);
                vm.accept(session.latest());
                return vm.usedProperty().get() >= usedCalm + 50;
            });
            assertThat(vm.freeProperty().get()).isLessThan(vm.usableProperty().get() - 50);
            assertThat(vm.row(Dimension.APPLICATION, "shop-pool")).isNotNull();
        }
        assertThat(Files.exists(dataDir)).as("demo directory removed").isFalse();
    }
}
