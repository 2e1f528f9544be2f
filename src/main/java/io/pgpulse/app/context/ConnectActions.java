package io.pgpulse.app.context;

import java.util.function.Consumer;

import io.pgpulse.core.connection.input.ConnectionTarget;

/** What the welcome screen and the connect dialog can ask the app to do. */
public interface ConnectActions {
    /** Opens the main window on a server; {@code label} names it (profile name or host), never a secret. */
    void connect(ConnectionTarget target, String label);

    /**
     * As {@link #connect(ConnectionTarget, String)}, then says how it went: {@code onFailure} gets
     * the explanation (redacted) if the connection could not be opened, so that the caller can keep
     * what the user typed and show why. Only one of the two callbacks is called.
     */
    default void connect(ConnectionTarget target, String label, Runnable onConnected, Consumer<String> onFailure) {
        connect(target, label);
        onConnected.run();
    }

    /** Starts the embedded demo server and opens the main window on it. */
    void startDemo();
}
