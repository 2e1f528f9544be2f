package io.pgpulse.core.activity;

import static io.pgpulse.core.analysis.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.sampling.ActivityRow;

class SignalPolicyTest {
    private static final ActivityRow APP_SESSION = session(10).user("app").build();
    private static final ActivityRow OWN_SESSION = session(11).user("pgpulse_monitor").build();
    private static final ActivityRow AUTOVACUUM = session(12).background("autovacuum worker").build();

    @Test
    void superuserMaySignalAnything() {
        SignalPolicy policy = new SignalPolicy("postgres", true, false);

        assertThat(policy.refusal(APP_SESSION)).isNull();
        assertThat(policy.refusal(AUTOVACUUM)).isNull();
        assertThat(policy.signalsOtherRoles()).isTrue();
    }

    @Test
    void monitorOnlyRoleMaySignalOnlyItsOwnRoleAndIsToldTheGrant() {
        SignalPolicy policy = new SignalPolicy("pgpulse_monitor", false, false);

        assertThat(policy.refusal(OWN_SESSION)).isNull();
        assertThat(policy.refusal(APP_SESSION)).isEqualTo("Your role pgpulse_monitor may not signal other roles'"
                + " sessions: GRANT pg_signal_backend TO pgpulse_monitor; (it cannot signal superusers either)");
    }

    @Test
    void signalBackendMemberMaySignalOtherRolesButNotBackgroundProcesses() {
        SignalPolicy policy = new SignalPolicy("ops", false, true);

        assertThat(policy.refusal(APP_SESSION)).isNull();
        assertThat(policy.refusal(AUTOVACUUM)).isEqualTo("pid 12 is a background process (autovacuum worker);"
                + " only a superuser may signal it");
    }

    @Test
    void theGrantQuotesRoleNamesThatNeedIt() {
        assertThat(new SignalPolicy("On-Call", false, false).missingGrant())
                .contains("GRANT pg_signal_backend TO \"On-Call\";").startsWith("Your role On-Call may not");
    }
}
