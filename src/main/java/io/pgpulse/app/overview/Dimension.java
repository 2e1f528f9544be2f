package io.pgpulse.app.overview;

import io.pgpulse.core.analysis.ConnectionBudget;
import io.pgpulse.core.analysis.ConnectionGroup;

import java.util.List;

/** The ways the overview breaks connections down, each a tab of its own. */
public enum Dimension {
    APPLICATION("Application", "(no application_name)"),
    USER("User", "(not visible to the monitor)"),
    DATABASE("Database", "(none)"),
    CLIENT("Client address", "local (Unix socket)");

    private final String label;
    private final String missing;

    Dimension(String label, String missing) {
        this.label = label;
        this.missing = missing;
    }

    public String label() {
        return label;
    }

    /** How a group without a value (empty application_name, Unix-socket client) is shown. */
    public String display(String name) {
        return name == null || name.isEmpty() ? missing : name;
    }

    List<ConnectionGroup> groups(ConnectionBudget budget) {
        return switch (this) {
            case APPLICATION -> budget.byApplication();
            case USER -> budget.byUser();
            case DATABASE -> budget.byDatabase();
            case CLIENT -> budget.byClientAddress();
        };
    }
}
