package io.pgpulse.core.connection.input;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keys that are recognised but not used. Refused keys would hand control of the driver or of the
 * monitor's session to whoever wrote the connection string — a pasted URL must not be able to
 * load a class, write a file or turn off read-only mode. Ignored keys are harmless but overridden
 * by PgPulse, so the user is told rather than surprised. Keys are matched case-insensitively so
 * that no spelling slips past the refusal.
 */
final class PropertyRules {

    private static final Map<String, String> REFUSED = new HashMap<>();
    private static final Map<String, String> IGNORED = new HashMap<>();

    static {
        String loadsClass = "it makes the driver load a Java class named in the connection string";
        String classArgument = "it is handed to a Java class that the driver loads by name";
        refuse(loadsClass, "socketFactory", "sslfactory", "sslhostnameverifier", "sslpasswordcallback",
                "authenticationPluginClassName", "connectExecutor", "xmlFactoryFactory");
        refuse(classArgument, "socketFactoryArg", "sslfactoryarg", "connectExecutorArg");
        refuse("it changes where the driver looks for Java classes named in the connection string",
                "classLoaderStrategy");
        refuse("it makes the driver write a log file", "loggerFile");
        refuse("it turns on driver logging, which can write connection details to files", "loggerLevel");
        refuse("it writes the TLS session keys to a file, so anyone who can read it can decrypt the traffic",
                "sslkeylogfile");
        refuse("it sets server parameters at connection start (for example "
                + "'-c default_transaction_read_only=off'), which could undo the read-only session PgPulse "
                + "relies on; PgPulse sets its session options itself", "options");
        refuse("PgPulse sets its own timeouts so that a poll can never hang; use connect_timeout "
                + "(in seconds) to shorten the connection timeout", "connectTimeout", "loginTimeout",
                "socketTimeout", "cancelSignalTimeout", "sslResponseTimeout", "gssResponseTimeout");
        refuse("PgPulse always opens read-only sessions", "readOnly", "readOnlyMode");
        refuse("it opens a replication connection, which takes a WAL sender slot and cannot run the "
                + "monitoring queries", "replication");

        ignore("PgPulse always connects as application 'pgpulse' so that its own sessions can be told apart",
                "application_name", "ApplicationName", "fallback_application_name");
        ignore("PgPulse always enables TCP keepalives", "keepalives", "keepalives_idle", "keepalives_interval",
                "keepalives_count", "tcpKeepAlive");
        ignore("PgPulse sets its own network timeouts", "tcp_user_timeout");
        ignore("the JDBC driver always uses UTF8", "client_encoding");
    }

    private PropertyRules() {
    }

    /** Why the key is refused, or {@code null} if it is not. */
    static String refusal(String key) {
        return REFUSED.get(key.toLowerCase(Locale.ROOT));
    }

    /** Why the key is ignored, or {@code null} if it is not. */
    static String ignoredBecause(String key) {
        return IGNORED.get(key.toLowerCase(Locale.ROOT));
    }

    private static void refuse(String reason, String... keys) {
        for (String key : keys) {
            REFUSED.put(key.toLowerCase(Locale.ROOT), reason);
        }
    }

    private static void ignore(String reason, String... keys) {
        for (String key : keys) {
            IGNORED.put(key.toLowerCase(Locale.ROOT), reason);
        }
    }
}
