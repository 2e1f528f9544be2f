package io.pgpulse.core.profiles;

import static io.pgpulse.core.profiles.ProfileFixture.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgpulse.core.connection.input.HostPort;
import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.connection.input.SslMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path temp;

    private Path directory;
    private ProfileStore store;

    @BeforeEach
    void setUp() {
        directory = temp.resolve("config").resolve("pgpulse");
        store = new ProfileStore(directory, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void profilesSurviveARoundTrip() throws Exception {
        Path rootCert = temp.resolve("ca.crt");
        Profile full = new Profile("prod", new SavedConnection(
                List.of(new HostPort("db1.example.com", 5432), new HostPort("::1", 5433)), "shop", "alice",
                SslMode.VERIFY_FULL, rootCert, "prod-svc", Map.of("targetServerType", "primary"),
                Duration.ofSeconds(10)), Duration.ofMillis(1500), NOW, PasswordStorage.PGPASS_OR_ENV);
        Profile minimal = profile("staging");

        store.save(full);
        store.save(minimal);

        ProfileStore.Loaded loaded = new ProfileStore(directory).load();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.profiles()).containsExactly(full, minimal);
    }

    @Test
    void noFileMeansNoProfilesAndNoProblem() {
        assertThat(store.load()).isEqualTo(new ProfileStore.Loaded(List.of(), Optional.empty()));
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void savingTheSameNameReplaces() throws Exception {
        store.save(profile("p"));
        Profile changed = profile("p").withPasswordStorage(PasswordStorage.ASK_EVERY_SESSION);

        store.save(changed);

        assertThat(store.list()).containsExactly(changed);
    }

    @Test
    void fileIsOwnerOnlyAndDirectoryToo() throws Exception {
        assumePosix();

        store.save(profile("p"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }

    @Test
    void looserExistingDirectoryAndFileAreTightened() throws Exception {
        assumePosix();
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(store.file(), "{\"format\":1,\"profiles\":[]}");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        store.save(profile("p"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.save(profile("p" + i));
        }
        store.delete("p0");
        store.rename("p1", "renamed");
        store.markUsed("p2", NOW);

        assertThat(filesIn(directory)).containsExactly(ProfileStore.FILE_NAME);
    }

    @Test
    void corruptJsonIsMovedAsideAndReportedWithItsLine() throws Exception {
        Files.createDirectories(directory);
        byte[] bad = "{\"format\": 1,\n  \"profiles\": [ {\"name\": \"a\",, } ]\n}".getBytes(StandardCharsets.UTF_8);
        Files.write(store.file(), bad);

        ProfileStore.Loaded loaded = store.load();

        assertThat(loaded.profiles()).isEmpty();
        assertThat(loaded.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("profiles.json is not valid JSON at line 2")
                .contains("it was moved to profiles.json.bad-20250102T030405Z"));
        Path kept = directory.resolve("profiles.json.bad-20250102T030405Z");
        assertThat(kept).hasBinaryContent(bad);
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void savingAfterCorruptionKeepsTheBadFile() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(store.file(), "not json");

        store.save(profile("fresh"));
        Files.writeString(store.file(), "[1, 2");
        ProfileStore.Loaded second = store.load();

        assertThat(filesIn(directory)).containsExactlyInAnyOrder(
                "profiles.json.bad-20250102T030405Z", "profiles.json.bad-20250102T030405Z-2");
        assertThat(directory.resolve("profiles.json.bad-20250102T030405Z")).hasContent("not json");
        assertThat(second.problem()).hasValueSatisfying(p -> assertThat(p).contains("bad-20250102T030405Z-2"));
    }

    @Test
    void validJsonWithInvalidProfilesIsAlsoMovedAside() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(store.file(), "{\"format\":1,\"profiles\":[{\"name\":\"x\",\"connection\":{\"hosts\":"
                + "[{\"host\":\"h\",\"port\":99999}],\"database\":\"d\",\"user\":\"u\",\"sslMode\":\"prefer\"},"
                + "\"refreshInterval\":\"PT2S\",\"passwordStorage\":\"KEYCHAIN\"}]}");

        ProfileStore.Loaded loaded = store.load();

        assertThat(loaded.profiles()).isEmpty();
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("profile #1 ('x')", "port 99999", "moved to profiles.json.bad-"));
    }

    @Test
    void wrongStructureIsMovedAside() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(store.file(), "{\"format\": \"one\"}");

        assertThat(store.load().problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("profiles.json does not have the structure PgPulse expects at line 1"));
    }

    @Test
    void trailingContentIsInvalidJson() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(store.file(), "{\"format\": 1, \"profiles\": []}\n{}");

        assertThat(store.load().problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("profiles.json is not valid JSON at line 2"));
    }

    @Test
    void emptyFileIsMovedAside() throws Exception {
        Files.createDirectories(directory);
        Files.writeString(store.file(), "  \n");

        assertThat(store.load().problem()).hasValueSatisfying(p -> assertThat(p).startsWith("profiles.json is empty"));
        assertThat(filesIn(directory)).containsExactly("profiles.json.bad-20250102T030405Z");
    }

    @Test
    void fileFromANewerVersionIsNeitherReadNorOverwritten() throws Exception {
        Files.createDirectories(directory);
        String newer = "{\"format\": 2, \"profiles\": [], \"somethingNew\": true}";
        Files.writeString(store.file(), newer);

        assertThat(store.load().problem()).hasValueSatisfying(p -> assertThat(p).contains("newer version"));
        assertThatThrownBy(() -> store.save(profile("p"))).isInstanceOf(ProfileStoreException.class);
        assertThat(store.file()).hasContent(newer);
    }

    @Test
    void unreadableFileIsReportedAndNeverOverwritten() throws Exception {
        Files.createDirectories(store.file().resolve("in-the-way"));

        assertThat(store.load().problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Could not read"));
        assertThatThrownBy(() -> store.save(profile("p"))).isInstanceOf(ProfileStoreException.class);
        assertThat(store.file().resolve("in-the-way")).isDirectory();
    }

    @Test
    void unknownFieldsFromAFutureMinorChangeAreIgnored() throws Exception {
        store.save(profile("p"));
        String json = Files.readString(store.file()).replaceFirst("\\{", "{\"addedLater\": 1,");
        Files.writeString(store.file(), json);

        assertThat(store.list()).containsExactly(profile("p"));
    }

    @Test
    void recentListsMostRecentlyUsedFirstThenNeverUsedByName() throws Exception {
        store.save(profile("old", NOW.minusSeconds(3600)));
        store.save(profile("never-b"));
        store.save(profile("newest", NOW));
        store.save(profile("Never-a"));
        store.save(profile("middle", NOW.minusSeconds(60)));

        assertThat(store.recent(10)).extracting(Profile::name)
                .containsExactly("newest", "middle", "old", "Never-a", "never-b");
        assertThat(store.recent(2)).extracting(Profile::name).containsExactly("newest", "middle");
        assertThat(store.recent(0)).isEmpty();
    }

    @Test
    void markUsedMovesAProfileToTheFront() throws Exception {
        store.save(profile("a", NOW.minusSeconds(10)));
        store.save(profile("b", NOW.minusSeconds(20)));

        store.markUsed("b", NOW);

        assertThat(store.recent(1)).extracting(Profile::name).containsExactly("b");
        assertThatThrownBy(() -> store.markUsed("missing", NOW)).hasMessageContaining("no profile named");
    }

    @Test
    void deleteRemovesOnlyTheNamedProfile() throws Exception {
        store.save(profile("a"));
        store.save(profile("b"));

        assertThat(store.delete("a")).isTrue();
        assertThat(store.delete("a")).isFalse();
        assertThat(store.list()).extracting(Profile::name).containsExactly("b");
    }

    @Test
    void renameKeepsEverythingButTheNameAndRefusesToOverwrite() throws Exception {
        Profile original = profile("a", NOW);
        store.save(original);
        store.save(profile("taken"));

        Profile renamed = store.rename("a", "b");

        assertThat(renamed).isEqualTo(original.withName("b"));
        assertThat(store.list()).extracting(Profile::name).containsExactly("b", "taken");
        assertThatThrownBy(() -> store.rename("b", "taken")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> store.rename("nope", "c")).hasMessageContaining("no profile named 'nope'");
        assertThat(store.find("b")).contains(original.withName("b"));
    }

    @Test
    void refusesToWriteAProfileThatContainsItsPassword() throws Exception {
        store.save(profile("existing"));
        byte[] before = Files.readAllBytes(store.file());
        Profile leaky = profile("leaky").withConnection(new SavedConnection(List.of(new HostPort("h", 5432)), "d",
                "u", SslMode.PREFER, Path.of("/certs/CANARY-pw/root.crt"), null, Map.of(), null));

        assertThatThrownBy(() -> store.save(leaky, Secret.of("CANARY-pw")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection.sslRootCert")
                .hasMessageNotContaining("CANARY-pw");
        assertThat(store.file()).hasBinaryContent(before);
        assertThat(filesIn(directory)).containsExactly(ProfileStore.FILE_NAME);
    }

    @Test
    void passwordEqualToTheUserNameDoesNotBlockSaving() throws Exception {
        Profile profile = new Profile("dev", new SavedConnection(List.of(new HostPort("localhost", 5432)),
                "postgres", "postgres", SslMode.PREFER, null, null, Map.of(), null),
                Duration.ofSeconds(2), null, PasswordStorage.KEYCHAIN);

        store.save(profile, Secret.of("postgres"));

        assertThat(store.list()).containsExactly(profile);
    }

    @Test
    void defaultLocationFollowsEachPlatformsConvention() {
        Path home = Path.of("/home/alice");

        assertThat(ConfigDirectory.resolve("Linux", Map.of(), home)).isEqualTo(Path.of("/home/alice/.config/pgpulse"));
        assertThat(ConfigDirectory.resolve("Linux", Map.of("XDG_CONFIG_HOME", "/xdg"), home))
                .isEqualTo(Path.of("/xdg/pgpulse"));
        assertThat(ConfigDirectory.resolve("Linux", Map.of("XDG_CONFIG_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/alice/.config/pgpulse"));
        assertThat(ConfigDirectory.resolve("Mac OS X", Map.of(), home))
                .isEqualTo(Path.of("/home/alice/Library/Application Support/PgPulse"));
        assertThat(ConfigDirectory.resolve("Windows 11", Map.of("APPDATA", "/appdata"), home))
                .isEqualTo(Path.of("/appdata/PgPulse"));
    }

    private static void assumePosix() {
        assumeTrue(Path.of(".").getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only");
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
