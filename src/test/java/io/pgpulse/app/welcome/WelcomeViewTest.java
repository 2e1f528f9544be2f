package io.pgpulse.app.welcome;

import static io.pgpulse.app.welcome.WelcomeFixture.CANARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.testing.LogCapture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The welcome screen, headless, with profiles from a temporary config directory. */
@ExtendWith(ApplicationExtension.class)
class WelcomeViewTest {
    @TempDir
    Path directory;

    private Stage stage;
    private AppContext context;
    private WelcomeFixture fixture;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void setUp() {
        fixture = new WelcomeFixture(directory);
        context = new AppContext(new FxUiExecutor(), new ThemeManager(AppTheme.DARK));
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    @Test
    void listsRecentProfilesFromTheStore(FxRobot robot) throws Exception {
        fixture.threeProfiles();
        show(robot);

        await().atMost(5, TimeUnit.SECONDS).until(() -> list(robot).getItems().size() == 3);
        ListCell<?> first = robot.lookup("#profile-shop-staging").queryAs(ListCell.class);
        assertThat(texts(first)).contains("shop-staging", "monitor@db-staging.internal:5432/shop", "3 h ago",
                "TLS verify-full");
        assertThat(texts(robot.lookup("#profile-analytics").query())).contains("never used");
    }

    @Test
    void emptyStoreExplainsHowToSaveAProfile(FxRobot robot) {
        show(robot);

        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#recent-empty").tryQuery()
                .map(Node::isVisible).orElse(false));
        assertThat(texts(robot.lookup("#recent-empty").query())).contains("No saved connections yet");
    }

    @Test
    void doubleClickAsksForThePasswordAndConnects(FxRobot robot) throws Exception {
        fixture.threeProfiles();
        show(robot);
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#profile-shop-staging").tryQuery().isPresent());

        try (LogCapture logs = new LogCapture()) {
            robot.doubleClickOn("#profile-shop-staging");

            await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#prompt-password").tryQuery().isPresent());
            assertThat(robot.lookup("#prompt-remember").tryQuery()).isEmpty();
            assertThat(robot.lookup("#prompt-message").queryAs(Labeled.class).getText())
                    .contains("asks for its password every session");
            robot.clickOn("#prompt-password").write(CANARY);
            robot.clickOn("#prompt-connect");

            await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
            WelcomeFixture.Connect connect = fixture.actions.connects.get(0);
            assertThat(connect.label()).isEqualTo("shop-staging");
            assertThat(connect.target().passwordSource()).isEqualTo(PasswordSource.PROMPT);
            assertThat(connect.target().password().reveal()).isEqualTo(CANARY);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    @Test
    void connectButtonNeedsASelection(FxRobot robot) throws Exception {
        fixture.environment(Map.of("PGPASSWORD", "from-env")).threeProfiles();
        show(robot);
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#profile-orders").tryQuery().isPresent());
        assertThat(robot.lookup("#connect-profile").queryButton().isDisabled()).isTrue();

        robot.clickOn("#profile-orders");
        robot.clickOn("#connect-profile");

        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
        assertThat(fixture.actions.connects.get(0).label()).isEqualTo("orders");
        assertThat(fixture.actions.connects.get(0).target().passwordSource()).isEqualTo(PasswordSource.ENVIRONMENT);
    }

    @Test
    void badPasteShowsWhyInlineAndNeverThePassword(FxRobot robot) {
        show(robot);

        robot.clickOn("#paste-box").write("postgresql://monitor:" + CANARY + "@db.example.com/shop?socketFactory=x.Y")
                .type(KeyCode.ENTER);

        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#paste-error").queryAs(Labeled.class)
                .getText() != null);
        assertThat(robot.lookup("#paste-error").queryAs(Labeled.class).getText()).contains("socketFactory")
                .doesNotContain(CANARY);
        assertThat(fixture.actions.connects).isEmpty();
    }

    @Test
    void theDemoIsOneClickAway(FxRobot robot) {
        show(robot);

        robot.clickOn("#start-demo");

        assertThat(fixture.actions.demos).hasValue(1);
    }

    @Test
    void newConnectionOpensTheConnectDialog(FxRobot robot) {
        show(robot);

        robot.clickOn("#new-connection");

        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#connect-dialog").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#close").queryButton().fire());
        await().atMost(5, TimeUnit.SECONDS).until(() -> robot.lookup("#connect-dialog").tryQuery().isEmpty());
    }

    private void show(FxRobot robot) {
        robot.interact(() -> {
            context.themes().applyUserAgentStylesheet();
            WelcomeViewModel vm = fixture.viewModel(context.background());
            Scene scene = new Scene(new WelcomeView(vm, context).root(), 1200, 760);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setScene(scene);
            stage.show();
        });
    }

    @SuppressWarnings("unchecked")
    private static ListView<RecentProfile> list(FxRobot robot) {
        return robot.lookup("#recent-profiles").queryAs(ListView.class);
    }

    private static String texts(Node node) {
        StringBuilder text = new StringBuilder();
        collect(node, text);
        return text.toString();
    }

    private static void collect(Node node, StringBuilder text) {
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            text.append(labeled.getText()).append('\n');
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, text));
        }
    }
}
