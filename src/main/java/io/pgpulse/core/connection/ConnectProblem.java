package io.pgpulse.core.connection;

/** Why a connection attempt failed, each with what the user can do about it. */
public enum ConnectProblem {
    AUTHENTICATION_FAILED("Check the password (PGPASSWORD, ~/.pgpass or the saved profile) and the user name."),
    NOT_ALLOWED("Ask the administrator to add an entry for this user, database and address to pg_hba.conf, or check that the role exists and may log in."),
    DATABASE_NOT_FOUND("Check the database name; `psql -l` lists the databases."),
    TOO_MANY_CONNECTIONS("All connection slots are taken: end idle sessions or raise max_connections; a monitoring role with CONNECTION LIMIT and pg_use_reserved_connections (16+) avoids this."),
    UNREACHABLE("Check the host and port, that the server is running, and that listen_addresses and any firewall let this machine in."),
    TIMED_OUT("The server (or something in front of it) accepted the connection but did not answer: check for an overloaded server, a wrong port behind a proxy, or a firewall that drops packets."),
    SSL_FAILED("Check sslmode and the root certificate; with verify-full the host name must match the server's certificate."),
    SERVER_NOT_READY("The server is starting up, shutting down or in recovery; PgPulse retries on its own."),
    OTHER("See the server's message above.");

    private final String advice;

    ConnectProblem(String advice) {
        this.advice = advice;
    }

    public String advice() {
        return advice;
    }
}
