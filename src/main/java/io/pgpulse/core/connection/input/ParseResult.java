package io.pgpulse.core.connection.input;

import java.util.List;
import java.util.Objects;

/**
 * A resolved target plus what the user should know about how it was resolved (an ignored
 * {@code .pgpass}, an ignored {@code application_name}, a missing root certificate…).
 */
public record ParseResult(ConnectionTarget target, List<String> warnings) {

    public ParseResult {
        Objects.requireNonNull(target, "target");
        warnings = List.copyOf(warnings);
    }
}
