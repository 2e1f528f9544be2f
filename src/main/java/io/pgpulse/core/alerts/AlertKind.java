package io.pgpulse.core.alerts;

/**
 * What an alert watches. Each kind has one number per snapshot; thresholds are in {@link #unit()}.
 */
public enum AlertKind {
    CONNECTIONS_USED("Connections in use", "% of usable",
            "Share of the usable connection slots (max_connections minus the reserves) that are taken."),
    IDLE_IN_TRANSACTION("Idle in transaction", "s",
            "How long the longest session has sat idle inside an open transaction, holding its locks."),
    LONGEST_TRANSACTION("Longest transaction", "s",
            "Age of the oldest open transaction of any client session, idle or running."),
    BLOCKED_SESSIONS("Blocked sessions", "sessions",
            "Sessions waiting for a lock that another session holds.");

    private final String label;
    private final String unit;
    private final String description;

    AlertKind(String label, String unit, String description) {
        this.label = label;
        this.unit = unit;
        this.description = description;
    }

    public String label() {
        return label;
    }

    /** The unit thresholds and values are given in: "% of usable", "s", "sessions". */
    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /** Stable snake_case name for logs and exports. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
