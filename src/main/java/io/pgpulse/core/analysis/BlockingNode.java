package io.pgpulse.core.analysis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One session in a blocking tree.
 *
 * @param listed         false when the pid is not in the activity rows (another database's session
 *                       hidden by the row limit, or pid 0, which pg_blocking_pids reports for a
 *                       prepared transaction); its session fields are then null
 * @param lockType       pg_locks.locktype of {@code lockMode}
 * @param lockMode       for a waiting session the mode it waits for; for a root, the strongest mode
 *                       it holds on an object its waiters want; null when no lock row says
 * @param lockGranted    false: {@code lockMode} is wanted; true: it is held
 * @param relation       schema-qualified relation of that lock; for row-lock waits (transactionid)
 *                       the relation of a tuple lock the session holds; null when unknown or in
 *                       another database
 * @param blockedBy      every pid this session waits for (pg_blocking_pids), including sessions
 *                       queued ahead of it for a conflicting lock
 * @param waiting        how long it has waited for its lock; null when it is not waiting
 * @param stateAge       time since pg_stat_activity.state_change
 * @param transactionAge time since xact_start; null without an open transaction
 * @param inCycle        part of a wait cycle (a deadlock the server has not broken yet)
 * @param children       sessions shown beneath this one, biggest impact first
 * @param totalWaiters   all sessions shown beneath this one, at any depth
 */
public record BlockingNode(
        int pid,
        boolean listed,
        String state,
        String backendType,
        String waitEventType,
        String waitEvent,
        String application,
        String user,
        String database,
        String query,
        String lockType,
        String lockMode,
        boolean lockGranted,
        String relation,
        Long relationOid,
        List<Integer> blockedBy,
        Duration waiting,
        Duration stateAge,
        Duration transactionAge,
        boolean inCycle,
        List<BlockingNode> children,
        int totalWaiters) {

    /** Most sessions held up first, then the longest wait, then pid, so the worst is on top. */
    public static final Comparator<BlockingNode> MOST_IMPACT_FIRST =
            Comparator.comparingInt(BlockingNode::totalWaiters).reversed()
                    .thenComparing(BlockingNode::longestWait, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparingInt(BlockingNode::pid);

    public BlockingNode {
        blockedBy = List.copyOf(blockedBy);
        children = List.copyOf(children);
    }

    public boolean isWaiting() {
        return !blockedBy.isEmpty();
    }

    /** This node and everything beneath it, depth first, parents before children. */
    public Stream<BlockingNode> walk() {
        // Iterative: nested flatMap streams would recurse once per level of a long wait chain.
        List<BlockingNode> out = new ArrayList<>(totalWaiters + 1);
        Deque<BlockingNode> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            BlockingNode n = todo.pop();
            out.add(n);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                todo.push(n.children.get(i));
            }
        }
        return out.stream();
    }

    /** The longest lock wait in this subtree, this node included; null when nobody here waits. */
    public Duration longestWait() {
        return walk().map(BlockingNode::waiting).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
