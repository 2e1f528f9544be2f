package io.pgpulse.demo;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * One workload connection, used by exactly one worker thread. Other threads may only {@link #cancel()}
 * or {@link #abort()} it: pgjdbc serialises use of a connection, so a {@code close()} from a second
 * thread would wait behind a statement stuck on a lock, while a cancel request travels on its own
 * socket and an abort just drops ours.
 */
final class DemoSession implements AutoCloseable {
    private final Connection connection;
    private final int pid;
    private final String applicationName;
    private volatile boolean inFlight;
    private volatile Runnable onClose = () -> { };

    DemoSession(Connection connection, int pid, String applicationName) {
        this.connection = connection;
        this.pid = pid;
        this.applicationName = applicationName;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs statements on this session, marked as in flight so a stop can cancel them. */
    <T> T call(Work<T> work) throws SQLException {
        inFlight = true;
        try {
            return work.run(connection);
        } finally {
            inFlight = false;
        }
    }

    int pid() {
        return pid;
    }

    String applicationName() {
        return applicationName;
    }

    boolean inFlight() {
        return inFlight;
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** True when this session can no longer be used: terminated, dropped, or the server went away. */
    boolean isBroken(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    /** Undoes a failed transaction so the session can go on; a session in autocommit has nothing to undo. */
    void rollbackQuietly() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The session is broken; the caller's error handling replaces it.
        }
    }

    /** Asks the server to cancel the running statement, if any. Safe from any thread. */
    void cancel() {
        if (!inFlight) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // Best effort: a stop falls back to abort and pg_terminate_backend.
        }
    }

    /** Drops the socket without waiting for a statement in flight. Safe from any thread. */
    void abort() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a broken session has nothing left to release on our side.
        } finally {
            onClose.run();
        }
    }
}
