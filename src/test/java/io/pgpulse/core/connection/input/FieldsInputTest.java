package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgpulse.core.connection.input.ConnectionInputParser.Fields;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldsInputTest {

    @TempDir
    Path home;

    private InputFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InputFixture(home);
    }

    @Test
    void buildsTheTargetFromEveryField() throws Exception {
        Path rootCert = fixture.file("ca.crt", "cert");

        ConnectionTarget target = fixture.parser().fromFields(new Fields("db.example.com", "6432", "shop", "alice",
                Secret.of("s3cret"), SslMode.VERIFY_FULL, rootCert.toString(), null)).target();

        assertThat(target.displayName()).isEqualTo("alice@db.example.com:6432/shop");
        assertThat(target.password()).isEqualTo(Secret.of("s3cret"));
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.INPUT);
        assertThat(target.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(target.sslRootCert()).isEqualTo(rootCert);
    }

    @Test
    void blankFieldsFallBackToEnvironmentAndDefaults() throws ConnectionInputException {
        fixture.env("PGHOST", "envhost").env("PGPASSWORD", "envpass");

        ConnectionTarget target = fixture.parser()
                .fromFields(new Fields(" ", null, "", null, Secret.of(""), null, null, null)).target();

        assertThat(target.displayName()).isEqualTo("osuser@envhost:5432/osuser");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.ENVIRONMENT);
        assertThat(target.sslMode()).isEqualTo(SslMode.PREFER);
    }

    @Test
    void typedPasswordBeatsEnvironment() throws ConnectionInputException {
        fixture.env("PGPASSWORD", "envpass");

        ConnectionTarget target = fixture.parser()
                .fromFields(new Fields("db", null, null, null, Secret.of("typed"), null, null, null)).target();

        assertThat(target.password().reveal()).isEqualTo("typed");
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.INPUT);
    }

    @Test
    void rejectsANonNumericPortNamingTheForm() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parser()
                .fromFields(new Fields("db", "54x", null, null, null, null, null, null)));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage())
                .isEqualTo("Port '54x' in the connection form is not a number between 1 and 65535.");
    }

    @Test
    void rejectsAMissingRootCertificateNamingThePath() {
        String missing = home.resolve("nope/ca.crt").toString();

        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parser()
                .fromFields(new Fields("db", null, null, null, null, SslMode.VERIFY_CA, missing, null)));

        assertThat(e.reason()).isEqualTo(INVALID_VALUE);
        assertThat(e.getMessage()).contains(missing).contains("does not exist");
    }

    @Test
    void serviceFieldSelectsTheServiceEntry() throws Exception {
        fixture.file(".pg_service.conf", "[prod]\nhost=prod.example.com\ndbname=orders\n");

        ConnectionTarget target = fixture.parser()
                .fromFields(new Fields(null, null, null, "alice", null, null, null, "prod")).target();

        assertThat(target.displayName()).isEqualTo("alice@prod.example.com:5432/orders");
        assertThat(target.serviceName()).isEqualTo("prod");
    }

    @Test
    void fieldsToStringHidesThePassword() {
        Fields fields = new Fields("db", null, null, null, Secret.of("s3cret-value"), null, null, null);

        assertThat(fields.toString()).doesNotContain("s3cret-value").contains("password=********");
    }
}
