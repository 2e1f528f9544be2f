package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentPrecedenceTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyInputWithEmptyEnvironmentUsesDefaults(String input) throws ConnectionInputException {
        ParseResult result = fixture.parse(input);

        assertThat(result.target().displayName()).isEqualTo("osuser@localhost:5432/osuser");
        assertThat(result.target().sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(result.target().passwordSource()).isEqualTo(PasswordSource.NONE);
        assertThat(result.target().connectTimeout()).isNull();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void nullInputMeansEverythingFromTheEnvironment() throws ConnectionInputException {
        fixture.env("PGHOST", "envhost");

        assertThat(fixture.target(null).displayName()).isEqualTo("osuser@envhost:5432/osuser");
    }

    @Test
    void emptyInputTakesEverySupportedVariable() throws ConnectionInputException {
        fixture.env("PGHOST", "envhost").env("PGPORT", "6543").env("PGDATABASE", "envdb").env("PGUSER", "envuser")
                .env("PGPASSWORD", "envpass").env("PGSSLMODE", "require").env("PGCONNECT_TIMEOUT", "7")
                .env("PGTARGETSESSIONATTRS", "read-write");

        ConnectionTarget target = fixture.target("");

        assertThat(target.displayName()).isEqualTo("envuser@envhost:6543/envdb");
        assertThat(target.password().reveal()).isEqualTo("envpass");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.ENVIRONMENT);
        assertThat(target.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(target.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(target.jdbcProperties()).containsEntry("targetServerType", "primary");
    }

    @Test
    void explicitInputBeatsEnvironmentKeyByKey() throws ConnectionInputException {
        fixture.env("PGHOST", "envhost").env("PGPORT", "6543").env("PGUSER", "envuser").env("PGPASSWORD", "envpass");

        ConnectionTarget target = fixture.target("postgresql://alice:typed@db/shop");

        assertThat(target.displayName()).isEqualTo("alice@db:6543/shop");
        assertThat(target.password().reveal()).isEqualTo("typed");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.INPUT);
    }

    @Test
    void databaseDefaultsToTheResolvedUser() throws ConnectionInputException {
        fixture.env("PGUSER", "envuser");

        assertThat(fixture.target("host=db").database()).isEqualTo("envuser");
        assertThat(fixture.target("host=db user=alice").database()).isEqualTo("alice");
    }

    @Test
    void hostaddrFromEnvironmentIsUsedToConnect() throws ConnectionInputException {
        fixture.env("PGHOST", "db.example.com").env("PGHOSTADDR", "192.0.2.10");

        assertThat(fixture.target("").hosts()).containsExactly(new HostPort("192.0.2.10", 5432));
    }

    @Test
    void socketDirectoryInPghostFallsBackToLocalhostWithAWarning() throws ConnectionInputException {
        fixture.env("PGHOST", "/var/run/postgresql");

        ParseResult result = fixture.parse("");

        assertThat(result.target().hosts()).containsExactly(new HostPort("localhost", 5432));
        assertThat(result.warnings()).singleElement().asString()
                .contains("/var/run/postgresql").contains("environment variable PGHOST").contains("localhost");
    }

    @Test
    void blankVariablesCountAsUnset() throws ConnectionInputException {
        fixture.env("PGHOST", "").env("PGPORT", " ");

        assertThat(fixture.target("").displayName()).isEqualTo("osuser@localhost:5432/osuser");
    }

    @Test
    void pgappnameIsIgnoredSilently() throws ConnectionInputException {
        fixture.env("PGAPPNAME", "psql");

        assertThat(fixture.parse("").warnings()).isEmpty();
    }

    @Test
    void pgoptionsIsIgnoredWithAWarning() throws ConnectionInputException {
        fixture.env("PGOPTIONS", "-c default_transaction_read_only=off");

        assertThat(fixture.parse("host=db").warnings()).singleElement().asString().contains("PGOPTIONS");
    }

    @Test
    void invalidVariableIsReportedWithItsName() {
        fixture.env("PGSSLMODE", "strict");

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parse(""));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).startsWith("Unknown sslmode 'strict' in environment variable PGSSLMODE");
    }

    @Test
    void systemEnvironmentUsesTheProcessValues() {
        PgEnvironment system = PgEnvironment.system();

        assertThat(system.home()).isEqualTo(Path.of(System.getProperty("user.home")));
        assertThat(system.osUser()).isEqualTo(System.getProperty("user.name"));
        assertThat(system.variables()).isEqualTo(System.getenv());
    }
}
