package io.pgpulse.app.welcome;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.pgpulse.app.context.ConnectActions;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.HostPort;
import io.pgpulse.core.connection.input.PgEnvironment;
import io.pgpulse.core.connection.input.SslMode;
import io.pgpulse.core.profiles.AskEverySession;
import io.pgpulse.core.profiles.PasswordStorage;
import io.pgpulse.core.profiles.Profile;
import io.pgpulse.core.profiles.ProfileStore;
import io.pgpulse.core.profiles.ProfileStoreException;
import io.pgpulse.core.profiles.SavedConnection;
import io.pgpulse.core.profiles.SecretStore;
import io.pgpulse.core.profiles.SecretStores;

/** A private profile store, a fixed clock, no keychain and an app that only records what it was asked. */
final class WelcomeFixture {
    static final String CANARY = "CANARY-welcome-9c2d";
    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");

    final RecordingActions actions = new RecordingActions();
    final ProfileStore store;
    final Path home;
    private Map<String, String> environment = Map.of();

    WelcomeFixture(Path directory) {
        this.store = new ProfileStore(directory.resolve("config"));
        this.home = directory.resolve("home");
    }

    WelcomeFixture environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    WelcomeViewModel viewModel(Background background) {
        return new WelcomeViewModel(background, actions, store, new ConnectionInputParser(
                PgEnvironment.of(environment, home, "osuser")), WelcomeFixture::noKeychain,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static SecretStores.Detection noKeychain() {
        return new SecretStores.Detection(AskEverySession.INSTANCE, new SecretStore.Unavailable("no keychain in tests"));
    }

    Profile save(String name, String host, String user, Instant lastUsed, PasswordStorage storage)
            throws ProfileStoreException {
        Profile profile = new Profile(name, new SavedConnection(List.of(new HostPort(host, 5432)), "shop", user,
                SslMode.VERIFY_FULL, null, null, Map.of(), null), Duration.ofSeconds(2), lastUsed, storage);
        store.save(profile);
        return profile;
    }

    /** Three profiles: one used 3 h ago, one yesterday, one never. */
    void threeProfiles() throws ProfileStoreException {
        save("analytics", "10.20.3.14", "analyst", null, PasswordStorage.ASK_EVERY_SESSION);
        save("orders", "orders.example.com", "pgpulse", NOW.minus(Duration.ofHours(30)), PasswordStorage.PGPASS_OR_ENV);
        save("shop-staging", "db-staging.internal", "monitor", NOW.minus(Duration.ofHours(3)),
                PasswordStorage.ASK_EVERY_SESSION);
    }

    record Connect(ConnectionTarget target, String label) {
    }

    static final class RecordingActions implements ConnectActions {
        final List<Connect> connects = new CopyOnWriteArrayList<>();
        final AtomicInteger demos = new AtomicInteger();

        @Override
        public void connect(ConnectionTarget target, String label) {
            connects.add(new Connect(target, label));
        }

        @Override
        public void startDemo() {
            demos.incrementAndGet();
        }
    }
}
