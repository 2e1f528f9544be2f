package io.pgpulse.core.profiles;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgpulse.core.CoreService;
import io.pgpulse.core.connection.input.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved profiles in {@code profiles.json} inside PgPulse's config directory.
 *
 * <p>The directory is made {@code rwx------} and the file {@code rw-------} on file systems with
 * POSIX permissions (elsewhere, such as Windows, the per-user {@code %APPDATA%} already keeps
 * other users out). The file holds no secret, but host names, user names and certificate paths
 * are still nobody else's business.
 *
 * <p>Every change rewrites the whole file atomically: the new content goes to a temporary file in
 * the same directory, created private, flushed to disk, then renamed over the old one, so a crash
 * or a full disk leaves either the old file or the new one, never half of each. A file that
 * cannot be read as profiles is never overwritten: it is renamed to
 * {@code profiles.json.bad-<timestamp>} and reported, and PgPulse carries on with no profiles.
 *
 * <p>Each operation reads the file afresh, so the CLI and the app may share it; changes are
 * serialised within one process, and across processes the last writer wins.
 */
@CoreService
public final class ProfileStore {

    public static final String FILE_NAME = "profiles.json";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    /** No colons: the suffix must be a valid file name on Windows too. */
    private static final DateTimeFormatter BAD_FILE_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Comparator<Profile> BY_NAME =
            Comparator.comparing(Profile::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Profile::name);
    private static final Comparator<Profile> MOST_RECENT_FIRST = Comparator
            .comparing(Profile::lastUsed, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(BY_NAME);

    /**
     * What {@link #load()} found.
     *
     * @param problem why some or all saved profiles are missing, worded for the user; empty when
     *                the file was read fine or does not exist yet
     */
    public record Loaded(List<Profile> profiles, Optional<String> problem) {

        public Loaded {
            profiles = List.copyOf(profiles);
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final Path directory;
    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** @param directory PgPulse's config directory; created on the first save */
    public ProfileStore(Path directory) {
        this(directory, Clock.systemUTC());
    }

    /** @param clock dates the name a corrupt file is moved to */
    public ProfileStore(Path directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        this.file = this.directory.resolve(FILE_NAME);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store in {@link ConfigDirectory#forCurrentUser()}. */
    public static ProfileStore forCurrentUser() {
        return new ProfileStore(ConfigDirectory.forCurrentUser());
    }

    public Path file() {
        return file;
    }

    /** All profiles by name, or none with the reason; never throws for a bad or unreadable file. */
    public synchronized Loaded load() {
        try {
            Contents contents = read();
            return new Loaded(sorted(contents.profiles(), BY_NAME), Optional.ofNullable(contents.problem()));
        } catch (ProfileStoreException e) {
            LOG.warn("{}", e.getMessage());
            return new Loaded(List.of(), Optional.of(e.getMessage()));
        }
    }

    /** All profiles, by name. */
    public List<Profile> list() {
        return load().profiles();
    }

    public Optional<Profile> find(String name) {
        String wanted = Profile.checkName(name);
        return list().stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    /** Up to {@code limit} profiles, most recently used first; never-used ones follow by name. */
    public List<Profile> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return list().stream().sorted(MOST_RECENT_FIRST).limit(limit).toList();
    }

    /** Adds the profile, or replaces the one with the same name. */
    public void save(Profile profile) throws ProfileStoreException {
        save(profile, null);
    }

    /**
     * Adds or replaces the profile, checking first that {@code password} — the one that came with
     * it, see {@link Profile.Draft} — appears nowhere in what would be written.
     *
     * @param password may be {@code null}
     * @throws IllegalStateException if the password would be written; nothing is written then
     */
    public synchronized void save(Profile profile, Secret password) throws ProfileStoreException {
        Objects.requireNonNull(profile, "profile");
        List<Profile> profiles = readForUpdate();
        profiles.removeIf(p -> p.name().equals(profile.name()));
        profiles.add(profile);
        write(profiles, password);
    }

    /** @return whether there was such a profile */
    public synchronized boolean delete(String name) throws ProfileStoreException {
        String wanted = Profile.checkName(name);
        List<Profile> profiles = readForUpdate();
        if (!profiles.removeIf(p -> p.name().equals(wanted))) {
            return false;
        }
        write(profiles, null);
        return true;
    }

    /**
     * Renames a profile. Its keychain entry is keyed by name too: move it with
     * {@link SecretStore#rename}.
     */
    public synchronized Profile rename(String from, String to) throws ProfileStoreException {
        String oldName = Profile.checkName(from);
        String newName = Profile.checkName(to);
        List<Profile> profiles = readForUpdate();
        Profile existing = profiles.stream().filter(p -> p.name().equals(oldName)).findFirst()
                .orElseThrow(() -> new ProfileStoreException("There is no profile named '" + oldName + "'."));
        if (!newName.equals(oldName) && profiles.stream().anyMatch(p -> p.name().equals(newName))) {
            throw new ProfileStoreException("A profile named '" + newName + "' already exists.");
        }
        Profile renamed = existing.withName(newName);
        profiles.remove(existing);
        profiles.add(renamed);
        write(profiles, null);
        return renamed;
    }

    /** Records a connection made with the profile, for {@link #recent}. */
    public synchronized Profile markUsed(String name, Instant when) throws ProfileStoreException {
        String wanted = Profile.checkName(name);
        Objects.requireNonNull(when, "when");
        List<Profile> profiles = readForUpdate();
        Profile existing = profiles.stream().filter(p -> p.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new ProfileStoreException("There is no profile named '" + wanted + "'."));
        Profile used = existing.withLastUsed(when);
        profiles.set(profiles.indexOf(existing), used);
        write(profiles, null);
        return used;
    }

    /** @param problem {@code null} when the file was read as it is */
    private record Contents(List<Profile> profiles, String problem) {
    }

    /** A bad file has been moved aside by now, so overwriting is safe; an unreadable one is not. */
    private List<Profile> readForUpdate() throws ProfileStoreException {
        return new ArrayList<>(read().profiles());
    }

    /**
     * @throws ProfileStoreException when the file exists but cannot be read, cannot be moved out of
     *                               the way, or is of a newer format — any case in which writing a
     *                               new file would destroy profiles
     */
    private Contents read() throws ProfileStoreException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), null);
        } catch (IOException e) {
            throw new ProfileStoreException("Could not read " + file + " (" + describe(e) + "); saved profiles "
                    + "are unavailable until it can be read.", e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return quarantine("is empty");
        }
        ProfileFile.Document document;
        try {
            // Syntax first, on its own: while binding, Jackson reports some syntax errors as
            // mapping errors, and "not valid JSON" is the more useful thing to tell the user.
            mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            return quarantine("is not valid JSON " + at(e));
        } catch (IOException e) {
            throw new ProfileStoreException("Could not read " + file + " (" + describe(e) + ").", e);
        }
        try {
            document = mapper.readValue(bytes, ProfileFile.Document.class);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the file's content; the location is enough.
            return quarantine("does not have the structure PgPulse expects " + at(e));
        } catch (IOException e) {
            throw new ProfileStoreException("Could not read " + file + " (" + describe(e) + ").", e);
        }
        if (document == null) {
            return quarantine("holds no profiles object");
        }
        if (document.format() == null) {
            return quarantine("has no format number");
        }
        if (document.format() > ProfileFile.FORMAT) {
            throw new ProfileStoreException(FILE_NAME + " was written by a newer version of PgPulse (format "
                    + document.format() + "); it is left untouched, and profiles cannot be changed with this "
                    + "version.");
        }
        try {
            return new Contents(ProfileFile.fromDocument(document), null);
        } catch (IllegalArgumentException e) {
            return quarantine("holds an invalid " + e.getMessage());
        }
    }

    /** Moves the bad file aside, keeping it for the user to repair, and carries on with no profiles. */
    private Contents quarantine(String what) throws ProfileStoreException {
        String stamp = BAD_FILE_SUFFIX.format(clock.instant());
        for (int attempt = 1; ; attempt++) {
            Path target = directory.resolve(FILE_NAME + ".bad-" + stamp + (attempt == 1 ? "" : "-" + attempt));
            try {
                Files.move(file, target);
                String message = FILE_NAME + " " + what + "; it was moved to " + target.getFileName()
                        + " in " + directory + ", where it can be repaired, and PgPulse continues without the "
                        + "profiles it held.";
                LOG.warn("{}", message);
                return new Contents(List.of(), message);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw new ProfileStoreException(FILE_NAME + " " + what + ", and it could not be moved aside: "
                            + "too many " + FILE_NAME + ".bad-* files in " + directory + ".", e);
                }
            } catch (IOException e) {
                throw new ProfileStoreException(FILE_NAME + " " + what + ", and it could not be moved aside ("
                        + describe(e) + "); it is left as it is and profiles cannot be changed until it is "
                        + "repaired or removed.", e);
            }
        }
    }

    private void write(List<Profile> profiles, Secret password) throws ProfileStoreException {
        JsonNode document = mapper.valueToTree(ProfileFile.toDocument(sorted(profiles, BY_NAME)));
        LeakGuard.check(document, password);
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise profiles", e);
        }
        try {
            PrivateFiles.createDirectory(directory);
        } catch (IOException e) {
            throw new ProfileStoreException("Could not create " + directory + " (" + describe(e) + ").", e);
        }
        try {
            PrivateFiles.replace(file, bytes);
            LOG.debug("Wrote {} profiles to {}", profiles.size(), file);
        } catch (IOException e) {
            throw new ProfileStoreException("Could not save profiles to " + file + " (" + describe(e) + "); "
                    + "the previous file is unchanged.", e);
        }
    }

    private static List<Profile> sorted(List<Profile> profiles, Comparator<Profile> order) {
        return profiles.stream().sorted(order).toList();
    }

    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "(position unknown)";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(IOException e) {
        return PrivateFiles.describe(e);
    }
}
