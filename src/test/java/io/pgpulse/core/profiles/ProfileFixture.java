package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.HostPort;
import io.pgpulse.core.connection.input.PgEnvironment;
import io.pgpulse.core.connection.input.SslMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake home with its own environment, and ready-made profiles. */
final class ProfileFixture {

    static final String OS_USER = "osuser";

    private final Path home;
    private final Map<String, String> variables = new HashMap<>();

    ProfileFixture(Path home) {
        this.home = home;
    }

    ProfileFixture env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    ConnectionInputParser parser() {
        return new ConnectionInputParser(PgEnvironment.of(variables, home, OS_USER));
    }

    /** A {@code .pgpass} readable by its owner only, which is the only kind libpq honours. */
    void pgpass(String lines) throws IOException {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    static Profile profile(String name) {
        return profile(name, null);
    }

    static Profile profile(String name, Instant lastUsed) {
        SavedConnection connection = new SavedConnection(List.of(new HostPort("db.example.com", 5432)), "shop",
                "alice", SslMode.VERIFY_FULL, null, null, Map.of(), null);
        return new Profile(name, connection, Duration.ofSeconds(5), lastUsed, PasswordStorage.KEYCHAIN);
    }
}
