package io.pgpulse.core.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Findings about lock waits.
 *
 * <p>{@code blocked_sessions} is the overview: how many sessions wait, and which root holds up the
 * most. {@code migration_stall} is the diagnosis of the worst pattern: a statement that needs a
 * strong table lock (ALTER TABLE, CREATE INDEX…) waits behind a long transaction, and because lock
 * requests queue in order, every ordinary query on that table now waits behind the DDL. Both are
 * reported for the same tree, so a script that only looks at one kind still sees the incident.
 */
public final class LockFindings {

    /** Lock waits shorter than this in a snapshot are normal traffic. */
    public static final Duration NOTABLE_WAIT = Duration.ofSeconds(5);
    public static final Duration CRITICAL_WAIT = Duration.ofSeconds(60);
    public static final int CRITICAL_WAITING_SESSIONS = 20;

    private LockFindings() {
    }

    /** @param trees as {@link BlockingTrees#of} returns them, biggest impact first */
    public static List<Finding> of(List<BlockingTree> trees) {
        if (trees.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        findings.addAll(migrationStalls(trees));
        findings.add(blockedSessions(trees));
        return List.copyOf(findings);
    }

    private static Finding blockedSessions(List<BlockingTree> trees) {
        int waiting = BlockingTrees.waitingSessions(trees);
        Duration longest = trees.stream().map(BlockingTree::longestWait).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        BlockingTree top = trees.get(0);
        BlockingNode root = top.root();
        Severity severity = longest.compareTo(CRITICAL_WAIT) >= 0 || waiting >= CRITICAL_WAITING_SESSIONS
                ? Severity.CRITICAL
                : longest.compareTo(NOTABLE_WAIT) >= 0 ? Severity.WARNING : Severity.INFO;

        StringBuilder summary = new StringBuilder()
                .append(Humanize.count(waiting, "session is", "sessions are")).append(" waiting for locks (longest ")
                .append(Humanize.duration(longest)).append(")");
        if (trees.size() > 1) {
            summary.append(" in ").append(trees.size()).append(" blocking trees");
        }
        summary.append("; pid ").append(root.pid()).append(" (").append(Describe.session(root));
        if (root.application() != null && !root.application().isEmpty()) {
            summary.append(", ").append(Describe.application(root.application()));
        }
        summary.append(waiting == 1 ? ") holds it up" : ") holds up " + Humanize.count(top.totalWaiters()) + " of them");
        Set<Integer> cyclePids = new TreeSet<>();
        trees.forEach(t -> t.root().walk().filter(BlockingNode::inCycle).forEach(n -> cyclePids.add(n.pid())));
        if (!cyclePids.isEmpty()) {
            summary.append("; pids ").append(join(cyclePids)).append(" wait for each other (a deadlock that"
                    + " PostgreSQL breaks after deadlock_timeout by cancelling one of them)");
        }
        summary.append('.');

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("waiting_sessions", waiting);
        evidence.put("blocking_trees", trees.size());
        evidence.put("longest_wait_seconds", Describe.seconds(longest));
        evidence.put("top_root_pid", root.pid());
        evidence.put("top_root_state", root.state());
        evidence.put("top_root_state_seconds", Describe.secondsOrNull(root.stateAge()));
        evidence.put("top_root_xact_seconds", Describe.secondsOrNull(root.transactionAge()));
        evidence.put("top_root_application", root.application());
        evidence.put("top_root_waiters", top.totalWaiters());
        evidence.put("deadlock_pids", List.copyOf(cyclePids));

        return new Finding("blocked_sessions", severity, summary.toString(), evidence,
                new Remedy("See what pid " + root.pid() + " is doing (locks.blocking_trees). " + endBlocker(root),
                        "Keep transactions short and never leave one open while waiting"
                        + " for something else; set lock_timeout for statements that may queue (migrations,"
                        + " batch jobs) and idle_in_transaction_session_timeout for application roles."));
    }

    private static List<Finding> migrationStalls(List<BlockingTree> trees) {
        Map<Integer, BlockingNode> anyTree = new LinkedHashMap<>();
        trees.forEach(t -> t.root().walk().forEach(n -> anyTree.putIfAbsent(n.pid(), n)));
        List<Finding> findings = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (BlockingTree tree : trees) {
            for (BlockingNode ddl : tree.root().walk().toList()) {
                if (!isStallingRequest(ddl) || !seen.add(ddl.pid())) {
                    continue;
                }
                Set<Integer> queued = tree.queuedBehind(ddl.pid());
                if (!queued.isEmpty()) {
                    findings.add(migrationStall(tree, ddl, queued, anyTree));
                }
            }
        }
        return findings;
    }

    private static boolean isStallingRequest(BlockingNode node) {
        return node.isWaiting() && !node.lockGranted() && "relation".equals(node.lockType())
                && LockModes.stallsOrdinaryQueries(node.lockMode());
    }

    private static Finding migrationStall(BlockingTree tree, BlockingNode ddl, Set<Integer> queued,
            Map<Integer, BlockingNode> anyTree) {
        List<BlockingNode> blockers = ddl.blockedBy().stream().map(anyTree::get).filter(Objects::nonNull).toList();
        // The session actually holding the lock matters more than one merely queued ahead.
        BlockingNode blocker = blockers.stream()
                .min(Comparator.comparing(BlockingNode::isWaiting)
                        .thenComparing(BlockingNode::transactionAge, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparingInt(BlockingNode::pid))
                .orElse(tree.root());
        String statement = Optional.ofNullable(Describe.ddlStatement(ddl.query())).orElse("A statement");
        String relation = ddl.relation() != null ? ddl.relation()
                : ddl.relationOid() != null ? "relation oid " + ddl.relationOid() : "a table";
        Duration longestQueued = queued.stream().map(tree::node).flatMap(Optional::stream)
                .map(BlockingNode::waiting).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);

        StringBuilder summary = new StringBuilder()
                .append(statement).append(" (pid ").append(ddl.pid()).append(") on ").append(relation)
                .append(" has waited ").append(Humanize.duration(ddl.waiting())).append(" for ")
                .append(article(ddl.lockMode())).append(' ').append(ddl.lockMode())
                .append(" held up by pid ").append(blocker.pid()).append(" (").append(Describe.session(blocker)).append(')');
        int others = ddl.blockedBy().size() - 1;
        if (others > 0) {
            summary.append(" and ").append(Humanize.count(others, "other session", "other sessions"));
        }
        summary.append("; ").append(Humanize.count(queued.size(), "query is", "queries are"))
                .append(" queued behind it.");

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ddl_pid", ddl.pid());
        evidence.put("statement", Describe.ddlStatement(ddl.query()));
        evidence.put("relation", ddl.relation());
        evidence.put("lock_mode", ddl.lockMode());
        evidence.put("waiting_seconds", Describe.secondsOrNull(ddl.waiting()));
        evidence.put("blocker_pid", blocker.pid());
        evidence.put("blocker_state", blocker.state());
        evidence.put("blocker_state_seconds", Describe.secondsOrNull(blocker.stateAge()));
        evidence.put("blocker_xact_seconds", Describe.secondsOrNull(blocker.transactionAge()));
        evidence.put("blocker_application", blocker.application());
        evidence.put("blocker_pids", ddl.blockedBy());
        evidence.put("root_pid", tree.root().pid());
        evidence.put("queued_queries", queued.size());
        evidence.put("longest_queued_wait_seconds", Describe.secondsOrNull(longestQueued));

        String now = "Cancel the DDL to release the " + Humanize.count(queued.size(), "queued query", "queued queries")
                + " at once: SELECT pg_cancel_backend(" + ddl.pid() + "); or end the blocker instead. "
                + endBlocker(blocker) + " Retry the migration once pid " + blocker.pid() + " is gone.";
        String nextTime = "Run migrations with SET lock_timeout = '5s' and retry with backoff, so a blocked DDL"
                + " gives up instead of stalling traffic; split schema changes into backwards-compatible steps"
                + " (add a nullable column, backfill in batches, add constraints NOT VALID then VALIDATE, CREATE"
                + " INDEX CONCURRENTLY); set idle_in_transaction_session_timeout for application roles.";
        return new Finding("migration_stall", Severity.CRITICAL, summary.toString(), evidence, new Remedy(now, nextTime));
    }

    /** Cancel before terminate; but cancelling an idle session does nothing, so say so. */
    private static String endBlocker(BlockingNode blocker) {
        int pid = blocker.pid();
        if (pid == 0) {
            return "The blocker is a prepared transaction: COMMIT PREPARED or ROLLBACK PREPARED it (see"
                    + " pg_prepared_xacts).";
        }
        if (SessionState.of(blocker.state()).isIdleInTransaction()) {
            return "Pid " + pid + " is idle in transaction, so cancelling does nothing; ending it rolls its"
                    + " transaction back: SELECT pg_terminate_backend(" + pid + ");";
        }
        return "Cancel pid " + pid + "'s statement first: SELECT pg_cancel_backend(" + pid + "); and terminate"
                + " only if that does not release the lock: SELECT pg_terminate_backend(" + pid + ");";
    }

    private static String article(String word) {
        return word != null && !word.isEmpty() && "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String join(Set<Integer> pids) {
        List<String> parts = pids.stream().map(String::valueOf).toList();
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
