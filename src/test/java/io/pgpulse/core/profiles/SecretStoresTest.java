package io.pgpulse.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgpulse.core.connection.input.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretStoresTest {

    private static final Duration SLACK = Duration.ofSeconds(2);

    @Test
    void realKeychainIsUsedIfItAnswersElsePasswordsAreAskedFor() {
        Duration timeout = Duration.ofSeconds(3);

        long start = System.nanoTime();
        SecretStores.Detection detection = SecretStores.detect(timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isLessThan(timeout.plus(SLACK));
        if (detection.keychain() instanceof SecretStore.Unavailable unavailable) {
            // The usual outcome on a headless build machine.
            assertThat(detection.store()).isSameAs(AskEverySession.INSTANCE);
            assertThat(detection.remembersPasswords()).isFalse();
            assertThat(detection.explanation()).contains(unavailable.reason(), "asks for them every session");
        } else {
            assertThat(detection.store()).isInstanceOf(OsKeychain.class);
            assertThat(detection.remembersPasswords()).isTrue();
        }
    }

    @Test
    void hangingKeychainFallsBackToAskingWithTheReason() {
        FakeKeychain backend = FakeKeychain.hanging();
        try {
            SecretStores.Detection detection = SecretStores.detect(new OsKeychain(backend, Duration.ofMillis(200)));

            assertThat(detection.store()).isSameAs(AskEverySession.INSTANCE);
            assertThat(detection.keychain())
                    .isEqualTo(new SecretStore.Unavailable("the keychain did not answer within 200 ms"));
            assertThat(detection.explanation()).isEqualTo("Passwords are not saved, because the keychain did not "
                    + "answer within 200 ms; PgPulse asks for them every session.");
        } finally {
            backend.release();
        }
    }

    @Test
    void missingSecureStoreFallsBackToAsking() {
        SecretStores.Detection detection =
                SecretStores.detect(new OsKeychain(FakeKeychain.absent(), Duration.ofSeconds(5)));

        assertThat(detection.store()).isSameAs(AskEverySession.INSTANCE);
    }

    @Test
    void answeringKeychainIsChosen() {
        OsKeychain keychain = new OsKeychain(FakeKeychain.working(), Duration.ofSeconds(5));

        SecretStores.Detection detection = SecretStores.detect(keychain);

        assertThat(detection.store()).isSameAs(keychain);
        assertThat(detection.explanation()).isEqualTo("Passwords are kept in the Fake Keychain.");
    }

    @Test
    void askEverySessionRemembersNothing() {
        AskEverySession store = AskEverySession.INSTANCE;

        store.save("p", Secret.of("pw"));

        assertThat(store.load("p")).isEmpty();
    }
}
