package io.pgpulse.app.connect;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.pgpulse.app.context.ConnectActions;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.PgEnvironment;
import io.pgpulse.core.profiles.AskEverySession;
import io.pgpulse.core.profiles.ProfileStore;
import io.pgpulse.core.profiles.SecretStore;
import io.pgpulse.core.profiles.SecretStores;
import io.pgpulse.testing.Targets;

/** What the connect dialog's tests share: an isolated environment, a private profile store, a recording app. */
final class ConnectFixture {
    /** Sits where a password goes; it must never show up on screen, in a log or in a file. */
    static final String CANARY = "CANARY-pw-5e1f";
    /** Short enough that an unanswered login fails fast, long enough for a loaded CI machine. */
    static final MonitorSettings SETTINGS = MonitorSettings.defaults().withLoginTimeout(Duration.ofSeconds(5));

    final RecordingActions actions = new RecordingActions();
    final ProfileStore store;
    final ConnectionInputParser parser;

    ConnectFixture(Path configDirectory) {
        this(configDirectory, Targets.isolatedEnvironment());
    }

    ConnectFixture(Path configDirectory, PgEnvironment environment) {
        this.store = new ProfileStore(configDirectory);
        this.parser = new ConnectionInputParser(environment);
    }

    ConnectViewModel viewModel(Background background, Duration debounce) {
        return new ConnectViewModel(background, actions, parser, store, CompletableFuture.completedFuture(noKeychain()),
                SETTINGS, debounce);
    }

    static SecretStores.Detection noKeychain() {
        return new SecretStores.Detection(AskEverySession.INSTANCE, new SecretStore.Unavailable("no keychain in tests"));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Connect(ConnectionTarget target, String label) {
    }

    static final class RecordingActions implements ConnectActions {
        final List<Connect> connects = new CopyOnWriteArrayList<>();
        final AtomicInteger demos = new AtomicInteger();
        /** When set, every connection fails with this explanation, as the app reports a refused login. */
        volatile String failWith;

        @Override
        public void connect(ConnectionTarget target, String label) {
            connects.add(new Connect(target, label));
        }

        @Override
        public void connect(ConnectionTarget target, String label, Runnable onConnected,
                java.util.function.Consumer<String> onFailure) {
            connect(target, label);
            if (failWith != null) {
                onFailure.accept(failWith);
            } else {
                onConnected.run();
            }
        }

        @Override
        public void startDemo() {
            demos.incrementAndGet();
        }
    }
}
