package io.pgpulse.app.activity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import javafx.application.Application;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.shell.MainWindow;
import io.pgpulse.app.shell.StatusViewModel;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.Scenario;

/**
 * Opens the activity page alone on the demo server, to look at it before it is in the navigation.
 * Arguments: {@code light} for the light theme, {@code stall} to switch on the migration stall,
 * {@code select} to select the root blocker (or the first session) after a few refreshes,
 * {@code dialog} to open the terminate confirmation for it, {@code resolve} to terminate the stall's blocker as its button
 * would once confirmed, {@code monitor} to watch as a pg_monitor-only role.
 * Run from the test class path (see docs/activity.md).
 */
public final class ActivityPreview {
    private ActivityPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Separate from the launcher: a main class that extends Application makes java demand JavaFX modules. */
    public static final class App extends Application {
        private DemoEnvironment demo;
        private LiveSession live;
        private AppContext context;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            ThemeManager themes = new ThemeManager(args.contains("light") ? AppTheme.LIGHT : AppTheme.DARK);
            themes.applyUserAgentStylesheet();
            context = new AppContext(new FxUiExecutor(), themes);
            demo = DemoEnvironment.start();
            if (args.contains("stall")) {
                demo.workload().enable(Scenario.MIGRATION_STALL);
            }
            String uri = demo.monitorUri();
            if (args.contains("monitor")) {
                try (Connection c = DriverManager.getConnection(demo.monitorJdbcUrl(), demo.monitorUser(), "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE preview_monitor LOGIN PASSWORD 'preview' IN ROLE pg_monitor");
                }
                uri = "postgresql://preview_monitor:preview@localhost:" + demo.port() + "/" + DemoEnvironment.DATABASE;
            }
            MonitorSession session = MonitorSession.open(
                    ConnectionInputParser.forSystem().parse(uri).target(), MonitorSettings.defaults());
            live = new LiveSession(session, context.ui(), "demo");
            ActivityPage page = new ActivityPage(live, context);
            // The real shell around the page, at the app's default window size.
            MainWindow main = new MainWindow(List.of(page), new StatusViewModel(live), themes, Platform::exit);
            Scene scene = new Scene(main.root(), 1400, 900);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setTitle("PgPulse — " + page.title());
            stage.setScene(scene);
            stage.show();
            live.start();
            if (args.contains("resolve")) {
                PauseTransition later = new PauseTransition(Duration.seconds(20));
                later.setOnFinished(e -> {
                    var stall = page.viewModel().stallProperty().get();
                    if (stall != null) {
                        page.viewModel().execute(page.viewModel().planFor(Signal.TERMINATE, stall.blockerPid()));
                    }
                });
                later.play();
            }
            if (args.contains("select") || args.contains("dialog")) {
                PauseTransition later = new PauseTransition(Duration.seconds(20));
                later.setOnFinished(e -> {
                    var table = page.sessionsView().table();
                    var blocker = table.getItems().stream().filter(i -> i.view().blocker()).findFirst();
                    if (blocker.isPresent()) {
                        table.getSelectionModel().select(blocker.get());
                    } else {
                        table.getSelectionModel().select(0);
                    }
                    if (args.contains("dialog")) {
                        page.confirm(page.viewModel().plan(Signal.TERMINATE));
                    }
                });
                later.play();
            }
        }

        @Override
        public void stop() {
            if (live != null) {
                live.close();
            }
            if (demo != null) {
                demo.close();
            }
            if (context != null) {
                context.close();
            }
            Platform.exit();
        }
    }
}
