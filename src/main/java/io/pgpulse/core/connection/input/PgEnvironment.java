package io.pgpulse.core.connection.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What libpq would look at besides the connection string: environment variables, the home
 * directory, the OS user name, and files. Files are read through their {@link Path}, so a test can
 * point {@code home} at a temporary directory (or another file system) and get real permission
 * checks.
 *
 * @param variables environment variables; blank values count as unset, as most tools treat them
 * @param home      where {@code .pgpass}, {@code .pg_service.conf} and {@code .postgresql/} live
 * @param osUser    the default user name
 * @param windows   whether to use the Windows locations under {@code %APPDATA%\postgresql} and skip
 *                  the permission check, as libpq does there
 */
public record PgEnvironment(Map<String, String> variables, Path home, String osUser, boolean windows) {

    public PgEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(osUser, "osUser");
    }

    /** A POSIX-style environment, the usual choice for tests. */
    public static PgEnvironment of(Map<String, String> variables, Path home, String osUser) {
        return new PgEnvironment(variables, home, osUser, false);
    }

    public static PgEnvironment system() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new PgEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name", "postgres"), windows);
    }

    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public Path defaultPassFile() {
        return windows ? appData().resolve("postgresql").resolve("pgpass.conf") : home.resolve(".pgpass");
    }

    public Path defaultServiceFile() {
        return windows ? appData().resolve("postgresql").resolve(".pg_service.conf") : home.resolve(".pg_service.conf");
    }

    /** Where pgjdbc looks for the CA certificate when {@code sslrootcert} is not given. */
    public Path defaultRootCert() {
        return windows ? appData().resolve("postgresql").resolve("root.crt")
                : home.resolve(".postgresql").resolve("root.crt");
    }

    public boolean exists(Path file) {
        return Files.exists(file);
    }

    public boolean isRegularFile(Path file) {
        return Files.isRegularFile(file);
    }

    /** Lines of a text file; bytes that are not UTF-8 become U+FFFD rather than failing. */
    public List<String> readLines(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return Arrays.asList(text.split("\r?\n", -1));
    }

    /** Empty when the file system has no POSIX permissions (Windows), where libpq skips the check. */
    public Optional<Set<PosixFilePermission>> posixPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return view == null ? Optional.empty() : Optional.of(view.readAttributes().permissions());
    }

    private Path appData() {
        return variable("APPDATA").flatMap(PgEnvironment::toPath).orElse(home);
    }

    private static Optional<Path> toPath(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
