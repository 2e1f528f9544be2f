package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SslSettingsTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify-ca", "verify-full"})
    void verifyingWithoutAnyRootCertificateIsAllowedButWarned(String mode) throws ConnectionInputException {
        ParseResult result = fixture.parse("host=db sslmode=" + mode);

        assertThat(result.target().sslMode().libpqName()).isEqualTo(mode);
        assertThat(result.target().sslRootCert()).isNull();
        assertThat(result.warnings()).singleElement().asString()
                .contains("sslmode=" + mode)
                .contains(home.resolve(".postgresql/root.crt").toString())
                .contains("does not exist");
    }

    @Test
    void defaultRootCertificateInHomeSilencesTheWarning() throws Exception {
        fixture.file(".postgresql/root.crt", "cert");

        ParseResult result = fixture.parse("host=db sslmode=verify-full");

        assertThat(result.warnings()).isEmpty();
        assertThat(result.target().sslRootCert()).as("pgjdbc finds the default itself").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "prefer", "require"})
    void nonVerifyingModesNeedNoRootCertificate(String mode) throws ConnectionInputException {
        assertThat(fixture.parse("host=db sslmode=" + mode).warnings()).isEmpty();
    }

    @Test
    void givenRootCertificateIsUsed() throws Exception {
        Path ca = fixture.file("ca.pem", "cert");
        fixture.env("PGSSLROOTCERT", ca.toString());

        ParseResult result = fixture.parse("host=db sslmode=verify-full");

        assertThat(result.target().sslRootCert()).isEqualTo(ca);
        assertThat(result.target().toDriverProperties().getProperty("sslrootcert")).isEqualTo(ca.toString());
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void missingRootCertificateIsRejectedNamingThePath() {
        Path missing = home.resolve("no-such-ca.pem");

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("postgresql://db/shop?sslmode=verify-full&sslrootcert=" + missing));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).isEqualTo("The sslrootcert file '" + missing + "' in the URI does not exist.");
    }

    @Test
    void libpqSystemRootCertificateIsRejectedWithAnExplanation() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class,
                () -> fixture.parse("host=db sslrootcert=system"));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).contains("sslrootcert=system").contains("JDBC driver does not support");
    }
}
