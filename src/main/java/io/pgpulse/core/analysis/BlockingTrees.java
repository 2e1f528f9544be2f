package io.pgpulse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.LockRow;
import io.pgpulse.core.sampling.Snapshot;

/**
 * Who blocks whom, as a forest: each root is a session that holds others up without waiting
 * itself, and beneath it everyone waiting for it, directly or through a chain.
 *
 * <p><b>A session waiting for several pids.</b> pg_blocking_pids() names both the holders of a
 * conflicting lock and the sessions queued ahead for one, so N sessions queued for the same
 * self-conflicting lock (a hot row, two migrations) produce about N²/2 edges. Showing a waiter
 * under each of its blockers would repeat whole subtrees, exponentially often in such a queue.
 * So within one tree each waiter appears <i>once</i>, under the blocker nearest the root
 * (breadth-first, lower pid first), and {@link BlockingNode#blockedBy()} keeps the full list.
 * Across trees a waiter appears in every tree whose root it waits for, directly or not, so the
 * waiter counts of different trees may overlap; {@link #waitingSessions(List)} counts distinct pids.
 *
 * <p><b>Cycles.</b> A wait cycle is a deadlock the server has not broken yet (it checks after
 * {@code deadlock_timeout}). Its members have no non-waiting root, so the lowest pid of the
 * cycle becomes the root, the tree is marked {@link BlockingTree#deadlock()}, and each member is
 * marked {@link BlockingNode#inCycle()}.
 */
public final class BlockingTrees {
    private BlockingTrees() {
    }

    public static List<BlockingTree> of(Snapshot snapshot) {
        return of(snapshot.activity(), snapshot.locks(), snapshot.takenAt());
    }

