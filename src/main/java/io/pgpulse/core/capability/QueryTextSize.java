package io.pgpulse.core.capability;

import java.util.Optional;

/** track_activity_query_size: how much of a running query pg_stat_activity keeps. */
public record QueryTextSize(int bytes) implements Advice {
    /** Below this, ORM-generated queries are routinely cut in the sessions view. */
    public static final int RECOMMENDED_BYTES = 4096;

    @Override
    public boolean ok() {
        return bytes >= RECOMMENDED_BYTES;
    }

    @Override
    public String explanation() {
        return ok() ? "Running queries are kept up to " + bytes + " bytes."
                : "Running queries are cut after " + bytes + " bytes (track_activity_query_size), so long ORM"
                        + " queries appear truncated in the sessions view.";
    }

    @Override
    public Optional<String> fix() {
        return ok() ? Optional.empty()
                : Optional.of("track_activity_query_size = " + RECOMMENDED_BYTES + "  -- in postgresql.conf, then restart the server");
    }
}
