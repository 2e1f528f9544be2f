package io.pgpulse.core.capability;

import java.util.Optional;

/** Whether the Queries view can work: pg_stat_statements installed, preloaded and readable. */
public sealed interface StatementsAvailability extends Advice {

    record Ready(String extensionVersion, String schema) implements StatementsAvailability {
        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String explanation() {
            return "pg_stat_statements " + extensionVersion + " is installed (schema " + schema + ") and readable.";
        }

        @Override
        public Optional<String> fix() {
            return Optional.empty();
        }
    }

    record NotInstalled(String database, boolean preloaded) implements StatementsAvailability {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "The pg_stat_statements extension is not installed in database \"" + database + "\", so slow and"
                    + " repeated queries cannot be shown. PgPulse never installs it for you."
                    + (preloaded ? "" : " The library is not preloaded either, which needs a server restart.");
        }

        @Override
        public Optional<String> fix() {
            String create = "CREATE EXTENSION pg_stat_statements;  -- as a superuser, in database " + database;
            return Optional.of(preloaded ? create
                    : "shared_preload_libraries = 'pg_stat_statements'  -- in postgresql.conf, then restart the server\n"
                            + create);
        }
    }

    record NotPreloaded(String sharedPreloadLibraries) implements StatementsAvailability {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "The pg_stat_statements extension exists but its library is not loaded at server start"
                    + " (shared_preload_libraries is '" + sharedPreloadLibraries + "'), so it records nothing.";
        }

        @Override
        public Optional<String> fix() {
            String libs = sharedPreloadLibraries.isBlank() ? "pg_stat_statements"
                    : sharedPreloadLibraries + ",pg_stat_statements";
            return Optional.of("shared_preload_libraries = '" + libs + "'  -- in postgresql.conf, then restart the server");
        }
    }

    record NoPrivilege(String role, String schema) implements StatementsAvailability {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "Role \"" + role + "\" may not read pg_stat_statements (EXECUTE on the function was revoked).";
        }

        @Override
        public Optional<String> fix() {
            return Optional.of("GRANT EXECUTE ON FUNCTION " + schema + ".pg_stat_statements(boolean) TO "
                    + io.pgpulse.core.catalog.Identifiers.quoteIdent(role) + ";");
        }
    }
}
