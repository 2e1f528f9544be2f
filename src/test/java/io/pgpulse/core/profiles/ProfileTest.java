package io.pgpulse.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgpulse.core.connection.input.ConnectionInputParser.Fields;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.HostPort;
import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.connection.input.SslMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileTest {

    @TempDir
    Path home;

    private ProfileFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ProfileFixture(home);
    }

    @Test
    void passwordInUriUserinfoIsHandedBackAndNotKept() throws Exception {
        Profile.Draft draft = Profile.fromInput("staging",
                "postgresql://alice:pa%40ss@db.example.com:6432/shop?sslmode=verify-full", fixture.parser());

        assertThat(draft.password()).contains(Secret.of("pa@ss"));
        assertThat(draft.profile().passwordStorage()).isEqualTo(PasswordStorage.KEYCHAIN);
        assertThat(draft.profile().connection()).isEqualTo(new SavedConnection(
                List.of(new HostPort("db.example.com", 6432)), "shop", "alice", SslMode.VERIFY_FULL, null, null,
                Map.of(), null));
        assertThat(draft.profile().connection().toConninfo()).doesNotContain("pa@ss", "pa%40ss");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgresql://db.example.com/shop?user=alice&password=hunter22",
        "host=db.example.com dbname=shop user=alice password='hunter22'",
        "jdbc:postgresql://db.example.com/shop?user=alice&password=hunter22"})
    void passwordInAnyInputFormIsSeparated(String input) throws Exception {
        Profile.Draft draft = Profile.fromInput("p", input, fixture.parser());

        assertThat(draft.password()).contains(Secret.of("hunter22"));
        assertThat(draft.profile().toString()).doesNotContain("hunter22");
        assertThat(draft.profile().connection().toConninfo()).doesNotContain("hunter22");
    }

    @Test
    void passwordFromTheConnectionFormIsSeparated() throws Exception {
        Fields fields = new Fields("db.example.com", "5432", "shop", "alice", Secret.of("typed-pw"), null, null, null);

        Profile.Draft draft = Profile.fromParsed("form", fixture.parser().fromFields(fields));

        assertThat(draft.password()).contains(Secret.of("typed-pw"));
    }

    @Test
    void passwordFoundInPgpassStaysThereAndIsNotOfferedForTheKeychain() throws Exception {
        fixture.pgpass("db.example.com:5432:shop:alice:from-pgpass\n");

        Profile.Draft draft = Profile.fromInput("p", "host=db.example.com dbname=shop user=alice", fixture.parser());

        assertThat(draft.password()).isEmpty();
        assertThat(draft.profile().passwordStorage()).isEqualTo(PasswordStorage.PGPASS_OR_ENV);
    }

    @Test
    void passwordFromEnvironmentIsNotOfferedForTheKeychain() throws Exception {
        fixture.env("PGPASSWORD", "from-env");

        Profile.Draft draft = Profile.fromInput("p", "host=db.example.com", fixture.parser());

        assertThat(draft.password()).isEmpty();
        assertThat(draft.profile().passwordStorage()).isEqualTo(PasswordStorage.PGPASS_OR_ENV);
    }

    @Test
    void noPasswordAnywhereMeansAskEverySession() throws Exception {
        Profile.Draft draft = Profile.fromInput("p", "host=db.example.com", fixture.parser());

        assertThat(draft.password()).isEmpty();
        assertThat(draft.profile().passwordStorage()).isEqualTo(PasswordStorage.ASK_EVERY_SESSION);
        assertThat(draft.profile().connection().user()).isEqualTo(ProfileFixture.OS_USER);
    }

    @Test
    void keyPassphraseIsDroppedWithAWarning() throws Exception {
        Path key = Files.createFile(home.resolve("client.key"));

        Profile.Draft draft = Profile.fromInput("p",
                "host=db sslkey=" + key + " sslpassword=key-secret", fixture.parser());

        assertThat(draft.warnings()).anyMatch(w -> w.contains("sslpassword"));
        assertThat(draft.profile().connection().toConninfo()).doesNotContain("key-secret");
        assertThat(draft.profile().connection().properties()).containsEntry("sslkey", key.toString());
    }

    @Test
    void savedConnectionGoesBackThroughTheParserUnchanged() throws Exception {
        Path rootCert = Files.createFile(home.resolve("root's \\ca.crt"));
        Profile.Draft draft = Profile.fromInput("p", "host=db1,db2 port=5432,5433 dbname='my shop' user=alice "
                + "sslmode=verify-full sslrootcert='" + rootCert.toString().replace("\\", "\\\\").replace("'", "\\'")
                + "' target_session_attrs=read-write load_balance_hosts=random connect_timeout=7",
                fixture.parser());
        SavedConnection saved = draft.profile().connection();

        ConnectionTarget again = fixture.parser().parse(saved.toConninfo()).target();

        assertThat(SavedConnection.of(again)).isEqualTo(saved);
        assertThat(saved.hosts()).containsExactly(new HostPort("db1", 5432), new HostPort("db2", 5433));
        assertThat(saved.sslRootCert()).isEqualTo(rootCert);
        assertThat(saved.properties()).containsEntry("targetServerType", "primary")
                .containsEntry("loadBalanceHosts", "true");
        assertThat(saved.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void namesAreTrimmedAndMustBeSensible() {
        assertThat(ProfileFixture.profile("  staging ").name()).isEqualTo("staging");
        assertThatThrownBy(() -> ProfileFixture.profile(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProfileFixture.profile("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> ProfileFixture.profile("x".repeat(Profile.MAX_NAME_LENGTH + 1)))
                .hasMessageContaining("at most");
    }

    @Test
    void refreshIntervalMustLeaveRoomForTheStatementTimeout() {
        Profile profile = ProfileFixture.profile("p");

        assertThatThrownBy(() -> profile.withRefreshInterval(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(profile.withRefreshInterval(Duration.ofSeconds(1)).refreshInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void savedConnectionRefusesPropertiesOutsideTheAllowList() {
        assertThatThrownBy(() -> new SavedConnection(List.of(new HostPort("h", 5432)), "d", "u", SslMode.PREFER,
                null, null, Map.of("socketFactory", "evil.Factory"), null))
                .hasMessageContaining("socketFactory");
    }
}
