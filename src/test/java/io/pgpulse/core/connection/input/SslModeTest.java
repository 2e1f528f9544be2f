package io.pgpulse.core.connection.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SslModeTest {

    @ParameterizedTest
    @CsvSource({
        "disable, DISABLE",
        "allow, ALLOW",
        "prefer, PREFER",
        "require, REQUIRE",
        "verify-ca, VERIFY_CA",
        "verify-full, VERIFY_FULL",
        "' Verify-Full ', VERIFY_FULL"})
    void parsesLibpqNames(String text, SslMode expected) throws ConnectionInputException {
        assertThat(SslMode.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"DISABLE, disable", "VERIFY_CA, verify-ca", "VERIFY_FULL, verify-full"})
    void libpqNameIsWhatPgjdbcExpects(SslMode mode, String name) {
        assertThat(mode.libpqName()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify_full", "on", "true", ""})
    void rejectsUnknownValuesListingTheValidOnes(String text) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> SslMode.parse(text));

        assertThat(e.reason()).isEqualTo(ConnectionInputException.Reason.INVALID_VALUE);
        assertThat(e.getMessage())
                .contains("sslmode")
                .contains("disable, allow, prefer, require, verify-ca, verify-full");
    }

    @ParameterizedTest
    @CsvSource({"VERIFY_CA, true", "VERIFY_FULL, true", "REQUIRE, false", "PREFER, false"})
    void onlyVerifyModesCheckTheCertificate(SslMode mode, boolean verifies) {
        assertThat(mode.verifiesCertificate()).isEqualTo(verifies);
    }
}
