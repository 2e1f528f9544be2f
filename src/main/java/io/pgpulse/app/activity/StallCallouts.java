package io.pgpulse.app.activity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.pgpulse.core.analysis.BlockingNode;
import io.pgpulse.core.analysis.BlockingTree;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.SessionState;

/** The migration_stall finding, said for someone woken by a page: what is stuck, behind whom, what to do. */
final class StallCallouts {
    static final String KIND = "migration_stall";

    private StallCallouts() {
    }

    /** Null when no statement is stalling ordinary queries. */
    static StallCallout of(List<Finding> findings, List<BlockingTree> trees) {
        List<Finding> stalls = findings.stream().filter(f -> KIND.equals(f.kind())).toList();
        if (stalls.isEmpty()) {
            return null;
        }
        Finding f = stalls.get(0);
        Map<String, Object> e = f.evidence();
        int ddlPid = ((Number) e.get("ddl_pid")).intValue();
        int blockerPid = ((Number) e.get("blocker_pid")).intValue();
        int queued = ((Number) e.get("queued_queries")).intValue();
        String statement = Objects.requireNonNullElse((String) e.get("statement"), "the statement");
        String relation = Objects.requireNonNullElse((String) e.get("relation"), "the table");
        String mode = Objects.requireNonNullElse((String) e.get("lock_mode"), "a strong lock");
        String blockerState = (String) e.get("blocker_state");
        boolean blockerIdle = SessionState.of(blockerState).isIdleInTransaction();
        BlockingNode ddl = node(trees, ddlPid);
        BlockingNode blocker = node(trees, blockerPid);

        String headline = "Migration stalled: " + Texts.count(queued, "query", "queries") + " on " + relation
                + (queued == 1 ? " is" : " are") + " stuck behind " + statement + " (pid " + ddlPid + ")";

        StringBuilder what = new StringBuilder(statement).append(" (pid ").append(ddlPid).append(app(ddl))
                .append(") has waited ").append(Texts.age(seconds(e.get("waiting_seconds")))).append(" for ")
                .append(article(mode)).append(' ').append(mode).append(" on ").append(relation)
                .append(". It is held up by pid ").append(blockerPid).append(app(blocker));
        if (blockerState != null) {
            what.append(", ").append(blockerState);
            Duration since = seconds(e.get("blocker_state_seconds"));
            if (since != null) {
                what.append(" for ").append(Texts.age(since));
            }
        } else if (blockerPid == 0) {
            what.append(", a prepared transaction");
        }
        what.append(". Lock requests queue in order, so every ")
                .append("AccessExclusiveLock".equals(mode) ? "query" : "write").append(" on ").append(relation)
                .append(" now waits behind the ").append(statement);
        Duration longest = seconds(e.get("longest_queued_wait_seconds"));
        if (longest != null) {
            what.append(" (the longest for ").append(Texts.age(longest)).append(')');
        }
        what.append('.');

        String now = "Cancelling the " + statement + " lets the queued queries run at once; the migration fails and"
                + " can be retried. Or end what it waits for: " + blockerAdvice(blockerPid, blockerIdle);
        String nextTime = "Run migrations with SET lock_timeout (e.g. '5s') and retry, so a blocked DDL gives up"
                + " instead of stalling traffic; split schema changes into backwards-compatible steps.";
        String detail = f.advice().nextTime() == null ? nextTime : f.advice().nextTime();
        return new StallCallout(headline, what.toString(), now, nextTime, detail, ddlPid, blockerPid, blockerIdle,
                stalls.size() - 1);
    }

    private static String blockerAdvice(int pid, boolean idle) {
        if (pid == 0) {
            return "it is a prepared transaction; COMMIT PREPARED or ROLLBACK PREPARED it (see Transactions).";
        }
        if (idle) {
            return "pid " + pid + " is idle in transaction, so cancelling it does nothing; terminating it rolls its"
                    + " transaction back.";
        }
        return "pid " + pid + " is running a query; cancel it first, and terminate it only if the lock is still held.";
    }

    private static BlockingNode node(List<BlockingTree> trees, int pid) {
        for (BlockingTree t : trees) {
            var n = t.node(pid);
            if (n.isPresent()) {
                return n.get();
            }
        }
        return null;
    }

    private static String app(BlockingNode node) {
        if (node == null || node.application() == null || node.application().isEmpty()) {
            return "";
        }
        return ", " + node.application();
    }

    private static Duration seconds(Object value) {
        return value instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 1000)) : null;
    }

    private static String article(String word) {
        return !word.isEmpty() && "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }
}
