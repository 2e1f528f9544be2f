package io.pgpulse.app.connect;

import java.util.List;
import java.util.Objects;

/** Where "Test connection" stands. */
public sealed interface TestState {

    record Idle() implements TestState {
    }

    /** @param message e.g. "Connecting to alice@db:5432/shop …" */
    record Running(String message) implements TestState {
        public Running {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Connected and probed.
     *
     * @param headline  server version, role and database in one line
     * @param supported false when the server is too old for PgPulse
     * @param findings  what PgPulse can and cannot do there, in reading order
     */
    record Probed(String headline, boolean supported, List<ProbeFinding> findings) implements TestState {
        public Probed {
            Objects.requireNonNull(headline, "headline");
            findings = List.copyOf(findings);
        }

        public long needingAttention() {
            return findings.stream().filter(f -> !f.ok()).count();
        }
    }

    /** @param explanation what went wrong and what to do, redacted */
    record Failed(String title, String explanation) implements TestState {
        public Failed {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    record Cancelled() implements TestState {
    }
}
