package io.pgpulse.core.activity;

import java.time.Instant;
import java.util.Objects;

import io.pgpulse.core.sampling.ActivityRow;

/**
 * One backend, identified the only way that survives pid reuse: its pid together with the moment
 * it started. A pid alone may name a different session by the time a person has read a dialog.
 */
public record SessionRef(int pid, Instant backendStart) {
    public SessionRef {
        Objects.requireNonNull(backendStart, "backendStart");
    }

    public static SessionRef of(ActivityRow row) {
        return new SessionRef(row.pid(), row.backendStart());
    }
}
