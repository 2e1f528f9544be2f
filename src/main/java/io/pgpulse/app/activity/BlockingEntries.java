package io.pgpulse.app.activity;

import java.util.ArrayList;
import java.util.List;

import io.pgpulse.core.analysis.BlockingNode;
import io.pgpulse.core.analysis.BlockingTree;

/** Turns blocking trees into the lines of the tree table. */
final class BlockingEntries {
    /**
     * Waiters shown under one blocker; the rest fold into one "more" line. A thousand sessions
     * queued on a hot row are one fact, not a thousand lines to scroll past.
     */
    static final int MAX_CHILDREN = 50;

    private BlockingEntries() {
    }

    /** Root blockers shown; the rest, which hold up the fewest sessions, fold into one line. */
    static final int MAX_ROOTS = 100;

    static List<BlockingEntry> of(List<BlockingTree> trees) {
        List<BlockingEntry> entries = new ArrayList<>(Math.min(trees.size(), MAX_ROOTS + 1));
        for (int i = 0; i < trees.size() && i < MAX_ROOTS; i++) {
            entries.add(entry(trees.get(i).root(), true));
        }
        if (trees.size() > MAX_ROOTS) {
            int queued = 0;
            for (BlockingTree rest : trees.subList(MAX_ROOTS, trees.size())) {
                queued += rest.totalWaiters();
            }
            entries.add(new BlockingEntry(BlockingEntry.Kind.MORE, -1, "… "
                    + Texts.count(trees.size() - MAX_ROOTS, "more blocker", "more blockers"), "", "", "", null, queued,
                    "", false, List.of()));
        }
        return entries;
    }

    private static BlockingEntry entry(BlockingNode node, boolean root) {
        List<BlockingEntry> children = new ArrayList<>(Math.min(node.children().size(), MAX_CHILDREN + 1));
        List<BlockingNode> all = node.children();
        for (int i = 0; i < all.size() && i < MAX_CHILDREN; i++) {
            children.add(entry(all.get(i), false));
        }
        if (all.size() > MAX_CHILDREN) {
            int hidden = all.size() - MAX_CHILDREN;
            int queued = 0;
            for (BlockingNode rest : all.subList(MAX_CHILDREN, all.size())) {
                queued += 1 + rest.totalWaiters();
            }
            children.add(new BlockingEntry(BlockingEntry.Kind.MORE, -1,
                    "… " + Texts.count(hidden, "more waiting session", "more waiting sessions"), "", "", "", null,
                    queued - hidden, "", false, List.of()));
        }
        return new BlockingEntry(root ? BlockingEntry.Kind.ROOT : BlockingEntry.Kind.WAITER, node.pid(),
                session(node), root ? rootState(node) + (node.inCycle() ? " (deadlock)" : "") : waiterState(node),
                lock(node),
                relation(node), node.waiting(), node.totalWaiters(), Texts.oneLine(node.query(), 300),
                node.inCycle(), children);
    }

    static String session(BlockingNode node) {
        if (node.pid() == 0) {
            return "prepared transaction";
        }
        StringBuilder sb = new StringBuilder("pid ").append(node.pid());
        if (node.application() != null && !node.application().isEmpty()) {
            sb.append(" · ").append(node.application());
        }
        return sb.toString();
    }

    /** The root's state as a person says it: "idle in transaction for 12 min". */
    static String rootState(BlockingNode node) {
        if (node.pid() == 0) {
            return "prepared, no session (see Transactions)";
        }
        if (!node.listed()) {
            return "not listed (another database, or past the row limit)";
        }
        if (node.state() != null && node.stateAge() != null) {
            return node.state() + " for " + Texts.age(node.stateAge());
        }
        if (node.state() != null) {
            return node.state();
        }
        return node.backendType() != null ? node.backendType() : "state hidden from this role";
    }

    private static String waiterState(BlockingNode node) {
        String waited = node.waiting() == null ? "waiting" : "waiting " + Texts.age(node.waiting());
        return node.inCycle() ? waited + " (deadlock)" : waited;
    }

    static String lock(BlockingNode node) {
        if (node.lockMode() == null) {
            return "";
        }
        String verb = node.lockGranted() ? "holds " : "wants ";
        String type = node.lockType() == null ? "" : node.lockType();
        return switch (type) {
            case "relation" -> verb + node.lockMode();
            case "transactionid", "tuple" -> node.lockGranted() ? "holds row locks" : "wants a row lock";
            default -> verb + node.lockMode() + " (" + type + ")";
        };
    }

    private static String relation(BlockingNode node) {
        if (node.relation() != null) {
            return node.relation();
        }
        return node.relationOid() != null ? "oid " + node.relationOid() : "";
    }
}
