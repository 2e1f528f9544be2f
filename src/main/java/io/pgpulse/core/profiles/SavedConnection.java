package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.HostPort;
import io.pgpulse.core.connection.input.SslMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The part of a {@link ConnectionTarget} that may be written to disk: everything but the password
 * and the key passphrase. There is no field that could hold either, so a profile cannot carry a
 * secret by construction rather than by care.
 *
 * <p>It is taken from a resolved target, so values that came from the environment when the
 * profile was saved ({@code PGUSER}, the OS user as default database…) are frozen into it: a
 * saved profile connects to the same place tomorrow whatever the shell looks like. The password
 * is the exception — it is looked up afresh each time ({@code PGPASSWORD}, {@code .pgpass}, the
 * service file, then the keychain).
 *
 * @param sslRootCert    the CA certificate, or {@code null} for the driver's default
 * @param serviceName    the {@code pg_service.conf} entry, or {@code null}; kept so that a password
 *                       in that entry is still found
 * @param properties     extra pgjdbc properties, restricted to
 *                       {@link ConnectionTarget#ALLOWED_JDBC_PROPERTIES}
 * @param connectTimeout {@code connect_timeout}, or {@code null} when not given
 */
public record SavedConnection(
        List<HostPort> hosts,
        String database,
        String user,
        SslMode sslMode,
        Path sslRootCert,
        String serviceName,
        Map<String, String> properties,
        Duration connectTimeout) {

    public SavedConnection {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is required");
        }
        requireText(database, "database");
        requireText(user, "user");
        Objects.requireNonNull(sslMode, "sslMode");
        if (serviceName != null) {
            requireText(serviceName, "serviceName");
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (!ConnectionTarget.ALLOWED_JDBC_PROPERTIES.contains(property.getKey())) {
                throw new IllegalArgumentException("JDBC property '" + property.getKey() + "' is not allowed");
            }
            Objects.requireNonNull(property.getValue(), property.getKey());
        }
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
    }

    /** Everything of {@code target} except its password and key passphrase. */
    public static SavedConnection of(ConnectionTarget target) {
        return new SavedConnection(target.hosts(), target.database(), target.user(), target.sslMode(),
                target.sslRootCert(), target.serviceName(), target.jdbcProperties(), target.connectTimeout());
    }

    /** {@code alice@db.example.com:5432/shop}; safe for titles and logs. */
    public String displayName() {
        return user + "@" + hosts.stream().map(HostPort::toString).collect(Collectors.joining(",")) + "/" + database;
    }

    /**
     * A libpq connection string for {@code ConnectionInputParser.parse}. Going back through the
     * parser, rather than building a target directly, re-applies the property allow-list to what
     * was read from disk and lets the parser find the password the way psql would.
     */
    public String toConninfo() {
        StringBuilder text = new StringBuilder();
        append(text, "host", hosts.stream().map(HostPort::host).collect(Collectors.joining(",")));
        append(text, "port", hosts.stream().map(h -> Integer.toString(h.port())).collect(Collectors.joining(",")));
        append(text, "dbname", database);
        append(text, "user", user);
        append(text, "sslmode", sslMode.libpqName());
        if (sslRootCert != null) {
            append(text, "sslrootcert", sslRootCert.toString());
        }
        if (serviceName != null) {
            append(text, "service", serviceName);
        }
        if (connectTimeout != null) {
            append(text, "connect_timeout", Long.toString(connectTimeout.toSeconds()));
        }
        // The parser accepts pgjdbc's spelling of each allowed property as a key.
        properties.forEach((key, value) -> append(text, key, value));
        return text.toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(key).append("='");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        text.append('\'');
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }
}
