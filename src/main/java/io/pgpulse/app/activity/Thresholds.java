package io.pgpulse.app.activity;

import java.time.Duration;
import java.util.Objects;

/** When a running query counts as long-running and an idle transaction as left open too long. */
public record Thresholds(Duration longRunning, Duration idleInTransaction) {
    public static final Thresholds DEFAULTS = new Thresholds(Duration.ofSeconds(60), Duration.ofSeconds(30));

    public Thresholds {
        Objects.requireNonNull(longRunning);
        Objects.requireNonNull(idleInTransaction);
    }
}
