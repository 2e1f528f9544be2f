package io.pgpulse.app;

/** Starts the desktop app; a plain class so the app also runs from the class path and jpackage images. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        // Read before the toolkit starts: the FX thread never touches files.
        io.pgpulse.app.theme.AppTheme saved = io.pgpulse.app.theme.ThemePreference.load();
        if (saved != null) {
            System.setProperty("pgpulse.savedTheme", saved.name());
        }
        javafx.application.Application.launch(PgPulseApp.class, args);
    }
}