    /**
     * @param activity every backend, not only client ones: autovacuum and other background work
     *                 can hold the lock a migration waits for
     * @param now      the server's clock at the time the rows were read
     */
    public static List<BlockingTree> of(List<ActivityRow> activity, List<LockRow> locks, Instant now) {
        Graph graph = Graph.of(activity);
        if (graph.waitersOf.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<LockRow>> locksByPid = new HashMap<>();
        for (LockRow lock : locks) {
            locksByPid.computeIfAbsent(lock.pid(), k -> new ArrayList<>()).add(lock);
        }
        Set<Integer> inCycle = new HashSet<>();
        List<Integer> roots = new ArrayList<>();
        for (int pid : graph.nodes()) {
            if (graph.blockersOf(pid).isEmpty()) {
                roots.add(pid);
            }
        }
        for (Set<Integer> cycle : graph.cycles()) {
            inCycle.addAll(cycle);
            if (graph.isSource(cycle)) {
                roots.add(cycle.iterator().next());
            }
        }
        Builder builder = new Builder(graph, graph.rows, locksByPid, inCycle, now);
        List<BlockingTree> trees = new ArrayList<>(roots.size());
        for (int root : roots) {
            BlockingNode node = builder.tree(root);
            trees.add(new BlockingTree(node, node.walk().anyMatch(BlockingNode::inCycle)));
        }
        trees.sort(BlockingTree.MOST_IMPACT_FIRST);
        return List.copyOf(trees);
    }

    /** Distinct sessions waiting for a lock in any of {@code trees}. */
    public static int waitingSessions(List<BlockingTree> trees) {
        Set<Integer> pids = new HashSet<>();
        for (BlockingTree tree : trees) {
            tree.root().walk().filter(BlockingNode::isWaiting).forEach(n -> pids.add(n.pid()));
        }
        return pids.size();
    }

    /** Wait-for edges between pids, blocker → waiter, in pid order so results are repeatable. */
    private static final class Graph {
        final Map<Integer, ActivityRow> rows = new HashMap<>();
        final Map<Integer, Set<Integer>> waitersOf = new TreeMap<>();
        final Map<Integer, Set<Integer>> blockersOf = new TreeMap<>();

        static Graph of(List<ActivityRow> activity) {
            Graph g = new Graph();
            for (ActivityRow row : activity) {
                g.rows.put(row.pid(), row);
            }
            for (ActivityRow row : activity) {
                for (int blocker : row.blockedBy()) {
                    if (blocker == row.pid()) {
                        continue;
                    }
                    g.waitersOf.computeIfAbsent(blocker, k -> new TreeSet<>()).add(row.pid());
                    g.blockersOf.computeIfAbsent(row.pid(), k -> new TreeSet<>()).add(blocker);
                }
            }
            return g;
        }

        Set<Integer> nodes() {
            Set<Integer> all = new TreeSet<>(waitersOf.keySet());
            all.addAll(blockersOf.keySet());
            return all;
        }

        Set<Integer> waitersOf(int pid) {
            return waitersOf.getOrDefault(pid, Set.of());
        }

        Set<Integer> blockersOf(int pid) {
            return blockersOf.getOrDefault(pid, Set.of());
        }

        /** A cycle nobody outside it blocks: no root reaches it, so it needs a root of its own. */
        boolean isSource(Set<Integer> cycle) {
            for (int pid : cycle) {
                for (int blocker : blockersOf(pid)) {
                    if (!cycle.contains(blocker)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * Strongly connected components with more than one member (Tarjan's algorithm, iterative so
         * that a long chain cannot overflow the stack), each as a sorted set.
         */
        List<Set<Integer>> cycles() {
            Map<Integer, Integer> index = new HashMap<>();
            Map<Integer, Integer> low = new HashMap<>();
            Set<Integer> onStack = new HashSet<>();
            Deque<Integer> stack = new ArrayDeque<>();
            List<Set<Integer>> result = new ArrayList<>();
            Map<Integer, List<Integer>> adjacency = new HashMap<>();
            waitersOf.forEach((pid, waiters) -> adjacency.put(pid, List.copyOf(waiters)));
            int counter = 0;
            for (int start : nodes()) {
                if (index.containsKey(start)) {
                    continue;
                }
                Deque<int[]> work = new ArrayDeque<>();
                work.push(new int[] {start, 0});
                while (!work.isEmpty()) {
                    int[] frame = work.peek();
                    int v = frame[0];
                    if (frame[1] == 0 && !index.containsKey(v)) {
                        index.put(v, counter);
                        low.put(v, counter);
                        counter++;
                        stack.push(v);
                        onStack.add(v);
                    }
                    List<Integer> next = adjacency.getOrDefault(v, List.of());
                    if (frame[1] < next.size()) {
                        int w = next.get(frame[1]++);
                        if (!index.containsKey(w)) {
                            work.push(new int[] {w, 0});
                        } else if (onStack.contains(w)) {
                            low.put(v, Math.min(low.get(v), index.get(w)));
                        }
                        continue;
                    }
                    work.pop();
                    if (!work.isEmpty()) {
                        int parent = work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        Set<Integer> component = new TreeSet<>();
                        int w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (w != v);
                        if (component.size() > 1) {
                            result.add(component);
                        }
                    }
                }
            }
            return result;
        }
    }

    private static final class Builder {
        private final Graph graph;
        private final Map<Integer, ActivityRow> rows;
        private final Map<Integer, List<LockRow>> locksByPid;
        private final Set<Integer> inCycle;
        private final Instant now;

        Builder(Graph graph, Map<Integer, ActivityRow> rows, Map<Integer, List<LockRow>> locksByPid,
                Set<Integer> inCycle, Instant now) {
            this.graph = graph;
            this.rows = rows;
            this.locksByPid = locksByPid;
            this.inCycle = inCycle;
            this.now = now;
        }

        /**
         * Breadth-first from the root, so each waiter lands under its blocker nearest the root;
         * nodes are then built leaves first, so a deep chain needs no recursion.
         */
        BlockingNode tree(int root) {
            Map<Integer, List<Integer>> childrenOf = new HashMap<>();
            List<Integer> order = new ArrayList<>();
            Set<Integer> placed = new LinkedHashSet<>();
            Deque<Integer> queue = new ArrayDeque<>();
            queue.add(root);
            placed.add(root);
            while (!queue.isEmpty()) {
                int pid = queue.removeFirst();
                order.add(pid);
                for (int waiter : graph.waitersOf(pid)) {
                    if (placed.add(waiter)) {
                        childrenOf.computeIfAbsent(pid, k -> new ArrayList<>()).add(waiter);
                        queue.addLast(waiter);
                    }
                }
            }
            Map<Integer, BlockingNode> built = new HashMap<>();
            for (int i = order.size() - 1; i >= 0; i--) {
                int pid = order.get(i);
                List<BlockingNode> children = new ArrayList<>();
                for (int child : childrenOf.getOrDefault(pid, List.of())) {
                    children.add(built.remove(child));
                }
                children.sort(BlockingNode.MOST_IMPACT_FIRST);
                built.put(pid, node(pid, children));
            }
            return built.get(root);
        }

        private BlockingNode node(int pid, List<BlockingNode> children) {
            ActivityRow row = rows.get(pid);
            List<LockRow> own = locksByPid.getOrDefault(pid, List.of());
            LockRow wanted = own.stream().filter(l -> !l.granted()).findFirst().orElse(null);
            LockRow lock = wanted != null ? wanted : strongestHeldOnContested(pid, own);
            String relation = lock == null ? null : lock.relation();
            if (relation == null) {
                // A row-lock wait is on a transaction id, which names no table; the tuple lock the
                // session holds while it waits does.
                relation = own.stream().filter(l -> l.granted() && l.relation() != null)
                        .map(LockRow::relation).sorted().findFirst().orElse(null);
            }
            int total = children.size();
            for (BlockingNode child : children) {
                total += child.totalWaiters();
            }
            List<Integer> blockedBy = List.copyOf(graph.blockersOf(pid));
            return new BlockingNode(pid, row != null,
                    row == null ? null : row.state(),
                    row == null ? null : row.backendType(),
                    row == null ? null : row.waitEventType(),
                    row == null ? null : row.waitEvent(),
                    row == null ? null : row.application(),
                    row == null ? null : row.user(),
                    row == null ? null : row.database(),
                    row == null ? null : row.query(),
                    lock == null ? null : lock.lockType(),
                    lock == null ? null : lock.mode(),
                    lock != null && lock.granted(),
                    relation,
                    lock == null ? null : lock.relationOid(),
                    blockedBy,
                    waiting(row, wanted, !blockedBy.isEmpty()),
                    row == null ? null : row.stateAge(now),
                    row == null ? null : row.transactionAge(now),
                    inCycle.contains(pid),
                    children, total);
        }

        /**
         * What a blocker holds that matters: among its granted locks on the objects its direct
         * waiters want, the strongest mode; failing a match, its strongest granted lock.
         */
        private LockRow strongestHeldOnContested(int pid, List<LockRow> own) {
            Set<ObjectId> contested = new HashSet<>();
            for (int waiter : graph.waitersOf(pid)) {
                for (LockRow l : locksByPid.getOrDefault(waiter, List.of())) {
                    if (!l.granted()) {
                        contested.add(ObjectId.of(l));
                    }
                }
            }
            Comparator<LockRow> strongest = Comparator.comparingInt((LockRow l) -> LockModes.strength(l.mode()))
                    .thenComparing(l -> Objects.requireNonNullElse(l.relation(), ""), Comparator.reverseOrder());
            List<LockRow> granted = own.stream().filter(LockRow::granted).toList();
            return granted.stream().filter(l -> contested.contains(ObjectId.of(l))).max(strongest)
                    .orElseGet(() -> granted.stream().max(strongest).orElse(null));
        }

        private Duration waiting(ActivityRow row, LockRow wanted, boolean blocked) {
            if (wanted != null && wanted.waitStart() != null) {
                return nonNegative(Duration.between(wanted.waitStart(), now));
            }
            // pg_locks.waitstart is filled in lazily, a moment after the wait begins; until then
            // the state change (the start of the statement) is the closest known bound.
            if (row != null && (wanted != null || blocked || row.isWaitingOnLock())) {
                return row.stateAge(now);
            }
            return null;
        }

        private static Duration nonNegative(Duration d) {
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /**
     * A lockable object as far as the lock rows identify it; tuple locks lack page and tuple
     * numbers here, so they match per relation.
     */
    private record ObjectId(String lockType, Long relationOid, String transactionId, String virtualXid) {
        static ObjectId of(LockRow l) {
            return new ObjectId(l.lockType(), l.relationOid(), l.transactionId(), l.virtualXid());
        }
    }
}
