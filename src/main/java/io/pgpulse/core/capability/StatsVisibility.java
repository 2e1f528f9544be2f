package io.pgpulse.core.capability;

import java.util.Optional;

import io.pgpulse.core.catalog.Identifiers;

/** Whether this role sees other users' sessions and query texts. */
public sealed interface StatsVisibility extends Advice {

    record AllSessions(String via) implements StatsVisibility {
        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String explanation() {
            return "This role sees every session and query text (" + via + ").";
        }

        @Override
        public Optional<String> fix() {
            return Optional.empty();
        }
    }

    /** Member of pg_read_all_stats without inheriting its privileges: the classic NOINHERIT pitfall. */
    record NoInherit(String role) implements StatsVisibility {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "Role \"" + role + "\" is a member of pg_read_all_stats but does not inherit its privileges"
                    + " (NOINHERIT), so other users' queries show as <insufficient privilege>.";
        }

        @Override
        public Optional<String> fix() {
            return Optional.of("ALTER ROLE " + Identifiers.quoteIdent(role) + " INHERIT;");
        }
    }

    record OwnSessionsOnly(String role) implements StatsVisibility {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "Role \"" + role + "\" sees only its own sessions' queries; other users' queries show as"
                    + " <insufficient privilege> and their statements have no query id.";
        }

        @Override
        public Optional<String> fix() {
            return Optional.of("GRANT pg_monitor TO " + Identifiers.quoteIdent(role) + ";");
        }
    }
}
