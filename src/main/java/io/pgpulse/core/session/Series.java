package io.pgpulse.core.session;

/** Names of the time series the recorder keeps; the overview charts read them. */
public final class Series {
    public static final String ACTIVE = "connections.active";
    public static final String IDLE = "connections.idle";
    public static final String IDLE_IN_TRANSACTION = "connections.idle_in_transaction";
    public static final String IDLE_IN_TRANSACTION_ABORTED = "connections.idle_in_transaction_aborted";
    public static final String OTHER = "connections.other";
    public static final String CLIENT_BACKENDS = "connections.client_backends";
    public static final String USABLE_LIMIT = "connections.usable_limit";
    public static final String MAX_CONNECTIONS = "connections.max";
    public static final String NEW_SESSIONS_PER_SECOND = "connections.new_per_second";
    public static final String COMMITS_PER_SECOND = "transactions.commits_per_second";
    public static final String ROLLBACKS_PER_SECOND = "transactions.rollbacks_per_second";
    public static final String DEADLOCKS = "transactions.deadlocks";
    public static final String BLOCKED_SESSIONS = "locks.blocked_sessions";
    public static final String POLL_MILLIS = "monitor.poll_millis";

    private Series() {}
}
