package io.pgpulse.core.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;

/**
 * What turns a statement key into something a person recognises: its text and the names behind
 * its role and database oids. Texts arrive a poll or more after a queryid first appears, so any
 * lookup may come back empty.
 */
public record StatementLabels(Map<Long, QueryText> texts, Map<Long, String> roleNames, Map<Long, String> databaseNames) {

    public static final StatementLabels NONE = new StatementLabels(Map.of(), Map.of(), Map.of());

    public StatementLabels {
        texts = Map.copyOf(texts);
        roleNames = Map.copyOf(roleNames);
        databaseNames = Map.copyOf(databaseNames);
    }

    /** The labels known as of {@code snapshot}; the latest snapshot of a run knows the most. */
    public static StatementLabels from(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Map<Long, String> databases = new HashMap<>();
        for (DatabaseCounters db : snapshot.databases()) {
            databases.put(db.oid(), db.name());
        }
        if (snapshot.statements() == null) {
            return new StatementLabels(Map.of(), Map.of(), databases);
        }
        return new StatementLabels(snapshot.statements().texts(), snapshot.statements().roleNames(), databases);
    }

    public Optional<QueryText> text(long queryId) {
        return Optional.ofNullable(texts.get(queryId));
    }

    public Optional<String> roleName(long userId) {
        return Optional.ofNullable(roleNames.get(userId));
    }

    public Optional<String> databaseName(long dbId) {
        return Optional.ofNullable(databaseNames.get(dbId));
    }
}
