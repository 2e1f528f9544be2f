package io.pgpulse.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.profiles.PasswordResolution.Origin;
import io.pgpulse.core.profiles.PasswordResolution.PasswordNeeded;
import io.pgpulse.core.profiles.PasswordResolution.Reason;
import io.pgpulse.core.profiles.PasswordResolution.Resolved;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordResolverTest {

    @TempDir
    Path home;

    private ProfileFixture fixture;
    private FakeKeychain backend;
    private OsKeychain keychain;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ProfileFixture(home);
        backend = FakeKeychain.working();
        keychain = new OsKeychain(backend, Duration.ofSeconds(5));
        keychain.save("prod", Secret.of("from-keychain"));
    }

    @Test
    void keychainSuppliesThePasswordOfAKeychainProfile() throws Exception {
        PasswordResolution resolution = resolver(keychain).resolve(prod(PasswordStorage.KEYCHAIN));

        assertThat(resolution).isInstanceOfSatisfying(Resolved.class, resolved -> {
            assertThat(resolved.origin()).isEqualTo(Origin.KEYCHAIN);
            assertThat(resolved.target().password()).isEqualTo(Secret.of("from-keychain"));
        });
    }

    @Test
    void environmentWinsOverTheKeychain() throws Exception {
        fixture.env("PGPASSWORD", "from-env");

        PasswordResolution resolution = resolver(keychain).resolve(prod(PasswordStorage.KEYCHAIN));

        assertThat(resolution).isInstanceOfSatisfying(Resolved.class, resolved -> {
            assertThat(resolved.origin()).isEqualTo(Origin.ENVIRONMENT);
            assertThat(resolved.target().password()).isEqualTo(Secret.of("from-env"));
        });
    }

    @Test
    void pgpassWinsOverTheKeychain() throws Exception {
        fixture.pgpass("db.example.com:5432:shop:alice:from-pgpass\n");

        PasswordResolution resolution = resolver(keychain).resolve(prod(PasswordStorage.KEYCHAIN));

        assertThat(resolution).isInstanceOfSatisfying(Resolved.class, resolved -> {
            assertThat(resolved.origin()).isEqualTo(Origin.PGPASS);
            assertThat(resolved.target().password()).isEqualTo(Secret.of("from-pgpass"));
        });
    }

    @Test
    void emptyKeychainAsksAndOffersToRemember() throws Exception {
        keychain.delete("prod");

        PasswordResolution resolution = resolver(keychain).resolve(prod(PasswordStorage.KEYCHAIN));

        assertThat(resolution).isInstanceOfSatisfying(PasswordNeeded.class, needed -> {
            assertThat(needed.reason()).isEqualTo(Reason.NOT_IN_KEYCHAIN);
            assertThat(needed.canRemember()).isTrue();
            assertThat(needed.target().displayName()).isEqualTo("alice@db.example.com:5432/shop");
        });
    }

    @Test
    void keychainProfileWithoutAKeychainThisSessionAsks() throws Exception {
        PasswordResolution resolution =
                resolver(AskEverySession.INSTANCE).resolve(prod(PasswordStorage.KEYCHAIN));

        assertThat(resolution).isInstanceOfSatisfying(PasswordNeeded.class, needed -> {
            assertThat(needed.reason()).isEqualTo(Reason.KEYCHAIN_UNAVAILABLE);
            assertThat(needed.canRemember()).isFalse();
        });
    }

    @Test
    void hangingKeychainAsksInsteadOfWaiting() throws Exception {
        FakeKeychain hanging = FakeKeychain.hanging();
        try {
            PasswordResolution resolution = resolver(new OsKeychain(hanging, Duration.ofMillis(200)))
                    .resolve(prod(PasswordStorage.KEYCHAIN));

            assertThat(resolution).isInstanceOfSatisfying(PasswordNeeded.class, needed -> {
                assertThat(needed.reason()).isEqualTo(Reason.KEYCHAIN_FAILED);
                assertThat(needed.message()).contains("did not answer within 200 ms");
            });
        } finally {
            hanging.release();
        }
    }

    @Test
    void askEverySessionProfileIgnoresAStoredPassword() throws Exception {
        PasswordResolution resolution = resolver(keychain).resolve(prod(PasswordStorage.ASK_EVERY_SESSION));

        assertThat(resolution).isInstanceOfSatisfying(PasswordNeeded.class,
                needed -> assertThat(needed.reason()).isEqualTo(Reason.ASK_EVERY_SESSION));
    }

    @Test
    void pgpassProfileDoesNotFallBackToTheKeychain() throws Exception {
        PasswordResolution resolution = resolver(keychain).resolve(prod(PasswordStorage.PGPASS_OR_ENV));

        assertThat(resolution).isInstanceOfSatisfying(PasswordNeeded.class, needed -> {
            assertThat(needed.reason()).isEqualTo(Reason.NOT_IN_PGPASS_OR_ENV);
            assertThat(needed.message()).contains("alice@db.example.com:5432/shop");
        });
    }

    @Test
    void typedPasswordCompletesTheTarget() throws Exception {
        keychain.delete("prod");
        PasswordNeeded needed =
                (PasswordNeeded) resolver(keychain).resolve(prod(PasswordStorage.KEYCHAIN));

        Resolved resolved = needed.supply(Secret.of("typed"));

        assertThat(resolved.origin()).isEqualTo(Origin.TYPED);
        assertThat(resolved.target().password()).isEqualTo(Secret.of("typed"));
    }

    @Test
    void adHocInputUsesItsOwnPasswordOrAsks() throws Exception {
        PasswordResolver resolver = resolver(keychain);

        PasswordResolution given = resolver.resolve(fixture.parser().parse("postgresql://alice:pw@db/shop"));
        PasswordResolution missing = resolver.resolve(fixture.parser().parse("postgresql://alice@db/shop"));

        assertThat(given).isInstanceOfSatisfying(Resolved.class,
                resolved -> assertThat(resolved.origin()).isEqualTo(Origin.CONNECTION_INPUT));
        assertThat(missing).isInstanceOfSatisfying(PasswordNeeded.class, needed -> {
            assertThat(needed.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(needed.canRemember()).isFalse();
        });
    }

    private PasswordResolver resolver(SecretStore store) {
        return new PasswordResolver(store, fixture.parser());
    }

    private static Profile prod(PasswordStorage storage) {
        return ProfileFixture.profile("prod").withPasswordStorage(storage);
    }
}
