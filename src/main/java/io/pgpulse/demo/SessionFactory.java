package io.pgpulse.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

import org.postgresql.PGConnection;

/**
 * Opens sessions as the shop's application role. The role's password exists only here, in memory,
 * and goes to the driver as a property, never into a URL that could end up in a message.
 */
final class SessionFactory {
    private final String jdbcUrl;
    private final String user;
    private final String password;

    SessionFactory(String jdbcUrl, String user, String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl);
        this.user = Objects.requireNonNull(user);
        this.password = Objects.requireNonNull(password);
    }

    Connection connect(SessionSpec spec) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", spec.applicationName());
        p.setProperty("options", spec.options());
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "5");
        p.setProperty("socketTimeout", Integer.toString(spec.socketTimeoutSeconds()));
        p.setProperty("cancelSignalTimeout", "2");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    DemoSession open(SessionSpec spec) throws SQLException {
        Connection c = connect(spec);
        return new DemoSession(c, c.unwrap(PGConnection.class).getBackendPID(), spec.applicationName());
    }

    @Override
    public String toString() {
        return "SessionFactory[" + jdbcUrl + " as " + user + "]";
    }
}
