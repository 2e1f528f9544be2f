package io.pgpulse.core.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL server (zonky binaries) for the demo and the tests: pg_stat_statements
 * preloaded, query ids computed, password authentication for every role but the bootstrap superuser.
 *
 * <p>The binaries are unpacked once into a cache outside the build directory; the data directory
 * is temporary and removed on {@link #close()}. {@link #restart()} keeps data and port, so fault
 * tests can observe a real server restart.
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    /** The bootstrap superuser, reachable without a password from loopback only. */
    public static final String SUPERUSER = "postgres";

    private final Builder config;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;
    private int port;

    private EmbeddedServer(Builder config, Path dataDirectory) {
        this.config = config;
        this.dataDirectory = dataDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where unpacked binaries are cached unless a caller says otherwise. */
    public static Path defaultCacheDirectory() {
        String override = System.getProperty("pgpulse.pgCache");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pgpulse", "embedded-pg");
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL for the bootstrap superuser on a database (no password needed from loopback). */
    public String superuserJdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    public Connection superuserConnection(String database) throws SQLException {
        return java.sql.DriverManager.getConnection(superuserJdbcUrl(database));
    }

    /** Runs statements as the superuser in the {@code postgres} database, each in autocommit. */
    public void execute(String... statements) {
        try (Connection c = superuserConnection("postgres"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Setup statement failed on the embedded server: " + e.getMessage(), e);
        }
    }

    /** Stops the server and starts it again on the same data directory and port: a real restart. */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    /** Stops the server but keeps its data, so {@link #start()} can bring it back. */
    public synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** Starts a stopped server again on the same data directory and port. */
    public synchronized EmbeddedServer start() throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(config.cacheDirectory.toFile())
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
        if (config.binaries != null) {
            b.setPgBinaryResolver(config.binaries);
        }
        if (port != 0) {
            b.setPort(port);
        } else if (config.port != 0) {
            b.setPort(config.port);
        }
        config.serverConfig.forEach(b::setServerConfig);
        postgres = b.start();
        port = postgres.getPort();
        log.info("Embedded PostgreSQL started on port {} (data in {})", port, dataDirectory);
        return this;
    }

    private static void writeHba(Path dataDir) {
        // Loopback only. The bootstrap superuser is trusted so fixtures and the demo need no secret;
        // every other role must present a password, so authentication failures are real.
        String hba = String.join("\n",
                "local all " + SUPERUSER + " trust",
                "host all " + SUPERUSER + " 127.0.0.1/32 trust",
                "host all " + SUPERUSER + " ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256",
                "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (IOException e) {
            log.warn("Could not stop the embedded server cleanly", e);
        }
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("Could not delete {}", p, e);
                }
            });
        } catch (IOException e) {
            log.warn("Could not remove {}", dir, e);
        }
    }

    public static final class Builder {
        private PgBinaryResolver binaries;
        private Path cacheDirectory = defaultCacheDirectory();
        private int port;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {
            serverConfig.put("shared_preload_libraries", "pg_stat_statements");
            serverConfig.put("compute_query_id", "on");
            serverConfig.put("pg_stat_statements.track", "top");
            serverConfig.put("pg_stat_statements.max", "10000");
            serverConfig.put("track_io_timing", "on");
            serverConfig.put("password_encryption", "scram-sha-256");
            serverConfig.put("listen_addresses", "localhost");
            serverConfig.put("max_connections", "120");
            serverConfig.put("fsync", "off");
            serverConfig.put("synchronous_commit", "off");
            serverConfig.put("full_page_writes", "off");
        }

        /** Where to find the binaries; by default zonky's resolver reads them from the class path. */
        public Builder binaries(PgBinaryResolver resolver) {
            this.binaries = resolver;
            return this;
        }

        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = Objects.requireNonNull(dir);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder serverConfig(String key, String value) {
            serverConfig.put(key, value);
            return this;
        }

        public EmbeddedServer start() throws IOException {
            Files.createDirectories(cacheDirectory);
            Path data = Files.createTempDirectory("pgpulse-pg-");
            EmbeddedServer server = new EmbeddedServer(this, data);
            try {
                return server.start();
            } catch (IOException | RuntimeException | Error e) {
                // zonky reports a failed unpack as ExceptionInInitializerError; clean up either way.
                server.close();
                throw e;
            }
        }
    }
}
