package io.pgpulse.app.queries;

import java.util.Locale;
import java.util.function.Predicate;

import io.pgpulse.core.statements.query.QueryFigures;

/**
 * What the table shows of the window's statements. Empty or null parts match everything.
 *
 * @param text        part of the query text, or a queryid
 * @param flaggedOnly only statements with a marker (slow, regressed, N+1, hot lookup)
 */
record QueryFilter(String text, String database, String user, String application, boolean flaggedOnly)
        implements Predicate<QueryRow> {

    static final QueryFilter NONE = new QueryFilter("", null, null, null, false);

    QueryFilter {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return text.isEmpty() && database == null && user == null && application == null && !flaggedOnly;
    }

    @Override
    public boolean test(QueryRow row) {
        return test(row.figures(), text.isEmpty() ? "" : row.lowerText());
    }

    /** Whether {@code f} passes, with {@code lowerText} its text in lower case (only read when filtering by text). */
    boolean test(QueryFigures f, String lowerText) {
        if (flaggedOnly && !f.flagged()) {
            return false;
        }
        if (database != null && !database.equals(f.database())) {
            return false;
        }
        if (user != null && !user.equals(f.user())) {
            return false;
        }
        if (application != null && !f.applications().contains(application)) {
            return false;
        }
        return text.isEmpty() || lowerText.contains(text) || Long.toString(f.queryId()).equals(text);
    }
}
