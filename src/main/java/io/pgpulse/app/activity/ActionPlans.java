package io.pgpulse.app.activity;

import java.util.ArrayList;
import java.util.List;

import io.pgpulse.core.activity.SessionRef;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.activity.SignalPolicy;
import io.pgpulse.core.analysis.SessionState;

/**
 * Decides what a cancel or terminate of a selection would actually do. Cancel comes first: it
 * stops a statement and keeps the session. But a session idle in transaction runs no statement,
 * so a cancel does nothing there; the plan says so and offers terminate for those sessions.
 */
final class ActionPlans {
    private ActionPlans() {
    }

    static ActionPlan plan(Signal signal, List<SessionItem> items, SignalPolicy policy) {
        List<ActionPlan.Target> targets = new ArrayList<>();
        List<ActionPlan.Target> skipped = new ArrayList<>();
        List<SessionItem> idleInTransaction = new ArrayList<>();
        List<SessionItem> running = new ArrayList<>();
        for (SessionItem item : items) {
            RowView v = item.view();
            SessionRef ref = item.ref().orElse(null);
            String refusal = ref == null ? "this role cannot see when pid " + v.pid()
                    + " started, so PgPulse cannot make sure it signals the right session"
                    : policy.refusal(v.row());
            if (refusal != null) {
                skipped.add(target(ref, v, refusal));
                continue;
            }
            boolean idleTx = v.state().isIdleInTransaction();
            if (signal == Signal.CANCEL && idleTx) {
                idleInTransaction.add(item);
                skipped.add(target(ref, v, "idle in transaction: no query is running, so cancel does nothing"));
            } else if (signal == Signal.CANCEL && v.state() == SessionState.IDLE) {
                skipped.add(target(ref, v, "idle: no query is running, nothing to cancel"));
            } else {
                if (v.state() == SessionState.ACTIVE) {
                    running.add(item);
                }
                targets.add(target(ref, v, ""));
            }
        }
        return signal == Signal.CANCEL ? cancel(targets, skipped, idleInTransaction)
                : terminate(targets, skipped, running);
    }

    private static ActionPlan cancel(List<ActionPlan.Target> targets, List<ActionPlan.Target> skipped,
            List<SessionItem> idleInTransaction) {
        String advice = idleInTransaction.isEmpty() ? ""
                : Texts.count(idleInTransaction.size(), "selected session is", "selected sessions are")
                        + " idle in transaction: cancelling does nothing there. To end "
                        + (idleInTransaction.size() == 1 ? "its transaction" : "their transactions")
                        + " and release the locks, terminate " + (idleInTransaction.size() == 1 ? "it" : "them") + ".";
        return new ActionPlan(Signal.CANCEL,
                targets.isEmpty() ? "Nothing to cancel" : "Cancel the running query of "
                        + Texts.count(targets.size(), "session", "sessions") + "?",
                "The running statement stops with error 57014 (canceling statement due to user request); the"
                        + " session stays connected, its transaction is aborted, and the application can retry.",
                targets, skipped, advice,
                idleInTransaction.isEmpty() ? null : Signal.TERMINATE, idleInTransaction,
                idleInTransaction.isEmpty() ? "" : "Terminate instead…",
                "Cancel " + Texts.count(targets.size(), "query", "queries"));
    }

    private static ActionPlan terminate(List<ActionPlan.Target> targets, List<ActionPlan.Target> skipped,
            List<SessionItem> running) {
        String advice = running.isEmpty() ? ""
                : Texts.count(running.size(), "selected session is", "selected sessions are")
                        + " running a query. Try Cancel first: it stops the query and keeps the session; terminate"
                        + " only if that does not help.";
        return new ActionPlan(Signal.TERMINATE,
                targets.isEmpty() ? "Nothing to terminate" : "Terminate "
                        + Texts.count(targets.size(), "session", "sessions") + "?",
                "Each session ends: its open transaction is rolled back, its locks are released, and its"
                        + " application sees the connection drop (error 57P01) and must reconnect.",
                targets, skipped, advice,
                running.isEmpty() ? null : Signal.CANCEL, running,
                running.isEmpty() ? "" : "Cancel the query instead…",
                "Terminate " + Texts.count(targets.size(), "session", "sessions"));
    }

    private static ActionPlan.Target target(SessionRef ref, RowView v, String note) {
        var row = v.row();
        String state = row.state() == null ? Texts.orNone(row.backendType())
                : v.stateAge() == null ? row.state() : row.state() + " for " + Texts.age(v.stateAge());
        return new ActionPlan.Target(ref, v.pid(), Texts.orNone(row.user()), Texts.orNone(row.application()), state,
                Texts.oneLine(row.query(), 160), note);
    }
}
