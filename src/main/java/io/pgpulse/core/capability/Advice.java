package io.pgpulse.core.capability;

import java.util.Optional;

/** A probe finding in plain words, with the exact SQL or configuration line that fixes it. */
public interface Advice {
    /** True when nothing needs doing. */
    boolean ok();

    /** One or two sentences: what was found and what it means for PgPulse. */
    String explanation();

    /** The SQL statement or configuration line that fixes it, if anything needs fixing. */
    Optional<String> fix();
}
