package io.pgpulse.core.capability;

import java.util.Optional;

/** Whether index suggestions can be verified with hypopg's hypothetical indexes. */
public sealed interface HypotheticalIndexes extends Advice {

    record Installed(String version) implements HypotheticalIndexes {
        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String explanation() {
            return "hypopg " + version + " is installed: index suggestions are verified by re-planning with a hypothetical index.";
        }

        @Override
        public Optional<String> fix() {
            return Optional.empty();
        }
    }

    record Available(String database) implements HypotheticalIndexes {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "hypopg is available on the server but not installed in \"" + database
                    + "\": index suggestions are shown unverified.";
        }

        @Override
        public Optional<String> fix() {
            return Optional.of("CREATE EXTENSION hypopg;  -- in database " + database);
        }
    }

    record Absent(int major) implements HypotheticalIndexes {
        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String explanation() {
            return "hypopg is not available on the server: index suggestions are shown unverified.";
        }

        @Override
        public Optional<String> fix() {
            return Optional.of("Install the hypopg package (e.g. apt install postgresql-" + major
                    + "-hypopg), then CREATE EXTENSION hypopg;");
        }
    }
}
