package io.pgpulse.app.queries;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.pgpulse.core.history.StatementHistorySnapshot;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.QueryFigures;

/**
 * The selected statement as the detail pane shows it, rebuilt on every refresh. The text is not
 * part of it: it is fetched once per selection and kept in its own property, so a refresh never
 * resets what the reader is scrolling through.
 *
 * @param figures the statement in the current window; empty when it did not run in it
 * @param title   e.g. "queryid 123 · shop / shop_app"
 * @param facts   label and value pairs: first seen, entry created, reset, lifetime figures
 * @param split   the same queryid's entries by database, user and nesting level
 * @param history per-poll figures over the retained history; empty when it is not tracked
 * @param historyNote why there is no history, or what it covers
 */
public record QueryDetail(
        StatementKey key,
        Optional<QueryFigures> figures,
        String title,
        List<Fact> facts,
        List<QueryFigures> split,
        Optional<StatementHistorySnapshot> history,
        String historyNote) {

    public record Fact(String label, String value) {
    }

    public QueryDetail {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(figures, "figures");
        facts = List.copyOf(facts);
        split = List.copyOf(split);
        Objects.requireNonNull(history, "history");
    }
}
