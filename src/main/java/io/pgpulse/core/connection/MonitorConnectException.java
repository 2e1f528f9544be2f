package io.pgpulse.core.connection;

/**
 * A failed connection attempt, classified. The message is written for a person and has been
 * redacted: it never contains a password, whatever the driver said.
 */
public final class MonitorConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ConnectProblem problem;
    private final transient String sqlState;

    public MonitorConnectException(ConnectProblem problem, String message, String sqlState) {
        super(message);
        this.problem = problem;
        this.sqlState = sqlState;
    }

    public ConnectProblem problem() {
        return problem;
    }

    /** The server's SQLSTATE when there was one, else null. */
    public String sqlState() {
        return sqlState;
    }

    /** The message and what to do, in one paragraph for a dialog or the CLI. */
    public String explanation() {
        return getMessage() + " " + problem.advice();
    }
}
