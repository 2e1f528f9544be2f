package io.pgpulse.core.sampling;

import io.pgpulse.core.catalog.SqlCatalog;

/**
 * A statement's normalised text as pg_stat_statements stores it.
 *
 * @param text       at most the sampler's text limit; see {@link #truncated()}
 * @param fullLength the length of the full text on the server
 */
public record QueryText(long queryId, String text, int fullLength) {

    public boolean truncated() {
        return text.length() < fullLength;
    }

    /** The monitor's own statements carry its tag inside the text; they are never reported. */
    public boolean isMonitorsOwn() {
        return text.contains(SqlCatalog.TAG);
    }
}
