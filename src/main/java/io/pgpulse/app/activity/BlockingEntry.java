package io.pgpulse.app.activity;

import java.time.Duration;
import java.util.List;

/**
 * One line of the blocking tree: a root blocker, a waiter, or a "more" line standing for waiters
 * not shown. Built from the core's {@code BlockingNode}, worded for the table.
 *
 * @param session  "pid 4242 · shop-worker · alice"
 * @param state    "idle in transaction for 12 min", "active for 3 s", "waiting"
 * @param lock     "holds AccessShareLock", "wants AccessExclusiveLock"
 * @param relation schema-qualified, or what the lock is on when it is not a table
 * @param waited   how long this session has waited for its lock; null for a root
 * @param queued   sessions behind this one at any depth
 */
public record BlockingEntry(
        Kind kind,
        int pid,
        String session,
        String state,
        String lock,
        String relation,
        Duration waited,
        int queued,
        String query,
        boolean inCycle,
        List<BlockingEntry> children) {

    public enum Kind { ROOT, WAITER, MORE }

    public BlockingEntry {
        children = List.copyOf(children);
    }
}
