package io.pgpulse.core.sampling;

import java.time.Instant;

/**
 * The settings that define the connection budget, and the server's clock.
 *
 * @param reservedConnections {@code reserved_connections} (16+; 0 before)
 * @param clientBackends      every client backend, the monitor's own included: they use slots too
 */
public record ServerInfo(
        int versionNum,
        int maxConnections,
        int superuserReservedConnections,
        int reservedConnections,
        Instant startedAt,
        Instant serverTime,
        int clientBackends) {

    /** Slots an ordinary role can use: {@code max_connections} minus both reserves. */
    public int usableConnections() {
        return maxConnections - superuserReservedConnections - reservedConnections;
    }
}
