package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_SERVICE_FILE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code pg_service.conf}: {@code [name]} sections of {@code key=value} lines, '#' comments.
 * As in libpq only the first section with the name counts, and only its lines are checked.
 * Unlike libpq, blanks around '=' are allowed.
 */
final class ServiceFile {

    private ServiceFile() {
    }

    /** The section's settings; empty when the file does not exist, cannot be read, or lacks it. */
    static Optional<List<RawSetting>> read(Path file, String service, PgEnvironment environment,
            ParseContext context) throws ConnectionInputException {
        if (!environment.exists(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = environment.readLines(file);
        } catch (IOException e) {
            context.warn("Could not read the service file " + file + " (" + e.getClass().getSimpleName()
                    + "); skipping it.");
            return Optional.empty();
        }
        List<RawSetting> settings = new ArrayList<>();
        boolean inSection = false;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (inSection) {
                    break;
                }
                inSection = line.equals("[" + service + "]");
                continue;
            }
            if (!inSection) {
                continue;
            }
            int lineNumber = index + 1;
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw context.fail(MALFORMED_SERVICE_FILE, "Line " + lineNumber + " of the service file " + file
                        + " (service '" + service + "') is not a key=value line.");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (Keyword.isSecretKey(key)) {
                context.addSecret(value);
            }
            settings.add(new RawSetting(key, value,
                    "in service '" + service + "' (" + file + " line " + lineNumber + ")"));
        }
        return inSection ? Optional.of(settings) : Optional.empty();
    }
}
