package io.pgpulse.core.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.HostPort;
import io.pgpulse.core.connection.input.SslMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shape of {@code profiles.json}. It is kept apart from the domain records so that the
 * file format is a deliberate choice (plain strings for durations and instants, libpq names for
 * sslmode) and so that every value read back is validated by the records' constructors.
 */
final class ProfileFile {

    /**
     * The version of the file format. A file with a higher one was written by a newer PgPulse:
     * it is neither read nor overwritten, so going back to an older version loses nothing.
     */
    static final int FORMAT = 1;

    private ProfileFile() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(Integer format, List<ProfileEntry> profiles) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProfileEntry(
            String name,
            ConnectionEntry connection,
            String refreshInterval,
            String lastUsed,
            String passwordStorage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConnectionEntry(
            List<HostEntry> hosts,
            String database,
            String user,
            String sslMode,
            String sslRootCert,
            String serviceName,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> properties,
            Long connectTimeoutSeconds) {
    }

    record HostEntry(String host, int port) {
    }

    static Document toDocument(List<Profile> profiles) {
        return new Document(FORMAT, profiles.stream().map(ProfileFile::toEntry).toList());
    }

    private static ProfileEntry toEntry(Profile profile) {
        SavedConnection c = profile.connection();
        ConnectionEntry connection = new ConnectionEntry(
                c.hosts().stream().map(h -> new HostEntry(h.host(), h.port())).toList(),
                c.database(),
                c.user(),
                c.sslMode().libpqName(),
                c.sslRootCert() == null ? null : c.sslRootCert().toString(),
                c.serviceName(),
                c.properties(),
                c.connectTimeout() == null ? null : c.connectTimeout().toSeconds());
        return new ProfileEntry(profile.name(), connection, profile.refreshInterval().toString(),
                profile.lastUsed() == null ? null : profile.lastUsed().toString(), profile.passwordStorage().name());
    }

    /**
     * The profiles of a document whose format is known to be supported.
     *
     * @throws IllegalArgumentException naming the first entry that does not make a valid profile
     */
    static List<Profile> fromDocument(Document document) {
        List<ProfileEntry> entries = document.profiles() == null ? List.of() : document.profiles();
        List<Profile> profiles = new ArrayList<>(entries.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ProfileEntry entry = entries.get(i);
            String where = "profile #" + (i + 1)
                    + (entry != null && entry.name() != null ? " ('" + entry.name() + "')" : "");
            Profile profile;
            try {
                profile = fromEntry(entry);
            } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": " + describe(e), e);
            }
            if (!names.add(profile.name())) {
                throw new IllegalArgumentException(where + ": the name is used twice");
            }
            profiles.add(profile);
        }
        return profiles;
    }

    private static Profile fromEntry(ProfileEntry entry) {
        require(entry, "the entry is null");
        ConnectionEntry c = require(entry.connection(), "connection is missing");
        List<HostEntry> hostEntries = require(c.hosts(), "connection.hosts is missing");
        List<HostPort> hosts = new ArrayList<>();
        for (HostEntry host : hostEntries) {
            require(host, "a host entry is null");
            hosts.add(new HostPort(require(host.host(), "a host name is missing"), host.port()));
        }
        SavedConnection connection = new SavedConnection(
                hosts,
                require(c.database(), "connection.database is missing"),
                require(c.user(), "connection.user is missing"),
                sslMode(require(c.sslMode(), "connection.sslMode is missing")),
                c.sslRootCert() == null ? null : Path.of(c.sslRootCert()),
                c.serviceName(),
                c.properties() == null ? Map.of() : c.properties(),
                c.connectTimeoutSeconds() == null ? null : Duration.ofSeconds(c.connectTimeoutSeconds()));
        return new Profile(
                require(entry.name(), "name is missing"),
                connection,
                Duration.parse(require(entry.refreshInterval(), "refreshInterval is missing")),
                entry.lastUsed() == null ? null : Instant.parse(entry.lastUsed()),
                PasswordStorage.valueOf(require(entry.passwordStorage(), "passwordStorage is missing")
                        .toUpperCase(Locale.ROOT)));
    }

    private static SslMode sslMode(String name) {
        try {
            return SslMode.parse(name);
        } catch (ConnectionInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static <T> T require(T value, String problem) {
        if (value == null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    private static String describe(RuntimeException e) {
        if (e instanceof DateTimeParseException parse) {
            return "'" + parse.getParsedString() + "' is not a valid duration or instant";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
