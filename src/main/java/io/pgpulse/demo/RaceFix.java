package io.pgpulse.demo;

/** How {@link Scenario#BALANCE_RACE} guards its read-then-write of a balance. */
public enum RaceFix {
    /** The bug: plain read, then write, at READ COMMITTED; concurrent deductions overwrite each other. */
    NONE("READ COMMITTED, no lock (loses updates)"),
    /** The row is locked when read, so a second payment waits for the first to commit. */
    SELECT_FOR_UPDATE("SELECT … FOR UPDATE"),
    /** The server detects the conflict; the losing transaction fails with 40001 and is retried. */
    SERIALIZABLE("SERIALIZABLE with retry");

    private final String displayName;

    RaceFix(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
