package io.pgpulse.core.connection.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** A fake home directory and environment for one test. */
final class InputFixture {

    static final String OS_USER = "osuser";

    private final Path home;
    private final Map<String, String> variables = new HashMap<>();

    InputFixture(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    InputFixture env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    PgEnvironment environment() {
        return PgEnvironment.of(variables, home, OS_USER);
    }

    ConnectionInputParser parser() {
        return new ConnectionInputParser(environment());
    }

    ParseResult parse(String input) throws ConnectionInputException {
        return parser().parse(input);
    }

    ConnectionTarget target(String input) throws ConnectionInputException {
        return parse(input).target();
    }

    /** Writes a file under the home directory with permissions such as {@code rw-------}. */
    Path file(String relativePath, String content, String permissions) throws IOException {
        Path file = home.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    Path file(String relativePath, String content) throws IOException {
        return file(relativePath, content, "rw-------");
    }
}
