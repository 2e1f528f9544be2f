package io.pgpulse.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OsKeychainTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Generous: the point is "about the timeout", not "hung for good", on a loaded 2-core build box. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    @Test
    void probeOfAHangingKeychainGivesUpAfterTheTimeout() throws Exception {
        FakeKeychain backend = FakeKeychain.hanging();
        try {
            OsKeychain keychain = new OsKeychain(backend, TIMEOUT);

            long start = System.nanoTime();
            SecretStore.Availability availability = keychain.probe();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(backend.entered.await(0, TimeUnit.SECONDS)).as("the backend was reached").isTrue();
            assertThat(availability).isEqualTo(new SecretStore.Unavailable("the keychain did not answer within 300 ms"));
            assertThat(elapsed).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
        } finally {
            backend.release();
        }
    }

    @Test
    void operationsOnAHangingKeychainTimeOutWithAClearMessage() {
        FakeKeychain backend = FakeKeychain.hanging();
        try {
            OsKeychain keychain = new OsKeychain(backend, TIMEOUT);

            assertThatThrownBy(() -> keychain.load("prod"))
                    .isInstanceOf(SecretStoreException.class)
                    .hasMessage("The keychain did not answer within 300 ms while reading the password of profile "
                            + "'prod'.");
            assertThatThrownBy(() -> keychain.save("prod", Secret.of("pw")))
                    .isInstanceOf(SecretStoreException.class);
            assertThatThrownBy(() -> keychain.delete("prod")).isInstanceOf(SecretStoreException.class);
        } finally {
            backend.release();
        }
    }

    @Test
    void aSaveThatTimedOutDoesNotHappenLater() throws Exception {
        FakeKeychain backend = FakeKeychain.hanging();
        OsKeychain keychain = new OsKeychain(backend, TIMEOUT);
        // Occupies the keychain thread; the save below queues behind it and times out.
        CompletableFuture<SecretStore.Availability> firstProbe = CompletableFuture.supplyAsync(keychain::probe);
        backend.entered.await();

        assertThatThrownBy(() -> keychain.save("prod", Secret.of("pw"))).isInstanceOf(SecretStoreException.class);
        backend.release();
        firstProbe.get();
        // Runs on the same single thread, so anything queued before it has run (or been dropped) by now.
        assertThat(keychain.probe()).isInstanceOf(SecretStore.Available.class);

        assertThat(backend.writes).hasValue(0);
        assertThat(backend.entries).isEmpty();
    }

    @Test
    void workingKeychainStoresLoadsRenamesAndDeletes() throws Exception {
        FakeKeychain backend = FakeKeychain.working();
        OsKeychain keychain = new OsKeychain(backend, Duration.ofSeconds(5));

        assertThat(keychain.probe()).isEqualTo(new SecretStore.Available("Fake Keychain"));
        keychain.save("prod", Secret.of("pw"));
        assertThat(backend.entries).containsOnlyKeys("PgPulse/prod");
        assertThat(keychain.load("prod")).contains(Secret.of("pw"));

        keychain.rename("prod", "production");
        assertThat(keychain.load("prod")).isEmpty();
        assertThat(keychain.load("production")).contains(Secret.of("pw"));

        keychain.delete("production");
        keychain.delete("production");
        assertThat(backend.entries).isEmpty();
    }

    @Test
    void absentSecureStoreIsUnavailableNotSomethingWeaker() {
        OsKeychain keychain = new OsKeychain(FakeKeychain.absent(), Duration.ofSeconds(5));

        assertThat(keychain.probe()).isEqualTo(new SecretStore.Unavailable("no secure store in this test"));
    }

    @Test
    void libraryFailuresNeverLeakTheirMessage() {
        String canary = "CANARY-printed-by-security-tool";
        OsKeychain keychain = new OsKeychain(
                FakeKeychain.failing(new IllegalStateException("exited 44, stdErr: password: " + canary)),
                Duration.ofSeconds(5));

        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> keychain.load("prod"))
                    .isInstanceOf(SecretStoreException.class)
                    .hasMessageContaining("IllegalStateException")
                    .hasMessageNotContaining(canary)
                    .hasNoCause();
            assertThat(keychain.probe()).isInstanceOf(SecretStore.Unavailable.class)
                    .asString().doesNotContain(canary);
            assertThat(logs.text()).doesNotContain(canary);
        }
    }

    @Test
    void probeOfTheRealKeychainReturnsWithinTheTimeout() {
        Duration timeout = Duration.ofSeconds(3);
        OsKeychain keychain = OsKeychain.system(timeout);

        long start = System.nanoTime();
        SecretStore.Availability availability = keychain.probe();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isLessThan(timeout.plus(SLACK));
        assertThat(availability).isNotNull();
    }
}
