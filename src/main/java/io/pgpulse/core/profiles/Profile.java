package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.ParseResult;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.connection.input.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved connection: where to connect, how often to refresh, and where its password is kept —
 * but never the password itself.
 *
 * @param lastUsed when it was last connected to, or {@code null} if never
 */
public record Profile(
        String name,
        SavedConnection connection,
        Duration refreshInterval,
        Instant lastUsed,
        PasswordStorage passwordStorage) {

    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);
    /** The monitor's statement timeout must fit inside one interval, so it cannot be much shorter. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_REFRESH_INTERVAL = Duration.ofHours(1);
    public static final int MAX_NAME_LENGTH = 200;

    public Profile {
        name = checkName(name);
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0 || refreshInterval.compareTo(MAX_REFRESH_INTERVAL) > 0) {
            throw new IllegalArgumentException("refresh interval " + refreshInterval.toMillis()
                    + " ms is outside 1 s to 1 h");
        }
        Objects.requireNonNull(passwordStorage, "passwordStorage");
    }

    /**
     * A profile about to be saved, and the password that came with the input. The password must go
     * to a {@link SecretStore} (or be forgotten), never into the profile.
     *
     * @param password present only when the user typed or pasted it; one found in
     *                 {@code PGPASSWORD}, {@code .pgpass} or the service file is found there again
     *                 next time, so it is not handed out for storing
     * @param warnings what the user should know, e.g. that a key passphrase was not saved
     */
    public record Draft(Profile profile, Optional<Secret> password, List<String> warnings) {

        public Draft {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(password, "password");
            warnings = List.copyOf(warnings);
        }
    }

    /** Parses input the way the connection dialog does, with the system's environment. */
    public static Draft fromInput(String name, String input) throws ConnectionInputException {
        return fromInput(name, input, ConnectionInputParser.forSystem());
    }

    public static Draft fromInput(String name, String input, ConnectionInputParser parser)
            throws ConnectionInputException {
        return fromParsed(name, parser.parse(input));
    }

    /**
     * Splits a parsed target into a profile and its password. The storage suggested is the
     * keychain for a typed password, {@code .pgpass}/environment when that is where it was found,
     * and asking otherwise; callers override it with {@link #withPasswordStorage} when, say, no
     * keychain is available.
     */
    public static Draft fromParsed(String name, ParseResult parsed) {
        ConnectionTarget target = parsed.target();
        List<String> warnings = new ArrayList<>(parsed.warnings());
        boolean typed = target.passwordSource() == PasswordSource.INPUT
                || target.passwordSource() == PasswordSource.PROMPT;
        PasswordStorage storage = typed ? PasswordStorage.KEYCHAIN
                : target.passwordSource() == PasswordSource.NONE ? PasswordStorage.ASK_EVERY_SESSION
                : PasswordStorage.PGPASS_OR_ENV;
        if (target.sslPassword() != null) {
            warnings.add("The sslpassword (passphrase of the client key) is not saved with the profile; next "
                    + "time it must come from the service file or be given again.");
        }
        Profile profile = new Profile(name, SavedConnection.of(target), DEFAULT_REFRESH_INTERVAL, null, storage);
        return new Draft(profile, typed ? Optional.of(target.password()) : Optional.empty(), warnings);
    }

    public Profile withName(String newName) {
        return new Profile(newName, connection, refreshInterval, lastUsed, passwordStorage);
    }

    public Profile withConnection(SavedConnection newConnection) {
        return new Profile(name, newConnection, refreshInterval, lastUsed, passwordStorage);
    }

    public Profile withRefreshInterval(Duration interval) {
        return new Profile(name, connection, interval, lastUsed, passwordStorage);
    }

    public Profile withLastUsed(Instant when) {
        return new Profile(name, connection, refreshInterval, when, passwordStorage);
    }

    public Profile withPasswordStorage(PasswordStorage storage) {
        return new Profile(name, connection, refreshInterval, lastUsed, storage);
    }

    /**
     * Trims the name and rejects what would make a poor file entry or keychain key: blanks,
     * control characters and absurd lengths.
     */
    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("A profile needs a name.");
        }
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A profile name can have at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A profile name cannot contain control characters.");
        }
        return stripped;
    }
}
