package io.pgpulse.core.capability;

import java.util.Optional;

/** A server older than the oldest supported major. */
public record UnsupportedServer(int versionNum, String version) implements ProbeResult, Advice {
    @Override
    public boolean ok() {
        return false;
    }

    @Override
    public String explanation() {
        return "PostgreSQL " + version + " is not supported: PgPulse needs PostgreSQL "
                + ServerVersions.OLDEST_SUPPORTED_MAJOR + " or newer (the oldest major still maintained by the"
                + " PostgreSQL project). Older servers lack pg_stat_statements' toplevel key,"
                + " pg_stat_statements_info and query ids, which PgPulse's figures depend on.";
    }

    @Override
    public Optional<String> fix() {
        return Optional.of("Upgrade the server to PostgreSQL " + ServerVersions.OLDEST_SUPPORTED_MAJOR
                + " or newer (pg_upgrade), or use a tool that supports " + version + ".");
    }
}
