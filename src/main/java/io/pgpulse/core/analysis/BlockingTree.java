package io.pgpulse.core.analysis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything held up, directly or not, by one session that is not itself waiting (or, for a
 * deadlock in progress, by the lowest pid of the cycle).
 *
 * @param deadlock some sessions in this tree wait for each other in a cycle
 */
public record BlockingTree(BlockingNode root, boolean deadlock) {

    /** Most sessions held up first, then the oldest wait, then the root's pid. */
    public static final Comparator<BlockingTree> MOST_IMPACT_FIRST =
            Comparator.comparing(BlockingTree::root, BlockingNode.MOST_IMPACT_FIRST);

    public BlockingTree {
        Objects.requireNonNull(root, "root");
    }

    public int totalWaiters() {
        return root.totalWaiters();
    }

    public Duration longestWait() {
        return root.longestWait();
    }

    public Optional<BlockingNode> node(int pid) {
        return root.walk().filter(n -> n.pid() == pid).findFirst();
    }

    /**
     * Every session in this tree that waits for {@code pid}, directly or through others, in the
     * order reached. Unlike {@link BlockingNode#totalWaiters()} this follows every blocked_by edge,
     * so a session that is shown under another blocker but also queues behind {@code pid} counts.
     */
    public Set<Integer> queuedBehind(int pid) {
        Map<Integer, List<Integer>> waitersOf = new HashMap<>();
        root.walk().forEach(n -> {
            for (int blocker : n.blockedBy()) {
                waitersOf.computeIfAbsent(blocker, k -> new ArrayList<>()).add(n.pid());
            }
        });
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(waitersOf.getOrDefault(pid, List.of()));
        while (!todo.isEmpty()) {
            int next = todo.removeFirst();
            if (next != pid && seen.add(next)) {
                todo.addAll(waitersOf.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }
}
