package io.pgpulse.core.activity;

import java.util.Objects;

import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.sampling.ActivityRow;

/**
 * Who this role may signal, decided before anything is sent so that a person learns why an action
 * is unavailable instead of meeting a server error. It mirrors the server's rule: a superuser may
 * signal anyone; otherwise never a superuser's session or a process without a role (background
 * workers), and other roles' sessions only as a member of {@code pg_signal_backend}.
 *
 * <p>The client cannot tell which other roles are superusers or which roles this one inherits, so
 * this check may allow what the server then refuses; {@link SessionActions} repeats the full check
 * server-side in the statement that sends, so it never under-refuses.
 */
public final class SignalPolicy {
    private final String role;
    private final boolean superuser;
    private final boolean signalsOthers;

    public SignalPolicy(String role, boolean superuser, boolean memberOfSignalBackend) {
        this.role = Objects.requireNonNull(role, "role");
        this.superuser = superuser;
        this.signalsOthers = superuser || memberOfSignalBackend;
    }

    public static SignalPolicy of(Capabilities capabilities) {
        return new SignalPolicy(capabilities.role(), capabilities.superuser(), capabilities.canSignalBackends());
    }

    /** Whether the role can signal every ordinary role's sessions, not only its own. */
    public boolean signalsOtherRoles() {
        return signalsOthers;
    }

    public String role() {
        return role;
    }

    /** Null when the target may be signalled, else the reason it may not, as a sentence. */
    public String refusal(ActivityRow target) {
        if (superuser) {
            return null;
        }
        if (target.user() == null) {
            return "pid " + target.pid() + " is a background process ("
                    + Objects.requireNonNullElse(target.backendType(), "no role") + "); only a superuser may signal it";
        }
        if (target.user().equals(role) || signalsOthers) {
            return null;
        }
        return missingGrant();
    }

    /** The explanation for a role that may signal only its own sessions, with the fix. */
    public String missingGrant() {
        return missingGrant(role);
    }

    static String missingGrant(String role) {
        return "Your role " + role + " may not signal other roles' sessions: GRANT pg_signal_backend TO "
                + Identifiers.quoteIdent(role) + "; (it cannot signal superusers either)";
    }
}
