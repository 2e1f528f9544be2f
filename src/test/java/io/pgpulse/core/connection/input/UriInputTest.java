package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriInputTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "postgresql://alice:s3cret@db.example.com:6432/shop  | alice@db.example.com:6432/shop | s3cret",
        "postgres://alice@db.example.com/shop                | alice@db.example.com:5432/shop | -",
        "postgresql://alice:p%40ss%3Aw%2Frd%25@db/shop       | alice@db:5432/shop             | p@ss:w/rd%",
        "postgresql://alice:p@ss/w?rd@db/shop                | alice@db:5432/shop             | p@ss/w?rd",
        "postgresql://al%69ce:%E2%82%AC@db/shop              | alice@db:5432/shop             | €",
        "postgresql://[::1]:5433/shop                        | osuser@[::1]:5433/shop         | -",
        "postgresql://alice@[2001:db8::7]/shop               | alice@[2001:db8::7]:5432/shop  | -",
        "postgresql://a.example:5433,b.example:5434/shop     | osuser@a.example:5433,b.example:5434/shop | -",
        "postgresql://a,b:5434,[::1]/shop                    | osuser@a:5432,b:5434,[::1]:5432/shop | -",
        "postgresql://a,b/shop?port=6000                     | osuser@a:6000,b:6000/shop      | -",
        "postgresql:///shop?host=db&port=7000&user=bob&password=pw%26x | bob@db:7000/shop      | pw&x",
        "postgresql://db/shop?user=alice@tenant              | alice@tenant@db:5432/shop      | -",
        "postgresql://db/my%20shop                           | osuser@db:5432/my shop         | -",
        "postgresql://db?dbname=shop                         | osuser@db:5432/shop            | -",
        "postgresql://                                       | osuser@localhost:5432/osuser   | -",
        "postgresql://db/shop?password=a+b                   | osuser@db:5432/shop            | a+b",
        "jdbc:postgresql://db:5432/shop?user=bob&password=a+b | bob@db:5432/shop              | a b",
        "jdbc:postgresql:shop                                | osuser@localhost:5432/shop     | -",
        "POSTGRESQL://Alice@DB/Shop                          | Alice@DB:5432/Shop             | -"})
    void parsesUriForms(String uri, String displayName, String password) throws ConnectionInputException {
        ConnectionTarget target = fixture.target(uri);

        assertThat(target.displayName()).isEqualTo(displayName);
        if (password == null) {
            assertThat(target.password()).isNull();
            assertThat(target.passwordSource()).isEqualTo(PasswordSource.NONE);
        } else {
            assertThat(target.password().reveal()).isEqualTo(password);
            assertThat(target.passwordSource()).isEqualTo(PasswordSource.INPUT);
        }
    }

    @Test
    void queryParametersOverrideTheAuthorityAndPath() throws ConnectionInputException {
        ConnectionTarget target = fixture.target(
                "postgresql://alice:one1@first:1111/firstdb?host=second&port=2222&dbname=seconddb&user=bob&password=two2");

        assertThat(target.displayName()).isEqualTo("bob@second:2222/seconddb");
        assertThat(target.password().reveal()).isEqualTo("two2");
    }

    @Test
    void readsSslSettingsFromTheQuery() throws Exception {
        Path rootCert = fixture.file("certs/root.crt", "-----BEGIN CERTIFICATE-----\n");

        ConnectionTarget target = fixture.target(
                "postgresql://db/shop?sslmode=verify-full&sslrootcert=" + rootCert);

        assertThat(target.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(target.sslRootCert()).isEqualTo(rootCert);
    }

    @Test
    void defaultsToSslModePreferLikeLibpq() throws ConnectionInputException {
        assertThat(fixture.target("postgresql://db/shop").sslMode()).isEqualTo(SslMode.PREFER);
    }

    @ParameterizedTest
    @CsvSource({"ssl=true, VERIFY_FULL", "ssl=false, DISABLE", "ssl=true&sslmode=require, REQUIRE"})
    void acceptsPgjdbcSslSwitchWithItsMeaning(String query, SslMode expected) throws ConnectionInputException {
        assertThat(fixture.target("jdbc:postgresql://db/shop?" + query).sslMode()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"10, PT10S", "1, PT2S", "0, -", "-5, -"})
    void connectTimeoutFollowsLibpqRules(String seconds, Duration expected) throws ConnectionInputException {
        assertThat(fixture.target("postgresql://db/shop?connect_timeout=" + seconds).connectTimeout())
                .isEqualTo(expected);
    }

    @Test
    void ignoresApplicationNameWithAWarning() throws ConnectionInputException {
        ParseResult result = fixture.parse("postgresql://db/shop?application_name=psql");

        assertThat(result.warnings()).singleElement().asString()
                .contains("application_name").contains("pgpulse");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "postgresql://bob:pw12@db:notaport/shop | Port 'notaport' in the URI is not a number between 1 and 65535",
        "postgresql://bob:pw12@db:70000/shop    | Port '70000' in the URI is not a number between 1 and 65535",
        "postgresql://db:x1/shop                | The port after 'db:' in the URI is not a number",
        "postgresql://[::1/shop                 | missing its closing ']'",
        "postgresql://[::1]x/shop               | Unexpected text after the IPv6 address [::1]",
        "postgresql://::1/shop                  | Write IPv6 addresses in brackets",
        "postgresql://db/shop?sslmode           | Query parameter 1 in the URI has no '='",
        "postgresql://db/shop?=x                | Query parameter 1 in the URI has no name",
        "postgresql://db/sh%zzop                | the database name 'sh%zzop' is not valid percent-encoding",
        "postgresql://db/shop%00                | the database name 'shop%00' is not valid percent-encoding",
        "postgresql://db/shop?user=%C3%28       | the value of 'user' '%C3%28' is not valid percent-encoding",
        "mysql://db/shop                        | URIs starting with 'mysql://' are not supported"})
    void reportsMalformedUrisSpecifically(String uri, String message) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parse(uri));

        assertThat(e.reason()).isEqualTo(MALFORMED_URI);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void rejectsInvalidSslModeListingTheValidOnes() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("postgresql://db/shop?sslmode=verify_full"));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).isEqualTo("Unknown sslmode 'verify_full' in the URI: expected one of "
                + "disable, allow, prefer, require, verify-ca, verify-full.");
    }

    @Test
    void rejectsAnInvalidHostName() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("postgresql://db%20one/shop"));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).isEqualTo("Host 'db one' in the URI is not a valid host name or IP address.");
    }
}
