package io.pgpulse.core.connection.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgPassTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "db.example.com:5432:shop:alice:exact     | exact",
        "*:*:*:alice:anyhost                      | anyhost",
        "db.example.com:*:*:*:hostonly            | hostonly",
        "*:*:*:*:catchall                         | catchall",
        "db.example.com:5433:shop:alice:wrongport | -",
        "db.example.com:5432:other:alice:wrongdb  | -",
        "db.example.com:5432:shop:bob:wronguser   | -",
        "other.example.com:5432:shop:alice:nohost | -",
        "db.example.com:05432:shop:alice:textport | -",
        "db.example.*:5432:shop:alice:nopattern   | -",
        "db.example.com:5432:shop:alice:pa\\:ss\\\\wd | pa:ss\\wd",
        "db.example.com:5432:shop:alice:pw:extra  | pw"})
    void matchesLinesLikeLibpq(String line, String expected) throws Exception {
        fixture.file(".pgpass", line + "\n");

        ConnectionTarget target = fixture.target("host=db.example.com dbname=shop user=alice");

        if (expected == null) {
            assertThat(target.passwordSource()).isEqualTo(PasswordSource.NONE);
        } else {
            assertThat(target.password().reveal()).isEqualTo(expected);
            assertThat(target.passwordSource()).isEqualTo(PasswordSource.PGPASS);
        }
    }

    @Test
    void escapedColonAndBackslashMatchInsideFields() throws Exception {
        fixture.file(".pgpass", "db:5432:my\\:db:dom\\\\alice:escaped\n");

        ConnectionTarget target = fixture.target("host=db dbname='my:db' user='dom\\\\alice'");

        assertThat(target.password().reveal()).isEqualTo("escaped");
    }

    @Test
    void firstMatchingLineWins() throws Exception {
        fixture.file(".pgpass", """
                # comments and blank lines are skipped

                db:5432:shop:alice:first
                *:*:*:*:second
                """);

        assertThat(fixture.target("host=db dbname=shop user=alice").password().reveal()).isEqualTo("first");
        assertThat(fixture.target("host=db dbname=other user=alice").password().reveal()).isEqualTo("second");
    }

    @Test
    void defaultHostMatchesLocalhostLines() throws Exception {
        fixture.file(".pgpass", "localhost:5432:osuser:osuser:local\n");

        assertThat(fixture.target("").password().reveal()).isEqualTo("local");
    }

    @Test
    void laterHostOfAMultiHostListCanMatch() throws Exception {
        fixture.file(".pgpass", "standby:5433:shop:alice:standbypw\n");

        assertThat(fixture.target("postgresql://alice@primary:5432,standby:5433/shop").password().reveal())
                .isEqualTo("standbypw");
    }

    @Test
    void hostaddrLooksUpByHostName() throws Exception {
        fixture.file(".pgpass", "db.example.com:5432:shop:alice:byname\n");

        ConnectionTarget target = fixture.target("host=db.example.com hostaddr=192.0.2.1 dbname=shop user=alice");

        assertThat(target.password().reveal()).isEqualTo("byname");
        assertThat(target.hosts()).containsExactly(new HostPort("192.0.2.1", 5432));
    }

    @Test
    void groupReadableFileIsIgnoredWithAWarning() throws Exception {
        Path pgpass = fixture.file(".pgpass", "*:*:*:*:leaky\n", "rw-r--r--");

        ParseResult result = fixture.parse("host=db");

        assertThat(result.target().passwordSource()).isEqualTo(PasswordSource.NONE);
        assertThat(result.warnings()).containsExactly("Ignoring " + pgpass
                + ": it is readable by group or others (mode 0644); run chmod 0600 " + pgpass);
    }

    @Test
    void groupWritableFileIsIgnoredToo() throws Exception {
        Path pgpass = fixture.file(".pgpass", "*:*:*:*:leaky\n", "rw--w----");

        ParseResult result = fixture.parse("host=db");

        assertThat(result.target().passwordSource()).isEqualTo(PasswordSource.NONE);
        assertThat(result.warnings()).singleElement().asString().contains("(mode 0620)")
                .contains("run chmod 0600 " + pgpass);
    }

    @ParameterizedTest
    @CsvSource({"rw-------", "r--------"})
    void ownerOnlyFileIsHonoured(String permissions) throws Exception {
        fixture.file(".pgpass", "*:*:*:*:private\n", permissions);

        ParseResult result = fixture.parse("host=db");

        assertThat(result.target().password().reveal()).isEqualTo("private");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void missingFileIsNotWorthAWarning() throws ConnectionInputException {
        ParseResult result = fixture.parse("host=db");

        assertThat(result.target().passwordSource()).isEqualTo(PasswordSource.NONE);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void pgpassfileAndPassfileKeywordChooseTheFile() throws Exception {
        Path fromEnvironment = fixture.file("env.pgpass", "*:*:*:*:fromenv\n");
        Path fromInput = fixture.file("input.pgpass", "*:*:*:*:frominput\n");
        fixture.file(".pgpass", "*:*:*:*:default\n");
        fixture.env("PGPASSFILE", fromEnvironment.toString());

        assertThat(fixture.target("host=db").password().reveal()).isEqualTo("fromenv");
        assertThat(fixture.target("host=db passfile=" + fromInput).password().reveal()).isEqualTo("frominput");
    }

    @Test
    void fileIsNotReadWhenAPasswordIsAlreadyKnown() throws Exception {
        fixture.file(".pgpass", "*:*:*:*:leaky\n", "rw-r--r--");
        fixture.env("PGPASSWORD", "fromenv");

        ParseResult result = fixture.parse("host=db");

        assertThat(result.target().password().reveal()).isEqualTo("fromenv");
        assertThat(result.target().passwordSource()).isEqualTo(PasswordSource.ENVIRONMENT);
        assertThat(result.warnings()).as("libpq does not look at .pgpass then").isEmpty();
    }

    @Test
    void directoryInPlaceOfTheFileIsIgnoredWithAWarning() throws Exception {
        Files.createDirectory(home.resolve(".pgpass"));

        ParseResult result = fixture.parse("host=db");

        assertThat(result.target().passwordSource()).isEqualTo(PasswordSource.NONE);
        assertThat(result.warnings()).singleElement().asString().contains("not a regular file");
    }
}
