package io.pgpulse.app.welcome;

import java.util.Objects;

/**
 * A saved profile as the welcome screen lists it.
 *
 * @param address  {@code user@host:port/db}; never a secret
 * @param lastUsed e.g. "3 h ago" or "never used"
 * @param tls      the profile's sslmode, e.g. {@code verify-full}
 */
public record RecentProfile(String name, String address, String lastUsed, String tls) {
    public RecentProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(tls, "tls");
    }
}
