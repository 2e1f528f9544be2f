package io.pgpulse.app.connect;

import java.util.Objects;
import java.util.Optional;

/**
 * One capability-probe finding as the dialog shows it.
 *
 * @param fix the SQL or configuration line that fixes it, when something needs fixing
 */
public record ProbeFinding(boolean ok, String explanation, Optional<String> fix) {
    public ProbeFinding {
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(fix, "fix");
    }
}
