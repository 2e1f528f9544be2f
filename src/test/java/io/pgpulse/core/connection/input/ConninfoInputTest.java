package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_CONNINFO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConninfoInputTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    @Test
    void readsPlainKeyValuePairs() throws ConnectionInputException {
        ConnectionTarget target = fixture.target(
                "host=db.example.com port=6432 dbname=shop user=alice password=s3cret sslmode=require");

        assertThat(target.displayName()).isEqualTo("alice@db.example.com:6432/shop");
        assertThat(target.password().reveal()).isEqualTo("s3cret");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.INPUT);
        assertThat(target.sslMode()).isEqualTo(SslMode.REQUIRE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "password=plain                       | plain",
        "password='with spaces'               | with spaces",
        "password = 'blanks around equals'    | blanks around equals",
        "password='it\\'s'                    | it's",
        "password='back\\\\slash'             | back\\slash",
        "password=esc\\ aped\\'unquoted       | esc aped'unquoted",
        "password='a=b c=d'                   | a=b c=d",
        "password=x password=last             | last"})
    void decodesQuotingAndEscapesLikeLibpq(String conninfo, String password) throws ConnectionInputException {
        assertThat(fixture.target("host=db " + conninfo).password().reveal()).isEqualTo(password);
    }

    @Test
    void quotedValueCanHoldBlanksForAnyKey() throws ConnectionInputException {
        assertThat(fixture.target("host=db dbname='my shop' user = 'alice'").displayName())
                .isEqualTo("alice@db:5432/my shop");
    }

    @Test
    void emptyQuotedValueCountsAsNotGiven() throws ConnectionInputException {
        ConnectionTarget target = fixture.target("host=db password=''");

        assertThat(target.passwordSource()).isEqualTo(PasswordSource.NONE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "host=a,b port=5433,5434      | osuser@a:5433,b:5434/osuser",
        "host=a,b port=6000           | osuser@a:6000,b:6000/osuser",
        "host=a,,b port=1,2,3         | osuser@a:1,localhost:2,b:3/osuser",
        "host=a,b port=,5434          | osuser@a:5432,b:5434/osuser",
        "host=::1 port=5433           | osuser@[::1]:5433/osuser",
        "hostaddr=10.0.0.5            | osuser@10.0.0.5:5432/osuser",
        "host=db hostaddr=10.0.0.5    | osuser@10.0.0.5:5432/osuser",
        "host=a host=b                | osuser@b:5432/osuser"})
    void resolvesHostsAndPorts(String conninfo, String displayName) throws ConnectionInputException {
        assertThat(fixture.target(conninfo).displayName()).isEqualTo(displayName);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "host=a,b,c port=1,2           | Could not match 2 port numbers in the connection string to 3 hosts.",
        "host=db port=http             | Port 'http' in the connection string is not a number between 1 and 65535.",
        "host=db port=0                | Port '0' in the connection string is not a number between 1 and 65535.",
        "host=/var/run/postgresql      | '/var/run/postgresql' in the connection string is a Unix-domain socket",
        "host='db one'                 | Host 'db one' in the connection string is not a valid host name",
        "hostaddr=db.example.com       | hostaddr 'db.example.com' in the connection string is not a numeric IP",
        "host=a,b hostaddr=10.0.0.1    | Could not match 1 addresses in hostaddr",
        "host=db connect_timeout=10s   | connect_timeout '10s' in the connection string is not a whole number"})
    void rejectsInvalidValuesNamingThem(String conninfo, String message) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse(conninfo));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).contains(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "host=db dbname               | Expected key=value at position 9 of the connection string",
        "host=db =shop                | There is no key before the '=' at position 9",
        "host='db dbname=shop         | The quoted value of 'host' starting at position 6 of the connection string has no closing quote.",
        "shop                         | Not a connection string: expected a postgresql:// URI or key=value settings"})
    void reportsSyntaxErrorsByPosition(String conninfo, String message) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse(conninfo));

        assertThat(e.reason()).isEqualTo(MALFORMED_CONNINFO);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void keysAreMatchedIgnoringCase() throws ConnectionInputException {
        assertThat(fixture.target("HOST=db DBName=shop SSLMODE=disable").sslMode()).isEqualTo(SslMode.DISABLE);
    }
}
