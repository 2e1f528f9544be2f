package io.pgpulse.app.activity;

import java.util.List;

import io.pgpulse.core.activity.SessionRef;
import io.pgpulse.core.activity.Signal;

/**
 * What a cancel or terminate would do, for the confirmation dialog: exactly which sessions get the
 * signal, which are left out and why, and the gentler (or the effective) alternative.
 *
 * @param targets      sessions the signal goes to once confirmed
 * @param skipped      selected sessions it will not go to, each with the reason in {@link Target#note()}
 * @param advice       cancel-before-terminate advice for this selection; empty when there is none
 * @param alternative  the other signal, offered for {@code alternativeItems}; null when not useful
 */
public record ActionPlan(
        Signal signal,
        String title,
        String explanation,
        List<Target> targets,
        List<Target> skipped,
        String advice,
        Signal alternative,
        List<SessionItem> alternativeItems,
        String alternativeLabel,
        String confirmLabel) {

    public ActionPlan {
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
        alternativeItems = List.copyOf(alternativeItems);
    }

    public boolean ready() {
        return !targets.isEmpty();
    }

    public List<SessionRef> refs() {
        return targets.stream().map(Target::ref).toList();
    }

    /** One selected session as the dialog lists it. */
    public record Target(SessionRef ref, int pid, String user, String application, String state, String query,
            String note) {
    }
}
