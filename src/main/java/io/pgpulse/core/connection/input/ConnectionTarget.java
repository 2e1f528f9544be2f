package io.pgpulse.core.connection.input;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where and as whom to connect, fully resolved. It carries only what the user chose: the monitor
 * adds {@code ApplicationName}, read-only mode and every timeout itself, which is why none of them
 * can be set here.
 *
 * @param hosts          one or more servers, tried in order like libpq's multi-host lists
 * @param password       {@code null} exactly when {@code passwordSource} is {@link PasswordSource#NONE}
 * @param sslRootCert    the CA certificate; {@code null} means pgjdbc's default location
 * @param sslPassword    passphrase of the {@code sslkey}, or {@code null}
 * @param jdbcProperties extra pgjdbc properties, restricted to {@link #ALLOWED_JDBC_PROPERTIES}
 * @param serviceName    the {@code pg_service.conf} entry used, or {@code null}
 * @param connectTimeout {@code connect_timeout} as given (libpq's 2 s minimum applied), or
 *                       {@code null} when not given; the connection layer clamps it to its limits
 */
public record ConnectionTarget(
        List<HostPort> hosts,
        String database,
        String user,
        Secret password,
        PasswordSource passwordSource,
        SslMode sslMode,
        Path sslRootCert,
        Secret sslPassword,
        Map<String, String> jdbcProperties,
        String serviceName,
        Duration connectTimeout) {

    /**
     * pgjdbc properties a target may carry besides user, password and the SSL root settings. None
     * of them names a Java class, writes a file or touches the session settings the monitor
     * relies on.
     */
    public static final Set<String> ALLOWED_JDBC_PROPERTIES = Set.of(
            "sslcert", "sslkey", "gssEncMode", "targetServerType", "channelBinding", "sslNegotiation",
            "loadBalanceHosts", "requireAuth", "kerberosServerName", "gsslib");

    public ConnectionTarget {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is required");
        }
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSource, "passwordSource");
        Objects.requireNonNull(sslMode, "sslMode");
        if ((password == null) != (passwordSource == PasswordSource.NONE)) {
            throw new IllegalArgumentException("a password is required exactly when its source is not NONE");
        }
        for (Map.Entry<String, String> property : jdbcProperties.entrySet()) {
            if (!ALLOWED_JDBC_PROPERTIES.contains(property.getKey())) {
                throw new IllegalArgumentException("JDBC property '" + property.getKey() + "' is not allowed");
            }
            Objects.requireNonNull(property.getValue(), property.getKey());
        }
        jdbcProperties = Collections.unmodifiableMap(new TreeMap<>(jdbcProperties));
        if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
    }

    /** A target with defaults for everything but the address and identity. */
    public static ConnectionTarget of(HostPort host, String database, String user) {
        return new ConnectionTarget(List.of(host), database, user, null, PasswordSource.NONE, SslMode.PREFER,
                null, null, Map.of(), null, null);
    }

    /** {@code alice@db.example.com:5432/shop}; safe for titles and logs. */
    public String displayName() {
        return user + "@" + hosts.stream().map(HostPort::toString).collect(Collectors.joining(",")) + "/" + database;
    }

    public ConnectionTarget withPassword(Secret newPassword, PasswordSource source) {
        return new ConnectionTarget(hosts, database, user, newPassword, source, sslMode, sslRootCert, sslPassword,
                jdbcProperties, serviceName, connectTimeout);
    }

    /**
     * {@code jdbc:postgresql://h1:p1,h2:p2/db}. User, password and properties stay out of it: they
     * go through {@link #toDriverProperties()}, so the URL can be shown and logged.
     */
    public String jdbcUrl() {
        String authority = hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
        // pgjdbc decodes the database with URLDecoder, which would turn a literal '+' into a space.
        String encodedDatabase = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:postgresql://" + authority + "/" + encodedDatabase;
    }

    /** Properties for {@code DriverManager.getConnection(jdbcUrl(), properties)}; they hold secrets. */
    public Properties toDriverProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password.reveal());
        }
        properties.setProperty("sslmode", sslMode.libpqName());
        if (sslRootCert != null) {
            properties.setProperty("sslrootcert", sslRootCert.toString());
        }
        if (sslPassword != null) {
            properties.setProperty("sslpassword", sslPassword.reveal());
        }
        jdbcProperties.forEach(properties::setProperty);
        return properties;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ConnectionTarget[").append(displayName())
                .append(", sslmode=").append(sslMode.libpqName());
        if (sslRootCert != null) {
            text.append(", sslrootcert=").append(sslRootCert);
        }
        text.append(", password=")
                .append(password == null ? "none" : Secret.MASK + " from " + passwordSource);
        if (sslPassword != null) {
            text.append(", sslpassword=").append(Secret.MASK);
        }
        if (!jdbcProperties.isEmpty()) {
            text.append(", properties=").append(jdbcProperties);
        }
        if (serviceName != null) {
            text.append(", service=").append(serviceName);
        }
        if (connectTimeout != null) {
            text.append(", connectTimeout=").append(connectTimeout.toSeconds()).append('s');
        }
        return text.append(']').toString();
    }
}
