package io.pgpulse.core.connection.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.Driver;

class ConnectionTargetTest {

    private static final List<HostPort> HOSTS = List.of(new HostPort("a.example", 5433), new HostPort("::1", 5434));

    private static ConnectionTarget target(String database, Secret password, PasswordSource source) {
        return new ConnectionTarget(HOSTS, database, "alice", password, source, SslMode.VERIFY_FULL,
                Path.of("/etc/ssl/ca.crt"), Secret.of("keypass"), Map.of("targetServerType", "primary"), "prod",
                Duration.ofSeconds(5));
    }

    @Test
    void jdbcUrlListsHostsAndEncodesTheDatabaseOnly() {
        ConnectionTarget target = target("my db+1/ü", Secret.of("pw"), PasswordSource.INPUT);

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://a.example:5433,[::1]:5434/my%20db%2B1%2F%C3%BC");
    }

    @Test
    void pgjdbcReadsBackTheHostsAndDatabaseFromTheUrl() {
        ConnectionTarget target = target("my db+1/ü", Secret.of("pw"), PasswordSource.INPUT);

        Properties parsed = Driver.parseURL(target.jdbcUrl(), new Properties());

        assertThat(parsed).isNotNull();
        assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("my db+1/ü");
        assertThat(parsed.getProperty("PGHOST")).isEqualTo("a.example,[::1]");
        assertThat(parsed.getProperty("PGPORT")).isEqualTo("5433,5434");
    }

    @Test
    void driverPropertiesCarryIdentityAndSslSettings() {
        Properties properties = target("shop", Secret.of("pw"), PasswordSource.INPUT).toDriverProperties();

        assertThat(properties).containsOnly(
                Map.entry("user", "alice"),
                Map.entry("password", "pw"),
                Map.entry("sslmode", "verify-full"),
                Map.entry("sslrootcert", Path.of("/etc/ssl/ca.crt").toString()),
                Map.entry("sslpassword", "keypass"),
                Map.entry("targetServerType", "primary"));
    }

    @Test
    void driverPropertiesOmitAMissingPassword() {
        Properties properties = ConnectionTarget.of(new HostPort("db", 5432), "shop", "alice").toDriverProperties();

        assertThat(properties).containsOnly(Map.entry("user", "alice"), Map.entry("sslmode", "prefer"));
    }

    @ParameterizedTest
    @EnumSource(SslMode.class)
    void sslmodeUsesPgjdbcNames(SslMode mode) {
        ConnectionTarget target = new ConnectionTarget(HOSTS, "shop", "alice", null, PasswordSource.NONE, mode, null,
                null, Map.of(), null, null);

        assertThat(target.toDriverProperties().getProperty("sslmode"))
                .isEqualTo(mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    @Test
    void displayNameAndToStringNeverShowThePassword() {
        ConnectionTarget target = target("shop", Secret.of("hunter22"), PasswordSource.PGPASS);

        assertThat(target.displayName()).isEqualTo("alice@a.example:5433,[::1]:5434/shop");
        assertThat(target.toString())
                .startsWith("ConnectionTarget[alice@a.example:5433,[::1]:5434/shop, sslmode=verify-full")
                .contains("password=******** from PGPASS")
                .contains("sslpassword=********")
                .doesNotContain("hunter22")
                .doesNotContain("keypass");
    }

    @Test
    void withPasswordRecordsWhereItCameFrom() {
        ConnectionTarget prompted = ConnectionTarget.of(new HostPort("db", 5432), "shop", "alice")
                .withPassword(Secret.of("typed"), PasswordSource.PROMPT);

        assertThat(prompted.password().reveal()).isEqualTo("typed");
        assertThat(prompted.passwordSource()).isEqualTo(PasswordSource.PROMPT);
        assertThat(prompted.displayName()).isEqualTo("alice@db:5432/shop");
    }

    @Test
    void passwordAndItsSourceMustAgree() {
        assertThatIllegalArgumentException().isThrownBy(() -> target("shop", null, PasswordSource.INPUT));
        assertThatIllegalArgumentException().isThrownBy(() -> target("shop", Secret.of("pw"), PasswordSource.NONE));
    }

    @Test
    void jdbcPropertiesCannotBeChangedAfterwards() {
        ConnectionTarget target = target("shop", null, PasswordSource.NONE);

        assertThatThrownBy(() -> target.jdbcProperties().put("socketFactory", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hostPortRejectsPortsOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("db", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("db", 65536));
        assertThatIllegalArgumentException().isThrownBy(() -> new HostPort(" ", 5432));
    }
}
