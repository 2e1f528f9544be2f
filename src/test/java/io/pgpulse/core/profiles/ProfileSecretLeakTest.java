package io.pgpulse.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A password pasted with a connection string must go to the keychain and nowhere else. */
class ProfileSecretLeakTest {

    private static final String CANARY = "CANARY-7f3a9c";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "postgresql://alice:CANARY-7f3a9c@db.example.com:5432/shop?sslmode=require",
        "postgres://alice@db.example.com/shop?password=CANARY-7f3a9c",
        "jdbc:postgresql://db.example.com/shop?user=alice&password=CANARY-7f3a9c",
        "host=db.example.com dbname=shop user=alice password='CANARY-7f3a9c'"})
    void passwordReachesTheKeychainAndNoFileLogOrString(String input) throws Exception {
        ProfileFixture fixture = new ProfileFixture(temp.resolve("home"));
        Files.createDirectories(temp.resolve("home"));
        Path config = temp.resolve("config");
        FakeKeychain backend = FakeKeychain.working();
        OsKeychain keychain = new OsKeychain(backend, Duration.ofSeconds(5));
        StringBuilder strings = new StringBuilder();

        try (LogCapture logs = new LogCapture()) {
            Profile.Draft draft = Profile.fromInput("prod", input, fixture.parser());
            ProfileStore store = new ProfileStore(config);
            store.save(draft.profile(), draft.password().orElseThrow());
            keychain.save("prod", draft.password().orElseThrow());
            store.markUsed("prod", Instant.now());
            Profile loaded = store.find("prod").orElseThrow();
            PasswordResolution resolution = new PasswordResolver(keychain, fixture.parser()).resolve(loaded);

            strings.append(draft).append(draft.profile()).append(loaded).append(loaded.connection().toConninfo())
                    .append(resolution).append(resolution.target()).append(store.load());
            assertThat(resolution.target().password()).isEqualTo(Secret.of(CANARY));
            assertThat(logs.text()).doesNotContain(CANARY);
        }

        assertThat(backend.entries).containsEntry("PgPulse/prod", Secret.of(CANARY));
        assertThat(strings).doesNotContain(CANARY);
        try (Stream<Path> files = Files.walk(config)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(CANARY);
            }
        }
    }

    @Test
    void refusedSaveDoesNotQuoteThePassword() throws Exception {
        ProfileStore store = new ProfileStore(temp.resolve("config"));
        Profile leaky = ProfileFixture.profile("a " + CANARY + " name");

        try (LogCapture logs = new LogCapture()) {
            Throwable refused = catchThrowable(() -> store.save(leaky, Secret.of(CANARY)));

            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageNotContaining(CANARY);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
        assertThat(store.file()).doesNotExist();
    }
}
