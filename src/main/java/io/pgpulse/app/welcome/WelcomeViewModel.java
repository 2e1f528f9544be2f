package io.pgpulse.app.welcome;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.ConnectActions;

/** Placeholder: the welcome screen's state (recent profiles, new connection, demo). */
public final class WelcomeViewModel {
    private final ConnectActions actions;

    public WelcomeViewModel(AppContext context, ConnectActions actions) {
        this.actions = actions;
    }

    public void startDemo() {
        actions.startDemo();
    }

    /** Connects with a saved profile, asking for its password if needed. */
    public void connectProfile(String name) {
    }
}
