package io.pgpulse.app.connect;

import static io.pgpulse.app.connect.ConnectFixture.CANARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.input.SslMode;
import io.pgpulse.testing.EmbeddedPostgresExtension;
import io.pgpulse.testing.LogCapture;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real dialog, headless, against the real embedded server; controls are found by id. */
@ExtendWith({ApplicationExtension.class, EmbeddedPostgresExtension.class})
class ConnectDialogTest {
    @TempDir
    Path config;

    private Stage stage;
    private Background background;
    private ConnectFixture fixture;
    private ConnectViewModel vm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void showDialog(FxRobot robot) {
        fixture = new ConnectFixture(config.resolve("pgpulse"));
        background = new Background(new FxUiExecutor());
        robot.interact(() -> {
            new ThemeManager(AppTheme.DARK).applyUserAgentStylesheet();
            vm = fixture.viewModel(background, ConnectViewModel.DEFAULT_DEBOUNCE);
            Scene scene = new Scene(new ConnectDialog(vm).root(), 780, 780);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setScene(scene);
            stage.show();
        });
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(vm::dispose);
        background.close();
    }

    @Test
    void typedBadUrlShowsTheParsersMessageInlineAndNeverThePassword(FxRobot robot) {
        try (LogCapture logs = new LogCapture()) {
            robot.clickOn("#mode-string");
            robot.clickOn("#connection-string").write("postgresql://alice:" + CANARY + "@db.example.com:99999/shop");

            awaitText(robot, "#validation-message", "Port '99999' in the URI is not a number between 1 and 65535.");
            assertThat(button(robot, "#connect").isDisabled()).isTrue();
            assertThat(button(robot, "#test-connection").isDisabled()).isTrue();
            assertThat(shownText(robot)).contains("Port '99999'").doesNotContain(CANARY);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void classLoadingPropertyIsRefusedInline(FxRobot robot) {
        enterConnectionString(robot, "postgresql://monitor@localhost/shop?socketFactory=org.example.Evil");

        awaitTextContaining(robot, "#validation-message", "The property 'socketFactory' in the URI is not allowed");
        assertThat(button(robot, "#connect").isDisabled()).isTrue();
    }

    @Test
    void fieldsShowWhereTheConnectionWouldGoAndVerifyFullIsOneClickAway(FxRobot robot) {
        robot.clickOn("#host").write("db.example.com");
        robot.clickOn("#database").write("shop");
        robot.clickOn("#user").write("alice");

        awaitText(robot, "#validation-message", "alice@db.example.com:5432/shop");
        assertThat(label(robot, "#validation-details").getText()).startsWith("TLS prefer");
        assertThat(button(robot, "#use-verify-full").isVisible()).isTrue();

        robot.clickOn("#use-verify-full");

        awaitTextContaining(robot, "#validation-details", "TLS verify-full");
        assertThat(robot.lookup("#ssl-mode").<ComboBox<SslMode>>query().getValue()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(button(robot, "#use-verify-full").isVisible()).isFalse();
        assertThat(button(robot, "#connect").isDisabled()).isFalse();
    }

    @Test
    void wrongPasswordShowsTheAuthenticationError(FxRobot robot, TestServer pg) {
        try (LogCapture logs = new LogCapture()) {
            enterConnectionString(robot, "postgresql://" + TestServer.MONITOR_ROLE + ":" + CANARY + "@localhost:"
                    + pg.port() + "/postgres?sslmode=disable");
            testConnection(robot);

            awaitText(robot, "#test-message", "The server refused the login");
            assertThat(label(robot, "#test-explanation").getText()).contains(TestServer.MONITOR_ROLE)
                    .contains("Check the password");
            assertThat(shownText(robot)).doesNotContain(CANARY);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void unreachablePortShowsAClearMessage(FxRobot robot) throws Exception {
        int port = ConnectFixture.freePort();
        enterConnectionString(robot, "postgresql://someone@localhost:" + port + "/postgres");
        testConnection(robot);

        awaitText(robot, "#test-message", "Server unreachable");
        assertThat(label(robot, "#test-explanation").getText()).contains("localhost:" + port)
                .contains("Check the host and port");
    }

    @Test
    void testConnectionShowsTheFindingsInPlainWordsWithACopyableFix(FxRobot robot, TestServer pg) {
        enterConnectionString(robot, pg.monitorUri());
        testConnection(robot);

        awaitTextContaining(robot, "#test-message", "Connected · PostgreSQL " + pg.major().number());
        assertThat(findingTexts(robot)).anySatisfy(text -> assertThat(text)
                .containsPattern("pg_stat_statements .* is installed \\(schema public\\) and readable"));
        // The embedded servers have no hypopg, so at least one finding comes with a fix to copy.
        Button copy = robot.lookup(n -> n.getId() != null && n.getId().startsWith("copy-fix-")).queryAs(Button.class);
        String fix = label(robot, "#fix-" + copy.getId().substring("copy-fix-".length())).getText();

        robot.interact(copy::fire);

        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()))
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(fix);
    }

    @Test
    void cancelDuringATestAgainstASilentServerReturnsControlImmediately(FxRobot robot) throws Exception {
        try (TcpProxy silent = TcpProxy.silent()) {
            enterConnectionString(robot, "postgresql://someone:pw@localhost:" + silent.port() + "/postgres");
            testConnection(robot);
            await().atMost(5, TimeUnit.SECONDS).until(() -> silent.acceptedConnections() == 1);
            assertThat(button(robot, "#test-connection").isDisabled()).isTrue();

            long start = System.nanoTime();
            robot.clickOn("#cancel-test");
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(label(robot, "#test-message").getText()).startsWith("Test cancelled");
            assertThat(button(robot, "#test-connection").isDisabled()).isFalse();
            assertThat(robot.lookup("#cancel-test").tryQuery()).isEmpty();
        }
    }

    @Test
    void savingAProfileWritesAnOwnerOnlyFileWithoutThePassword(FxRobot robot) throws Exception {
        enterConnectionString(robot, "postgresql://monitor:" + CANARY + "@db.example.com/shop?sslmode=verify-full");
        awaitTextContaining(robot, "#validation-message", "monitor@db.example.com:5432/shop");
        robot.clickOn("#profile-name").write("shop-staging");
        robot.interact(() -> button(robot, "#save-profile").fire());

        awaitTextContaining(robot, "#save-message", "Saved profile 'shop-staging'");
        assertThat(label(robot, "#save-message").getText()).contains("ask for its password every session");
        assertThat(label(robot, "#password-storage").getText()).contains("never written to a file");
        Path file = fixture.store.file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("shop-staging").doesNotContain(CANARY);
    }

    @Test
    void connectHandsTheTargetToTheApp(FxRobot robot) {
        enterConnectionString(robot, "host=db.example.com dbname=shop user=alice");
        awaitTextContaining(robot, "#validation-message", "alice@db.example.com:5432/shop");

        robot.clickOn("#connect");

        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
        assertThat(fixture.actions.connects.get(0).label()).isEqualTo("db.example.com");
    }

    private void enterConnectionString(FxRobot robot, String text) {
        robot.clickOn("#mode-string");
        robot.interact(() -> robot.lookup("#connection-string").queryAs(TextField.class).setText(text));
    }

    private static void testConnection(FxRobot robot) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> !button(robot, "#test-connection").isDisabled());
        robot.clickOn("#test-connection");
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private static Labeled label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class);
    }

