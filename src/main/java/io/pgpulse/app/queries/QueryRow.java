package io.pgpulse.app.queries;

import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.QueryFigures;

/**
 * One statement's row, kept for as long as the statement is in the window and updated in place
 * on every refresh: the table observes {@link #figuresProperty()}, so only the cells on screen
 * redraw, and the row object (and with it the selection) survives re-sorting.
 */
public final class QueryRow {
    private final StatementKey key;
    private final ReadOnlyObjectWrapper<QueryFigures> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    private String lowerSource;
    private String lower = "";
    /** Where the statement stands in the table's own order (heaviest first) as of the last refresh. */
    int position;

    QueryRow(QueryFigures initial) {
        this.key = initial.key();
        figures.set(initial);
    }

    public StatementKey key() {
        return key;
    }

    public QueryFigures figures() {
        return figures.get();
    }

    public ReadOnlyObjectProperty<QueryFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    void update(QueryFigures next) {
        figures.set(next);
    }

    /** The text in lower case for filtering, recomputed only when the text itself changed. */
    String lowerText() {
        String text = figures.get().text();
        if (text != lowerSource) {
            lowerSource = text;
            lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        }
        return lower;
    }

    @Override
    public String toString() {
        return "QueryRow[" + key + "]";
    }
}
