package io.pgpulse.core.activity;

/** What may be sent to another backend; cancel is always offered first. */
public enum Signal {
    /** Stops the running statement; the session and its transaction (now aborted) stay. */
    CANCEL("pg_cancel_backend", "cancel", "cancelled"),
    /** Ends the session: its transaction is rolled back and the client's connection drops. */
    TERMINATE("pg_terminate_backend", "terminate", "terminated");

    private final String function;
    private final String verb;
    private final String pastTense;

    Signal(String function, String verb, String pastTense) {
        this.function = function;
        this.verb = verb;
        this.pastTense = pastTense;
    }

    /** The server function that sends it. */
    public String function() {
        return function;
    }

    public String verb() {
        return verb;
    }

    public String pastTense() {
        return pastTense;
    }
}
