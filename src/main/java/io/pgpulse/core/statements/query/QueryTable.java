package io.pgpulse.core.statements.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.statements.StatementKey;

/**
 * Every statement that ran in one window, with the window's own facts.
 *
 * @param end            the newest poll the figures include (server clock)
 * @param secondsCovered time actually measured; for a sliding window less than its length when
 *                       PgPulse has not watched that long
 * @param intervals      poll intervals summed (1 for the last refresh, 0 since reset)
 * @param totalTimeMs    all top-level execution time in the window, the denominator of every share
 * @param statsReset     when pg_stat_statements was last reset, if the server says
 * @param resetInWindow  a reset that happened inside the window: the work between the poll before
 *                       it and the reset itself was never counted
 * @param evictions      entries evicted inside the window without a reset (pg_stat_statements.max
 *                       reached): their last interval's work is lost
 * @param deallocations  entries deallocated since the last reset, as pg_stat_statements_info
 *                       counts them; lifetime totals miss their work
 * @param awaitingSecondPoll true while only one poll exists, so no interval has been measured yet
 * @param rows           heaviest total time first
 * @param repeated       N+1 loops first, then hot lookups, most calls first, over
 *                       {@code detectionWindow}
 * @param repeatedTexts  single-line texts of the lookups and parents in {@code repeated}, which
 *                       need not be rows of this window
 */
public record QueryTable(
        QueryWindow window,
        Instant end,
        double secondsCovered,
        int intervals,
        double totalTimeMs,
        Optional<Instant> statsReset,
        Optional<Instant> resetInWindow,
        int evictions,
        long deallocations,
        boolean awaitingSecondPoll,
        List<QueryFigures> rows,
        List<RepeatedQuery> repeated,
        Map<Long, String> repeatedTexts,
        Duration detectionWindow) {

    public QueryTable {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(statsReset, "statsReset");
        Objects.requireNonNull(resetInWindow, "resetInWindow");
        Objects.requireNonNull(detectionWindow, "detectionWindow");
        rows = List.copyOf(rows);
        repeated = List.copyOf(repeated);
        repeatedTexts = Map.copyOf(repeatedTexts);
    }

    /** Share of a sliding window backed by measurements (0…1); 1 for the other windows. */
    public double coverage() {
        return window.length().map(l -> Math.min(1.0, secondsCovered / (l.toMillis() / 1000.0))).orElse(1.0);
    }

    /** A short single-line text for a queryid named by a finding, or "queryid N" when unknown. */
    public String textOf(long queryId) {
        String text = repeatedTexts.get(queryId);
        if (text == null) {
            for (QueryFigures f : rows) {
                if (f.queryId() == queryId && f.text() != null) {
                    text = f.text();
                    break;
                }
            }
        }
        return text == null ? "queryid " + queryId : QueryExplanations.shorten(text, 100);
    }

    public Optional<QueryFigures> row(StatementKey key) {
        for (QueryFigures f : rows) {
            if (f.key().equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A keyed index of the rows, for callers that look many up. */
    public Map<StatementKey, QueryFigures> byKey() {
        Map<StatementKey, QueryFigures> map = new HashMap<>(rows.size() * 2);
        for (QueryFigures f : rows) {
            map.put(f.key(), f);
        }
        return map;
    }

    /**
     * The same query id's entries by database, role and nesting level: the server keeps one entry
     * per combination, so "which service runs this" is answered by the split.
     */
    public List<QueryFigures> split(long queryId) {
        List<QueryFigures> out = new ArrayList<>();
        for (QueryFigures f : rows) {
            if (f.queryId() == queryId) {
                out.add(f);
            }
        }
        return out;
    }
}
