package io.pgpulse.core.sampling;

import java.time.Instant;

/** The sampler's connection state, as the status bar and the CLI show it. */
public sealed interface SamplerStatus {
    /** Not started yet, or stopped. */
    record Stopped() implements SamplerStatus {
    }

    record Connected(Instant lastPoll) implements SamplerStatus {
    }

    record Paused(Instant since) implements SamplerStatus {
    }

    /**
     * The last poll lost the connection; the next attempt is at {@code nextAttempt}. Data shown is
     * stale since {@code staleSince}.
     */
    record Reconnecting(Instant nextAttempt, int attempt, Instant staleSince, String reason) implements SamplerStatus {
    }
}
