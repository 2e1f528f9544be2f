package io.pgpulse.app;

/** Starts the desktop app; a plain class so the app also runs from the class path and jpackage images. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        javafx.application.Application.launch(PgPulseApp.class, args);
    }
}
