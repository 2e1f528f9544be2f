package io.pgpulse.core.capability;

import java.util.List;
import java.util.Objects;

/**
 * A supported server and what this role may see and do on it.
 *
 * @param pgssSchema schema of pg_stat_statements when installed, else null
 */
public record Capabilities(
        int versionNum,
        String version,
        String role,
        String database,
        boolean superuser,
        StatementsAvailability statements,
        String pgssSchema,
        StatsVisibility visibility,
        QueryIds queryIds,
        QueryTextSize queryTextSize,
        HypotheticalIndexes hypotheticalIndexes,
        boolean canSignalBackends) implements ProbeResult {

    public Capabilities {
        Objects.requireNonNull(statements);
        Objects.requireNonNull(visibility);
        Objects.requireNonNull(queryIds);
        Objects.requireNonNull(queryTextSize);
        Objects.requireNonNull(hypotheticalIndexes);
    }

    public int major() {
        return ServerVersions.major(versionNum);
    }

    /** Every finding, in the order a person should read them. */
    public List<Advice> findings() {
        return List.of(statements, visibility, queryIds, queryTextSize, hypotheticalIndexes);
    }

    public boolean statementsReady() {
        return statements instanceof StatementsAvailability.Ready;
    }
}
