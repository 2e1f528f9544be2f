package io.pgpulse.app.connect;

import static io.pgpulse.app.connect.ConnectFixture.CANARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.pgpulse.app.connect.ConnectViewModel.Mode;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.connection.input.PgEnvironment;
import io.pgpulse.core.connection.input.SslMode;
import io.pgpulse.core.profiles.PasswordStorage;
import io.pgpulse.core.profiles.Profile;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.LogCapture;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dialog's logic without a toolkit: results arrive on the background thread itself. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ConnectViewModelTest {
    @TempDir
    Path config;

    private final Background background = new Background(UiExecutor.direct());
    private ConnectFixture fixture;
    private ConnectViewModel vm;

    @BeforeEach
    void setUp() {
        fixture = new ConnectFixture(config.resolve("pgpulse"));
        vm = fixture.viewModel(background, Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        vm.dispose();
        background.close();
    }

    @Test
    void blankFormAsksForInputInsteadOfGuessing() {
        assertThat(vm.validationProperty().get()).isInstanceOf(Validation.Empty.class);
        assertThat(vm.usableProperty().get()).isFalse();
    }

    @Test
    void badUrlShowsTheParsersMessageAndNeverThePassword() {
        try (LogCapture logs = new LogCapture()) {
            pasteString("postgresql://alice:" + CANARY + "@db.example.com:99999/shop");

            Validation.Invalid invalid = awaitValidation(Validation.Invalid.class);
            assertThat(invalid.message()).contains("Port '99999'").doesNotContain(CANARY);
            assertThat(vm.usableProperty().get()).isFalse();
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void classLoadingPropertyIsRefusedWithItsReason() {
        pasteString("postgresql://monitor@localhost/shop?socketFactory=org.example.Evil");

        assertThat(awaitValidation(Validation.Invalid.class).message())
                .contains("socketFactory").contains("not allowed").contains("Java class");
    }

    @Test
    void unknownPropertyIsNamed() {
        pasteString("host=db.example.com dbname=shop frobnicate=1");

        assertThat(awaitValidation(Validation.Invalid.class).message()).contains("Unknown connection property 'frobnicate'");
    }

    @Test
    void worldReadablePasswordFileIsIgnoredWithAWarning(@TempDir Path home) throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:" + CANARY + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        fixture = new ConnectFixture(config.resolve("pgpulse"), PgEnvironment.of(Map.of(), home, "osuser"));
        vm = fixture.viewModel(background, Duration.ZERO);

        vm.hostProperty().set("db.example.com");

        Validation.Valid valid = awaitValidation(Validation.Valid.class);
        assertThat(valid.warnings()).anySatisfy(w -> assertThat(w).contains(".pgpass").contains("chmod 0600"));
        assertThat(valid.details()).contains("no password");
        assertThat(valid.toString()).doesNotContain(CANARY);
    }

    @Test
    void fieldsResolveToWhereAndAsWhomPgPulseWouldConnect() {
        vm.hostProperty().set("db.example.com");
        vm.portProperty().set("6543");
        vm.databaseProperty().set("shop");
        vm.userProperty().set("alice");
        vm.passwordProperty().set(CANARY);

        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.validationProperty().get() instanceof Validation.Valid v
                && v.summary().equals("alice@db.example.com:6543/shop"));
        Validation.Valid valid = (Validation.Valid) vm.validationProperty().get();
        assertThat(valid.details()).contains("TLS prefer").contains("password as typed").doesNotContain(CANARY);
        assertThat(valid.weakTls()).isTrue();

        vm.useVerifyFull();

        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.validationProperty().get() instanceof Validation.Valid v
                && !v.weakTls());
        assertThat(vm.sslModeProperty().get()).isEqualTo(SslMode.VERIFY_FULL);
    }

    @Test
    void passwordFieldCompletesAConnectionStringWithoutOne() {
        vm.passwordProperty().set(CANARY);
        pasteString("postgresql://alice@db.example.com/shop");

        assertThat(awaitValidation(Validation.Valid.class).details()).contains("password as typed");
        vm.connect();

        await().atMost(5, TimeUnit.SECONDS).until(() -> !fixture.actions.connects.isEmpty());
        var target = fixture.actions.connects.get(0).target();
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.PROMPT);
        assertThat(target.password().reveal()).isEqualTo(CANARY);
    }

    @Test
    void wrongPasswordIsReportedAsARefusedLogin(TestServer pg) {
        try (LogCapture logs = new LogCapture()) {
            pasteString("postgresql://" + TestServer.MONITOR_ROLE + ":" + CANARY + "@localhost:" + pg.port()
                    + "/postgres?sslmode=disable");
            awaitValidation(Validation.Valid.class);

            vm.testConnection();

            TestState.Failed failed = awaitTest(TestState.Failed.class);
            assertThat(failed.title()).isEqualTo("The server refused the login");
            assertThat(failed.explanation()).contains(TestServer.MONITOR_ROLE).contains("Check the password")
                    .doesNotContain(CANARY);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void unreachablePortSaysWhatToCheck() throws Exception {
        int port = ConnectFixture.freePort();
        pasteString("postgresql://someone@localhost:" + port + "/postgres");
        awaitValidation(Validation.Valid.class);

        vm.testConnection();

        TestState.Failed failed = awaitTest(TestState.Failed.class);
        assertThat(failed.title()).isEqualTo("Server unreachable");
        assertThat(failed.explanation()).contains("localhost:" + port).contains("Check the host and port");
    }

    @Test
    void testAgainstALiveServerListsTheProbesFindings(TestServer pg) {
        pasteString(pg.monitorUri());
        awaitValidation(Validation.Valid.class);

        vm.testConnection();

        TestState.Probed probed = awaitTest(TestState.Probed.class);
        assertThat(probed.supported()).isTrue();
        assertThat(probed.headline()).contains("PostgreSQL " + pg.major().number()).contains(TestServer.MONITOR_ROLE);
        assertThat(probed.findings()).hasSize(5);
        assertThat(probed.findings()).anySatisfy(f -> {
            assertThat(f.ok()).isTrue();
            assertThat(f.explanation()).containsPattern("pg_stat_statements .* is installed");
        });
        assertThat(probed.findings()).filteredOn(f -> !f.ok()).allSatisfy(f -> assertThat(f.fix()).isPresent());
    }

    @Test
    void cancellingATestAgainstASilentServerReturnsAtOnceAndEndsTheAttempt() throws Exception {
        try (TcpProxy silent = TcpProxy.silent()) {
            pasteString("postgresql://someone:pw@localhost:" + silent.port() + "/postgres");
            awaitValidation(Validation.Valid.class);

            vm.testConnection();
            await().atMost(5, TimeUnit.SECONDS).until(() -> silent.acceptedConnections() == 1);
            assertThat(vm.testProperty().get()).isInstanceOf(TestState.Running.class);
            CompletableFuture<TestState> attempt = vm.runningAttempt();

            long start = System.nanoTime();
            vm.cancelTest();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
            assertThat(vm.testProperty().get()).isInstanceOf(TestState.Cancelled.class);
            assertThat(vm.testingProperty().get()).isFalse();
            // The worker is interrupted, so it does not sit out the 5 s login timeout.
            attempt.get(3, TimeUnit.SECONDS);
            assertThat(vm.testProperty().get()).isInstanceOf(TestState.Cancelled.class);
        }
    }

    @Test
    void editingTheInputDiscardsAStaleTestResult(TestServer pg) {
        pasteString(pg.monitorUri());
        awaitValidation(Validation.Valid.class);
        vm.testConnection();
        awaitTest(TestState.Probed.class);

        vm.connectionStringProperty().set(pg.monitorUri().replace("/postgres", "/template1"));

        assertThat(vm.testProperty().get()).isInstanceOf(TestState.Idle.class);
    }

    @Test
    void savedProfileIsOwnerOnlyAndHoldsNoPassword() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            pasteString("postgresql://monitor:" + CANARY + "@db.example.com:5432/shop?sslmode=verify-full");
            awaitValidation(Validation.Valid.class);
            vm.profileNameProperty().set("shop-staging");

            vm.saveProfile();

            await().atMost(5, TimeUnit.SECONDS).until(() -> vm.saveNoticeProperty().get() != null);
            Notice notice = vm.saveNoticeProperty().get();
            assertThat(notice.tone()).isEqualTo(Notice.Tone.SUCCESS);
            assertThat(notice.text()).contains("Saved profile 'shop-staging'").contains("every session")
                    .contains("never written to a file");
            Path file = fixture.store.file();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(file)).contains("db.example.com").doesNotContain(CANARY);
            Profile saved = fixture.store.find("shop-staging").orElseThrow();
            assertThat(saved.passwordStorage()).isEqualTo(PasswordStorage.ASK_EVERY_SESSION);
            assertThat(saved.connection().sslMode()).isEqualTo(SslMode.VERIFY_FULL);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void connectingRightAfterSavingIsNamedAfterTheProfileAndMarksItUsed() throws Exception {
        vm.modeProperty().set(Mode.FIELDS);
        vm.hostProperty().set("db.example.com");
        vm.userProperty().set("alice");
        vm.profileNameProperty().set("shop");
        awaitValidation(Validation.Valid.class);
        vm.saveProfile();
        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.saveNoticeProperty().get() != null);

        vm.connect();

        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
        assertThat(fixture.actions.connects.get(0).label()).isEqualTo("shop");
        assertThat(vm.finishedProperty().get()).isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.store.find("shop").orElseThrow().lastUsed() != null);
    }

    @Test
    void adHocConnectionIsNamedAfterItsHost() {
        pasteString("host=db.example.com dbname=shop user=alice");
        awaitValidation(Validation.Valid.class);

        vm.connect();

        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
        assertThat(fixture.actions.connects.get(0).label()).isEqualTo("db.example.com");
        assertThat(fixture.actions.connects.get(0).target().displayName()).isEqualTo("alice@db.example.com:5432/shop");
    }

    @Test
    void aFailedConnectionKeepsTheDialogOpenWithWhatWasTypedAndSaysWhy() {
        fixture.actions.failWith = "The server refused the password for alice.";
        vm.modeProperty().set(Mode.FIELDS);
        vm.hostProperty().set("db.example.com");
        vm.userProperty().set("alice");
        vm.databaseProperty().set("shop");
        awaitValidation(Validation.Valid.class);

        vm.connect();

        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.testProperty().get() instanceof TestState.Failed);
        TestState.Failed failed = (TestState.Failed) vm.testProperty().get();
        assertThat(failed.explanation()).isEqualTo("The server refused the password for alice.");
        assertThat(vm.finishedProperty().get()).as("the dialog stays open").isFalse();
        assertThat(vm.hostProperty().get()).isEqualTo("db.example.com");
        assertThat(vm.userProperty().get()).isEqualTo("alice");
        assertThat(vm.databaseProperty().get()).isEqualTo("shop");
        assertThat(vm.testingProperty().get()).isFalse();
    }

    @Test
    void nothingConnectsWhileTheInputIsInvalid() {
        pasteString("postgresql://db.example.com:0/shop");
        awaitValidation(Validation.Invalid.class);

        vm.connect();
        vm.testConnection();

        assertThat(fixture.actions.connects).isEmpty();
        assertThat(vm.testProperty().get()).isInstanceOf(TestState.Idle.class);
    }

    private void pasteString(String text) {
        vm.modeProperty().set(Mode.CONNECTION_STRING);
        vm.connectionStringProperty().set(text);
    }

    private <T extends Validation> T awaitValidation(Class<T> type) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> type.isInstance(vm.validationProperty().get()));
        return type.cast(vm.validationProperty().get());
    }

    private <T extends TestState> T awaitTest(Class<T> type) {
        await().atMost(15, TimeUnit.SECONDS).until(() -> type.isInstance(vm.testProperty().get()));
        return type.cast(vm.testProperty().get());
    }
}
