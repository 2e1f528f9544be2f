package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.FORBIDDEN_PROPERTY;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_SERVICE_FILE;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.SERVICE_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceFileTest {

    private static final String PROD = """
            # production replica
            [staging]
            host=staging.example.com

            [prod]
            host = prod.example.com
            port=6432
            dbname=orders
            user=reporter
            password=from-service
            [other]
            host=other.example.com
            """;

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new InputFixture(home);
        fixture.file(".pg_service.conf", PROD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"service=prod", "postgresql://?service=prod", "postgresql:///?service=prod"})
    void takesTheEntryNamedInTheInput(String input) throws ConnectionInputException {
        ConnectionTarget target = fixture.target(input);

        assertThat(target.displayName()).isEqualTo("reporter@prod.example.com:6432/orders");
        assertThat(target.password().reveal()).isEqualTo("from-service");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.SERVICE_FILE);
        assertThat(target.serviceName()).isEqualTo("prod");
    }

    @Test
    void pgserviceSelectsTheEntryForEmptyInput() throws ConnectionInputException {
        fixture.env("PGSERVICE", "prod");

        assertThat(fixture.target("").displayName()).isEqualTo("reporter@prod.example.com:6432/orders");
    }

    @Test
    void inputBeatsServiceWhichBeatsEnvironment() throws ConnectionInputException {
        fixture.env("PGHOST", "envhost").env("PGUSER", "envuser").env("PGPASSWORD", "envpass")
                .env("PGSSLMODE", "require");

        ConnectionTarget target = fixture.target("service=prod port=7777");

        assertThat(target.displayName()).isEqualTo("reporter@prod.example.com:7777/orders");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.SERVICE_FILE);
        assertThat(target.sslMode()).as("not in the entry, so from the environment").isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void pgservicefileReplacesTheFileInHome() throws Exception {
        Path elsewhere = fixture.file("conf/services.conf", "[prod]\nhost=elsewhere.example.com\n");
        fixture.env("PGSERVICEFILE", elsewhere.toString());

        assertThat(fixture.target("service=prod").hosts()).containsExactly(new HostPort("elsewhere.example.com", 5432));
    }

    @Test
    void systemFileIsSearchedWhenTheUserFileLacksTheEntry() throws Exception {
        Path etc = fixture.file("etc/pg_service.conf", "[shared]\nhost=shared.example.com\n[prod]\nhost=sys\n")
                .getParent();
        fixture.env("PGSYSCONFDIR", etc.toString());

        assertThat(fixture.target("service=shared").hosts()).containsExactly(new HostPort("shared.example.com", 5432));
        assertThat(fixture.target("service=prod").hosts())
                .as("the user file wins").containsExactly(new HostPort("prod.example.com", 6432));
    }

    @Test
    void firstSectionAndFirstKeyWinAsInLibpq() throws Exception {
        fixture.file(".pg_service.conf", "[dup]\nhost=first\nhost=second\n[dup]\nhost=third\n");

        assertThat(fixture.target("service=dup").hosts()).containsExactly(new HostPort("first", 5432));
    }

    @Test
    void unknownServiceNamesTheServiceAndEveryFileSearched() throws Exception {
        Path etc = home.resolve("etc");
        fixture.env("PGSYSCONFDIR", etc.toString());

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("service=nosuch"));

        assertThat(e.reason()).isEqualTo(SERVICE_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("Service 'nosuch' in the connection string is not defined in "
                + home.resolve(".pg_service.conf") + " or " + etc.resolve("pg_service.conf") + " (does not exist).");
    }

    @Test
    void unknownServiceWithoutSysconfdirSaysHowToSearchMore() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("postgresql://db?service=nosuch"));

        assertThat(e.reason()).isEqualTo(SERVICE_NOT_FOUND);
        assertThat(e.getMessage()).contains("'nosuch'").contains(home.resolve(".pg_service.conf").toString())
                .contains("PGSYSCONFDIR");
    }

    @Test
    void entryIsCheckedAgainstTheAllowListNamingFileAndLine() throws Exception {
        Path file = fixture.file(".pg_service.conf", "[evil]\nhost=db\nsocketFactory=com.example.Evil\n");

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("service=evil"));

        assertThat(e.reason()).isEqualTo(FORBIDDEN_PROPERTY);
        assertThat(e.getMessage()).contains("'socketFactory'").contains(file + " line 3");
    }

    @Test
    void lineWithoutEqualsIsReportedByNumberWithoutQuotingIt() throws Exception {
        fixture.file(".pg_service.conf", "[broken]\nhost=db\nhunter2-secret\n");

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("service=broken"));

        assertThat(e.reason()).isEqualTo(MALFORMED_SERVICE_FILE);
        assertThat(e.getMessage()).contains("Line 3").doesNotContain("hunter2");
    }

    @Test
    void entryCannotNameAnotherService() throws Exception {
        fixture.file(".pg_service.conf", "[loop]\nservice=prod\n");

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("service=loop"));

        assertThat(e.reason()).isEqualTo(MALFORMED_SERVICE_FILE);
    }
}
