package io.pgpulse.app.context;

import io.pgpulse.core.connection.input.ConnectionTarget;

/** What the welcome screen and the connect dialog can ask the app to do. */
public interface ConnectActions {
    /** Opens the main window on a server; {@code label} names it (profile name or host), never a secret. */
    void connect(ConnectionTarget target, String label);

    /** Starts the embedded demo server and opens the main window on it. */
    void startDemo();
}
