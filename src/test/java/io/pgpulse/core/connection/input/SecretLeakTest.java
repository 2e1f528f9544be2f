package io.pgpulse.core.connection.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.pgpulse.core.connection.input.ConnectionInputParser.Fields;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** A password must not come back out through any path, even when it broke the input. */
class SecretLeakTest {

    private static final String CANARY = "CANARY-s3cret";

    @TempDir
    Path home;

    private InputFixture fixture;
    private ListAppender<ILoggingEvent> logs;
    private Logger root;
    private Logger packageLogger;
    private Level previousPackageLevel;

    @BeforeEach
    void captureLogs() {
        fixture = new InputFixture(home);
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        packageLogger = (Logger) LoggerFactory.getLogger(ConnectionInputParser.class.getPackageName());
        previousPackageLevel = packageLogger.getLevel();
        packageLogger.setLevel(Level.TRACE);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        packageLogger.setLevel(previousPackageLevel);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "postgresql://bob:CANARY-s3cret@host:notaport/db",
        "postgresql://bob:CANARY-s3cret@host:99999/db",
        "postgresql://bob:CANARY-s3cret%zz@host/db",
        "postgresql://bob:CANARY-s3cret%@host/db",
        "postgresql://bob:CANARY-s3cret@[::1/db",
        "postgresql://bob:CANARY-s3cret@host:5432:1/db",
        "postgresql://bob:CANARY-s3cret/host/db",
        "postgresql://bob:CANARY-s3cret",
        "postgresql://bob:CANARY-s3cret@host/db?socketFactory=x",
        "postgresql://bob:CANARY-s3cret@host/db?sslmode=bogus",
        "postgresql://bob:CANARY-s3cret@host/db?sslmode",
        "postgresql://bob:CANARY-s3cret@host/db?service=nosuch",
        "postgresql://bob:CANARY-s3cret@ho%20st/db",
        "postgresql://host/db?password=CANARY-s3cret&options=-c%20x",
        "postgresql://host/db?password=CANARY-s3cret%zz",
        "postgresql://host/db?password=CANARY-s3cret&port=x",
        "postgresql://host/db?sslpassword=CANARY-s3cret&sslkey=/no/such/key",
        "jdbc:postgresql://host/db?password=CANARY-s3cret&loggerFile=/tmp/x",
        "host=db password=CANARY-s3cret port=notaport",
        "host=db password='CANARY-s3cret",
        "host=db password='CANARY-s3cret unfinished port=5",
        "host=db password=CANARY-s3cret sslmode=nope",
        "host=db password=CANARY-s3cret sslrootcert=/nonexistent/CANARY-s3cret.crt",
        "host=db password=CANARY-s3cret host=/tmp",
        "host=db password=CANARY-s3cret options='-c default_transaction_read_only=off'",
        "host=db password=CANARY-s3cret =x",
        "host=db CANARY-s3cret",
        "CANARY-s3cret"})
    void malformedInputNeverEchoesThePassword(String input) {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parse(input));

        assertThat(e).as("input must be rejected").isNotNull();
        assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("s3cret").isNotBlank();
        assertThat(e.toString()).doesNotContain(CANARY);
        assertThat(stackTraceOf(e)).doesNotContain(CANARY);
        assertThat(e.getCause()).isNull();
        assertLogsAreClean();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "postgresql://bob:CANARY-s3cret@host/db?application_name=x",
        "postgresql://bob@host/db?password=CANARY-s3cret&sslmode=verify-full",
        "host=db user=bob password='CANARY-s3cret' keepalives=1",
        ""})
    void validInputKeepsThePasswordOutOfEverythingVisible(String input) throws ConnectionInputException {
        fixture.env("PGPASSWORD", CANARY);

        ParseResult result = fixture.parse(input);
        ConnectionTarget target = result.target();

        assertThat(target.password().reveal()).isEqualTo(CANARY);
        assertThat(target.displayName()).doesNotContain(CANARY);
        assertThat(target.toString()).doesNotContain(CANARY);
        assertThat(target.jdbcUrl()).doesNotContain(CANARY);
        assertThat(result.toString()).doesNotContain(CANARY);
        assertThat(String.join("\n", result.warnings())).doesNotContain(CANARY);
        assertThat(target.withPassword(Secret.of(CANARY), PasswordSource.PROMPT).toString()).doesNotContain(CANARY);
        assertLogsAreClean();
    }

    @Test
    void passwordsFromFilesAndFormStayHidden() throws Exception {
        fixture.file(".pgpass", "*:*:*:*:" + CANARY + "\n");
        fixture.file(".pg_service.conf", "[svc]\nhost=db\nsslpassword=" + CANARY + "\n");

        ParseResult fromPgpass = fixture.parse("service=svc");
        ParseResult fromForm = fixture.parser().fromFields(
                new Fields("db", "5432", "shop", "bob", Secret.of(CANARY), null, null, null));

        assertThat(fromPgpass.target().password().reveal()).isEqualTo(CANARY);
        assertThat(fromPgpass.target().toString()).doesNotContain(CANARY);
        assertThat(fromForm.target().toString()).doesNotContain(CANARY);
        assertLogsAreClean();
    }

    @Test
    void formErrorsDoNotEchoThePassword() {
        ConnectionInputException e = catchThrowableOfType(ConnectionInputException.class, () -> fixture.parser()
                .fromFields(new Fields("db", CANARY, null, null, Secret.of(CANARY), null, null, null)));

        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertLogsAreClean();
    }

    private void assertLogsAreClean() {
        assertThat(logs.list).as("the parser logs what it resolved or rejected").isNotEmpty();
        List<String> rendered = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            rendered.add(event.getFormattedMessage());
            rendered.add(event.getMessage());
            if (event.getArgumentArray() != null) {
                Arrays.stream(event.getArgumentArray()).map(String::valueOf).forEach(rendered::add);
            }
            for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                rendered.add(proxy.getMessage());
            }
        }
        assertThat(rendered).noneMatch(text -> text != null && text.contains(CANARY));
    }

    private static String stackTraceOf(Throwable throwable) {
        StringWriter out = new StringWriter();
        throwable.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
