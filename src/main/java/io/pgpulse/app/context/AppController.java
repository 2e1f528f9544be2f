package io.pgpulse.app.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import io.pgpulse.app.kit.Page;
import io.pgpulse.app.shell.MainWindow;
import io.pgpulse.app.shell.StatusViewModel;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.app.welcome.WelcomeView;
import io.pgpulse.app.welcome.WelcomeViewModel;
import io.pgpulse.core.connection.MonitorConnectException;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.core.session.UnsupportedServerException;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.DemoUnavailableException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the desktop app (the one place besides view-models allowed to use core
 * services): moves the window between the welcome screen and a session's main window. Every step that
 * touches a server, a file or the keychain runs in the background; the window only ever shows
 * progress or the result.
 */
public final class AppController implements ConnectActions {
    private static final Logger log = LoggerFactory.getLogger(AppController.class);

    private final Stage stage;
    private final AppContext context;
    private final PageFactory pages;
    private LiveSession live;
    private MainWindow main;
    private DemoEnvironment demo;

    public AppController(Stage stage, AppContext context, PageFactory pages) {
        this.stage = stage;
        this.context = context;
        this.pages = pages;
        stage.setTitle("PgPulse");
        stage.setMinWidth(1100);
        stage.setMinHeight(700);
        var icon = AppController.class.getResourceAsStream("/io/pgpulse/app/icon-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
    }

    public void launch(LaunchOptions options) {
        if (options.demo()) {
            startDemo(options.scenarios());
        } else if (options.url() != null) {
            String url = options.url();
            context.background().run(() -> ConnectionInputParser.forSystem().parse(url).target(),
                    target -> connect(target, target.displayName()),
                    e -> showError("Cannot use --url", e.getMessage()));
        } else if (options.profile() != null) {
            welcome.connectProfile(options.profile());
        }
    }

    private WelcomeViewModel welcome;
    private javafx.scene.Parent welcomeRoot;

    public void showWelcome() {
        welcome = new WelcomeViewModel(context, this);
        welcomeRoot = new WelcomeView(welcome, context).root();
        setRoot(welcomeRoot);
        stage.setTitle("PgPulse");
    }

    /** Back to the welcome screen as it was, with what was pasted there, after a failed attempt. */
    private void returnToWelcome() {
        if (welcomeRoot == null) {
            showWelcome();
        } else {
            setRoot(welcomeRoot);
            stage.setTitle("PgPulse");
        }
    }

    @Override
    public void connect(ConnectionTarget target, String label) {
        connect(target, label, () -> { }, null);
    }

    /** With {@code onFailure} null the failure is shown in an alert over the welcome screen. */
    @Override
    public void connect(ConnectionTarget target, String label, Runnable onConnected, Consumer<String> onFailure) {
        showProgress("Connecting to " + target.displayName() + " …");
        context.background().run(() -> MonitorSession.open(target, MonitorSettings.defaults()),
                session -> {
                    open(session, label);
                    onConnected.run();
                },
                e -> {
                    returnToWelcome();
                    if (onFailure != null) {
                        onFailure.accept(describe(e));
                    } else {
                        showError("Cannot connect to " + target.displayName(), describe(e));
                    }
                });
    }

    @Override
    public void startDemo() {
        startDemo(List.of());
    }

    private void startDemo(List<String> scenarios) {
        showProgress("Starting the demo database (embedded PostgreSQL) …");
        context.background().run(() -> {
            DemoEnvironment env = DemoEnvironment.start();
            for (String name : scenarios) {
                try {
                    env.workload().enable(io.pgpulse.demo.Scenario.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    log.warn("Unknown demo scenario '{}'; known: {}", name, java.util.Arrays.toString(io.pgpulse.demo.Scenario.values()));
                }
            }
            try {
                ConnectionTarget target = ConnectionInputParser.forSystem().parse(env.monitorUri()).target();
                return new DemoStart(env, MonitorSession.open(target, MonitorSettings.defaults()));
            } catch (Exception e) {
                env.close();
                throw e;
            }
        }, started -> {
            demo = started.env();
            open(started.session(), "demo");
        }, e -> {
            showWelcome();
            showError("The demo could not start", describe(e));
        });
    }

    private record DemoStart(DemoEnvironment env, MonitorSession session) {
    }

    private void open(MonitorSession session, String label) {
        live = new LiveSession(session, context.ui(), label);
        List<Page> list = new ArrayList<>(pages.pages(live, context));
        if (demo != null) {
            list.add(AppPages.demoPage(demo, context));
        }
        StatusViewModel status = new StatusViewModel(live);
        main = new MainWindow(list, status, context.themes(), this::disconnect);
        AppPages.wireHandOffs(list, main::select);
        setRoot(main.root());
        main.installShortcuts(stage.getScene(), context.themes());
        stage.setTitle("PgPulse — " + label + " (" + session.target().displayName() + ")");
        live.start();
    }

    private void disconnect() {
        LiveSession closing = live;
        DemoEnvironment closingDemo = demo;
        live = null;
        demo = null;
        if (main != null) {
            main.stop();
            main = null;
        }
        showWelcome();
        context.background().run(() -> {
            if (closing != null) {
                closing.close();
            }
            if (closingDemo != null) {
                closingDemo.close();
            }
            return null;
        }, ok -> { }, e -> log.warn("Closing the session failed", e));
    }

    public void shutdown() {
        if (main != null) {
            main.stop();
        }
        if (live != null) {
            live.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    private void showProgress(String message) {
        ProgressIndicator spinner = new ProgressIndicator();
        Label text = new Label(message);
        VBox box = new VBox(16, spinner, text);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(40));
        setRoot(box);
    }

    private void setRoot(Parent root) {
        if (stage.getScene() == null) {
            Scene scene = new Scene(root, 1400, 900);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setScene(scene);
            io.pgpulse.app.kit.StartupTimer.watch(scene);
        } else {
            stage.getScene().setRoot(root);
        }
    }

    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.show();
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof MonitorConnectException m) {
            return m.explanation();
        }
        if (t instanceof UnsupportedServerException u) {
            return u.getMessage() + "\n\n" + u.server().fix().orElse("");
        }
        if (t instanceof DemoUnavailableException) {
            return t.getMessage();
        }
        return io.pgpulse.core.connection.input.Redactor.redact(String.valueOf(t.getMessage()));
    }
}
