package io.pgpulse.core.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.profiles.ConfigDirectory;

import io.pgpulse.core.profiles.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert thresholds the user set, in {@code alert-rules.json} inside PgPulse's config directory,
 * so that they survive a restart.
 *
 * <p>Written like the saved profiles: the directory {@code rwx------} and the file {@code rw-------}
 * where the file system has POSIX permissions, and the whole file replaced atomically (a private
 * temporary file in the same directory, flushed, then renamed over the old one), so a crash leaves
 * the old thresholds or the new ones, never half of each.
 *
 * <p>Reading never fails: a missing file means the defaults; a file that cannot be read as
 * thresholds is moved aside to {@code alert-rules.json.bad-<timestamp>} (for the user to look at)
 * and the defaults are used, with a message saying so; one alert whose saved thresholds are not
 * valid gets its defaults and the others keep theirs. A file written by a newer PgPulse is left
 * alone and not overwritten.
 */
@CoreService
public final class AlertRulesStore {
    public static final String FILE_NAME = "alert-rules.json";
    /** The file's format; a newer PgPulse that changes it writes a higher number. */
    static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(AlertRulesStore.class);
    /** No colons: the suffix must be a valid file name on Windows too. */
    private static final DateTimeFormatter BAD_FILE_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * What {@link #load()} found.
     *
     * @param problem why some or all saved thresholds are not in use, worded for the user; empty
     *                when the file was read as it is or does not exist yet
     */
    public record Loaded(AlertRules rules, Optional<String> problem) {
        public Loaded {
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final Path directory;
    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param directory PgPulse's config directory; created on the first save */
    public AlertRulesStore(Path directory) {
        this(directory, Clock.systemUTC());
    }

    /** @param clock dates the name a corrupt file is moved to */
    public AlertRulesStore(Path directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        this.file = this.directory.resolve(FILE_NAME);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store in {@link ConfigDirectory#forCurrentUser()}. */
    public static AlertRulesStore forCurrentUser() {
        return new AlertRulesStore(ConfigDirectory.forCurrentUser());
    }

    public Path file() {
        return file;
    }

    /** The saved thresholds, the defaults where there are none; never throws. */
    public synchronized Loaded load() {
        AlertRules defaults = AlertRules.defaults();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(defaults, Optional.empty());
        } catch (IOException e) {
            return problem(defaults, "The saved alert thresholds could not be read from " + file + " ("
                    + describe(e) + "); the default thresholds are used.");
        }
        JsonNode root;
        try {
            root = new String(bytes, StandardCharsets.UTF_8).isBlank() ? null : mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            return quarantine(defaults, "is not valid JSON " + at(e));
        } catch (IOException e) {
            return problem(defaults, "The saved alert thresholds could not be read from " + file + " ("
                    + describe(e) + "); the default thresholds are used.");
        }
        if (root == null || !root.isObject()) {
            return quarantine(defaults, root == null ? "is empty" : "does not hold an object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.canConvertToInt()) {
            return quarantine(defaults, "has no format number");
        }
        if (format.asInt() > FORMAT) {
            return problem(defaults, FILE_NAME + " was written by a newer version of PgPulse (format " + format.asInt()
                    + "); the default thresholds are used, and changes are not saved over it.");
        }
        JsonNode saved = root.get("rules");
        if (saved == null || !saved.isObject()) {
            return quarantine(defaults, "holds no thresholds");
        }
        AlertRules rules = defaults;
        List<String> invalid = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            JsonNode node = saved.get(kind.key());
            if (node == null) {
                // Saved before this alert existed: it starts with its defaults.
                continue;
            }
            String problem = problemWith(kind, node);
            if (problem != null) {
                invalid.add(kind.label() + " (" + problem + ")");
                continue;
            }
            rules = rules.with(new AlertRule(kind, node.get("warning").asDouble(), node.get("critical").asDouble(),
                    node.get("clear").asDouble(), sustain(node.get("sustain_seconds").asDouble())));
        }
        if (!invalid.isEmpty()) {
            return problem(rules, "The saved thresholds in " + file + " are not valid for " + String.join("; ", invalid)
                    + ": " + (invalid.size() == 1 ? "that alert uses its" : "those alerts use their")
                    + " default thresholds until new ones are applied.");
        }
        return new Loaded(rules, Optional.empty());
    }

    /** Why {@code node} is not a rule for {@code kind}; null when it is one. */
    private static String problemWith(AlertKind kind, JsonNode node) {
        if (!node.isObject()) {
            return "not an object";
        }
        for (String field : List.of("warning", "critical", "clear", "sustain_seconds")) {
            JsonNode value = node.get(field);
            if (value == null || !value.isNumber()) {
                return field + " is " + (value == null ? "missing" : "not a number");
            }
        }
        double seconds = node.get("sustain_seconds").asDouble();
        if (!(seconds >= 0 && seconds <= 3600)) {
            return "the duration must be between 0 s and 1 h";
        }
        String problem = AlertRule.problem(kind, node.get("warning").asDouble(), node.get("critical").asDouble(),
                node.get("clear").asDouble(), sustain(seconds));
        return problem == null ? null : problem.replaceAll("\\.$", "").toLowerCase(Locale.ROOT);
    }

    private static Duration sustain(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * Replaces the saved thresholds with {@code rules}.
     *
     * @throws AlertRulesStoreException when the file cannot be written (the previous one is then
     *                                  unchanged) or was written by a newer PgPulse
     */
    public synchronized void save(AlertRules rules) throws AlertRulesStoreException {
        Objects.requireNonNull(rules, "rules");
        refuseNewerFormat();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode saved = root.putObject("rules");
        for (AlertKind kind : AlertKind.values()) {
            AlertRule rule = rules.get(kind);
            ObjectNode node = saved.putObject(kind.key());
            node.put("warning", rule.warning());
            node.put("critical", rule.critical());
            node.put("clear", rule.clear());
            node.put("sustain_seconds", rule.sustain().toMillis() / 1000.0);
        }
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the alert thresholds", e);
        }
        write(bytes);
    }

    private void refuseNewerFormat() throws AlertRulesStoreException {
        try {
            JsonNode format = mapper.readTree(Files.readAllBytes(file)).get("format");
            if (format != null && format.canConvertToInt() && format.asInt() > FORMAT) {
                throw new AlertRulesStoreException(FILE_NAME + " in " + directory + " was written by a newer version"
                        + " of PgPulse; it is left as it is, so these thresholds apply to this session only.");
            }
        } catch (IOException | RuntimeException e) {
            // Missing, unreadable or not JSON: nothing a newer version would miss; it is replaced.
        }
    }

    private void write(byte[] bytes) throws AlertRulesStoreException {
        try {
            PrivateFiles.createDirectory(directory);
        } catch (IOException e) {
            throw new AlertRulesStoreException("Could not create " + directory + " (" + describe(e) + ").", e);
        }
        try {
            PrivateFiles.replace(file, bytes);
            LOG.debug("Saved the alert thresholds to {}", file);
        } catch (IOException e) {
            throw new AlertRulesStoreException("Could not save the alert thresholds to " + file + " (" + describe(e)
                    + "); the previous file is unchanged.", e);
        }
    }

    /** Moves the bad file aside for the user to repair, and carries on with the defaults. */
    private Loaded quarantine(AlertRules defaults, String what) {
        String stamp = BAD_FILE_SUFFIX.format(clock.instant());
        for (int attempt = 1; attempt <= 100; attempt++) {
            Path target = directory.resolve(FILE_NAME + ".bad-" + stamp + (attempt == 1 ? "" : "-" + attempt));
            try {
                Files.move(file, target);
                return problem(defaults, FILE_NAME + " " + what + "; it was moved to " + target.getFileName() + " in "
                        + directory + ", where it can be repaired, and the default alert thresholds are used.");
            } catch (FileAlreadyExistsException e) {
                // try the next name
            } catch (IOException e) {
                return problem(defaults, FILE_NAME + " in " + directory + " " + what + ", and it could not be moved"
                        + " aside (" + describe(e) + "); the default alert thresholds are used.");
            }
        }
        return problem(defaults, FILE_NAME + " in " + directory + " " + what + "; the default alert thresholds are used.");
    }

    private static Loaded problem(AlertRules rules, String message) {
        LOG.warn("{}", message);
        return new Loaded(rules, Optional.of(message));
    }

    private static String at(JsonProcessingException e) {
        var location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "(position unknown)";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(IOException e) {
        return PrivateFiles.describe(e);
    }
}
