package io.pgpulse.core.analysis;

import io.pgpulse.core.sampling.ConnectionLimit;

/**
 * A per-role ({@code CONNECTION LIMIT}) or per-database ({@code datconnlimit}) cap and how close it
 * is. A role at its cap gets "too many connections for role" even while the server has room.
 *
 * @param nearCap in use ≥ {@value #NEAR_CAP_PERCENT} % of the limit, or at most
 *                {@value #NEAR_CAP_FREE} free: small limits hit the wall before any percentage says so
 */
public record LimitUsage(ConnectionLimit.Kind kind, String name, int limit, int inUse, int free, boolean nearCap) {

    public static final int NEAR_CAP_PERCENT = 80;
    public static final int NEAR_CAP_FREE = 2;

    public static LimitUsage of(ConnectionLimit limit) {
        boolean near = limit.inUse() * 100L >= (long) NEAR_CAP_PERCENT * limit.limit()
                || limit.free() <= NEAR_CAP_FREE;
        return new LimitUsage(limit.kind(), limit.name(), limit.limit(), limit.inUse(), limit.free(), near);
    }

    /** "role" or "database", as the report spells it. */
    public String kindLabel() {
        return kind == ConnectionLimit.Kind.ROLE ? "role" : "database";
    }
}
