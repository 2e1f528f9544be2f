package io.pgpulse.app;


import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.AppController;
import io.pgpulse.app.context.AppPages;
import io.pgpulse.app.context.LaunchOptions;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop app: a welcome screen, or straight to a server with --url, --profile or --demo. */
public final class PgPulseApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(PgPulseApp.class);

    private AppController controller;
    private AppContext context;

    @Override
    public void start(Stage stage) {
        LaunchOptions options;
        String optionError = null;
        try {
            options = LaunchOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            options = new LaunchOptions(false, null, null, null);
            optionError = e.getMessage();
        }
        AppTheme theme = options.theme() != null
                ? ("light".equalsIgnoreCase(options.theme()) ? AppTheme.LIGHT : AppTheme.DARK)
                : "LIGHT".equals(System.getProperty("pgpulse.savedTheme")) ? AppTheme.LIGHT : AppTheme.DARK;
        ThemeManager themes = new ThemeManager(theme);
        // Chosen once: the last choice is remembered for the next start.
        themes.themeProperty().addListener((obs, old, now) -> io.pgpulse.app.theme.ThemePreference.saveInBackground(now));
        themes.applyUserAgentStylesheet();
        context = new AppContext(new FxUiExecutor(), themes);
        controller = new AppController(stage, context, AppPages.standard());
        controller.showWelcome();
        stage.show();
        if (optionError != null) {
            controller.showError("Cannot start as asked", optionError);
        } else {
            controller.launch(options);
        }
    }

    @Override
    public void stop() {
        log.info("Shutting down");
        if (controller != null) {
            controller.shutdown();
        }
        if (context != null) {
            context.close();
        }
        Platform.exit();
    }

}
