package io.pgpulse.core.sampling;

/** A per-role or per-database connection limit that is set, with the sessions using it now. */
public record ConnectionLimit(Kind kind, String name, int limit, int inUse) {
    public enum Kind { ROLE, DATABASE }

    public int free() {
        return Math.max(0, limit - inUse);
    }
}
