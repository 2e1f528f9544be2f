package io.pgpulse.core.session;

import io.pgpulse.core.capability.UnsupportedServer;

/** The server answered but is older than PgPulse supports; the message says why and what to do. */
public final class UnsupportedServerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient UnsupportedServer server;

    public UnsupportedServerException(UnsupportedServer server) {
        super(server.explanation());
        this.server = server;
    }

    public UnsupportedServer server() {
        return server;
    }
}
