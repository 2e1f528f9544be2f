package io.pgpulse.core.profiles;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where each OS expects an application's settings to live. */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    /** PgPulse's config directory for the current user. */
    public static Path forCurrentUser() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * {@code $XDG_CONFIG_HOME/pgpulse} (else {@code ~/.config/pgpulse}) on Linux and other Unixes,
     * {@code ~/Library/Application Support/PgPulse} on macOS, {@code %APPDATA%\PgPulse} on Windows.
     */
    public static Path resolve(String osName, Map<String, String> environment, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return absolute(environment.get("APPDATA"))
                    .orElse(home.resolve("AppData").resolve("Roaming"))
                    .resolve("PgPulse");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("PgPulse");
        }
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        return absolute(environment.get("XDG_CONFIG_HOME"))
                .orElse(home.resolve(".config"))
                .resolve("pgpulse");
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