    private static void awaitText(FxRobot robot, String id, String expected) {
        await().atMost(15, TimeUnit.SECONDS).until(() -> robot.lookup(id).tryQueryAs(Labeled.class)
                .map(l -> expected.equals(l.getText())).orElse(false));
    }

    private static void awaitTextContaining(FxRobot robot, String id, String expected) {
        await().atMost(15, TimeUnit.SECONDS).until(() -> robot.lookup(id).tryQueryAs(Labeled.class)
                .map(l -> l.getText() != null && l.getText().contains(expected)).orElse(false));
    }

    private static List<String> findingTexts(FxRobot robot) {
        return robot.lookup(n -> n.getId() != null && n.getId().startsWith("finding-")).queryAllAs(Labeled.class)
                .stream().map(Labeled::getText).toList();
    }

    /** Everything the window shows except what the user typed into text fields. */
    private String shownText(FxRobot robot) {
        StringBuilder text = new StringBuilder(stage.getTitle() == null ? "" : stage.getTitle());
        robot.interact(() -> collect(stage.getScene().getRoot(), text));
        return text.toString();
    }

    private static void collect(Node node, StringBuilder text) {
        if (node instanceof TextInputControl) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            text.append(labeled.getText()).append('\n');
        }
        if (node instanceof Text t && t.getText() != null) {
            text.append(t.getText()).append('\n');
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, text));
        }
    }
}
