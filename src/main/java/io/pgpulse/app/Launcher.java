package io.pgpulse.app;

/** Starts the desktop app; a plain class so the app also runs from the class path and jpackage images. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        // Setting up logging (logback reading its configuration, ~0.2 s) would otherwise be the first
        // thing the start waits for. It runs next to the toolkit's start instead: a class that asks
        // for a logger meanwhile gets one from SLF4J that is connected as soon as logging is ready.
        Thread logging = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "pgpulse-logging-setup");
        logging.setDaemon(true);
        logging.start();
        // Read before the toolkit starts: the FX thread never touches files.
        io.pgpulse.app.theme.AppTheme saved = io.pgpulse.app.theme.ThemePreference.load();
        if (saved != null) {
            System.setProperty("pgpulse.savedTheme", saved.name());
        }
        javafx.application.Application.launch(PgPulseApp.class, args);
    }
}
