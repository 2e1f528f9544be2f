package io.pgpulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The servers of this JVM: started lazily, one per major, stopped by zonky's shutdown hook.
 * Sharing keeps the suite fast (a start costs ~1 s once the binaries are unpacked).
 */
public final class PgServers {
    private static final Map<PgMajor, TestServer> SERVERS = new EnumMap<>(PgMajor.class);

    private PgServers() {}

    public static synchronized TestServer get(PgMajor major) {
        return SERVERS.computeIfAbsent(major, m -> {
            try {
                return TestServer.start(m);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL " + m.number(), e);
            }
        });
    }

    public static TestServer newest() {
        return get(PgMajor.NEWEST);
    }
}
