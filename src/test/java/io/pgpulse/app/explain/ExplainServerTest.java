package io.pgpulse.app.explain;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.pgpulse.app.explain.ExplainViewModel.State;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.explain.ExplainFixture;
import io.pgpulse.testing.TestServer;

/**
 * An Explain view-model on the shared server with the shop schema, as the monitoring role sees
 * it; results arrive on the calling thread, so no toolkit is needed.
 */
abstract class ExplainServerTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    TestServer pg;
    MonitorConnection monitor;
    Background background;
    ExplainViewModel vm;

    @BeforeEach
    void open() throws Exception {
        pg = ExplainFixture.newest();
        monitor = ExplainFixture.monitor(pg);
        background = new Background(UiExecutor.direct());
        vm = new ExplainViewModel(monitor::borrow, background);
    }

    @AfterEach
    void close() {
        background.close();
        monitor.close();
    }

    /** Until the request, suggestions included, is over. */
    void awaitSettled() {
        await().atMost(PATIENCE).until(() -> !vm.runningProperty().get() && vm.stateProperty().get() != State.RUNNING);
    }
}
