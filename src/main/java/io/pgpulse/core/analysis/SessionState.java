package io.pgpulse.core.analysis;

/**
 * pg_stat_activity.state, folded into the states that matter for the connection budget. A null
 * state (a session this role may not see) and the rare states count as {@link #OTHER}.
 */
public enum SessionState {
    ACTIVE("active"),
    IDLE("idle"),
    IDLE_IN_TRANSACTION("idle in transaction"),
    IDLE_IN_TRANSACTION_ABORTED("idle in transaction (aborted)"),
    OTHER("other");

    private final String label;

    SessionState(String label) {
        this.label = label;
    }

    /** The value as pg_stat_activity spells it ({@code other} for everything else). */
    public String label() {
        return label;
    }

    public boolean isIdleInTransaction() {
        return this == IDLE_IN_TRANSACTION || this == IDLE_IN_TRANSACTION_ABORTED;
    }

    public static SessionState of(String pgState) {
        if (pgState == null) {
            return OTHER;
        }
        for (SessionState s : values()) {
            if (s != OTHER && s.label.equals(pgState)) {
                return s;
            }
        }
        return OTHER;
    }
}
