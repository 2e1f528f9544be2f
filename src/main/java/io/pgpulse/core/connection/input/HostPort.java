package io.pgpulse.core.connection.input;

import java.util.Objects;

/** One server address; a target lists several when libpq-style multi-host failover is used. */
public record HostPort(String host, int port) {

    public static final int DEFAULT_PORT = 5432;

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** {@code host:port}, with an IPv6 address in brackets as URLs require. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
