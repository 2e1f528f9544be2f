package io.pgpulse.core.analysis;

import java.util.List;

/** PostgreSQL's table-level lock modes, weakest first, as pg_locks.mode spells them. */
final class LockModes {
    static final String ACCESS_SHARE = "AccessShareLock";
    static final String SHARE = "ShareLock";
    static final String ACCESS_EXCLUSIVE = "AccessExclusiveLock";

    private static final List<String> WEAKEST_FIRST = List.of(
            ACCESS_SHARE, "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
            SHARE, "ShareRowExclusiveLock", "ExclusiveLock", ACCESS_EXCLUSIVE);

    private LockModes() {
    }

    /** 1 (AccessShareLock) to 8 (AccessExclusiveLock); 0 for modes outside the table (SIReadLock). */
    static int strength(String mode) {
        return mode == null ? 0 : WEAKEST_FIRST.indexOf(mode) + 1;
    }

    /**
     * Whether a relation lock in this mode conflicts with the RowExclusiveLock every INSERT, UPDATE
     * and DELETE takes: while a request for it waits in the queue, ordinary writes (and for
     * AccessExclusiveLock, reads too) queue behind it.
     */
    static boolean stallsOrdinaryQueries(String mode) {
        return strength(mode) >= strength(SHARE);
    }
}
