package io.pgpulse.core.connection;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.Redactor;

/** Turns what the driver throws into a {@link MonitorConnectException} a person can act on. */
public final class ConnectFailures {
    private ConnectFailures() {}

    public static MonitorConnectException classify(Throwable error, ConnectionTarget target, MonitorSettings settings) {
        String where = target.displayName();
        String state = sqlState(error);
        String serverSaid = safeMessage(error, target);
        Throwable root = rootCause(error);
        if (state != null) {
            switch (state) {
                case "28P01":
                    return new MonitorConnectException(ConnectProblem.AUTHENTICATION_FAILED,
                            "Authentication failed for " + where + ".", state);
                case "28000":
                    return new MonitorConnectException(ConnectProblem.NOT_ALLOWED,
                            "The server refused " + where + ": " + serverSaid, state);
                case "3D000":
                    return new MonitorConnectException(ConnectProblem.DATABASE_NOT_FOUND,
                            "The database does not exist on the server (" + where + ").", state);
                case "53300":
                    return new MonitorConnectException(ConnectProblem.TOO_MANY_CONNECTIONS,
                            "The server has no free connection slot for " + where + " (" + serverSaid + ").", state);
                case "57P03":
                    return new MonitorConnectException(ConnectProblem.SERVER_NOT_READY,
                            "The server is not accepting connections yet (" + serverSaid + ").", state);
                default:
                    break;
            }
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new MonitorConnectException(ConnectProblem.UNREACHABLE,
                    "Cannot reach " + hosts(target) + ": connection refused.", state);
        }
        if (root instanceof UnknownHostException) {
            return new MonitorConnectException(ConnectProblem.UNREACHABLE,
                    "Unknown host in " + hosts(target) + ": the name does not resolve.", state);
        }
        if (root instanceof SocketTimeoutException || serverSaid.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return new MonitorConnectException(ConnectProblem.TIMED_OUT,
                    "No answer from " + hosts(target) + " within " + settings.loginTimeout().toSeconds()
                            + " s (login timeout).", state);
        }
        if (serverSaid.contains("SSL") || serverSaid.contains("certificate")) {
            return new MonitorConnectException(ConnectProblem.SSL_FAILED,
                    "TLS failed for " + where + ": " + serverSaid, state);
        }
        return new MonitorConnectException(ConnectProblem.OTHER,
                "Cannot connect to " + where + ": " + serverSaid, state);
    }

    private static String hosts(ConnectionTarget target) {
        return target.hosts().stream().map(h -> h.host() + ":" + h.port())
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** The driver's own words with every secret removed: URLs redacted, the known password masked. */
    static String safeMessage(Throwable t, ConnectionTarget target) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = Redactor.redact(m);
        if (target.password() != null) {
            String secret = target.password().reveal();
            if (!secret.isEmpty()) {
                m = m.replace(secret, "********");
            }
        }
        return m;
    }
}
