package io.pgpulse.app.queries;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import io.pgpulse.core.statements.query.QueryFigures;

/**
 * One line of the table, showing whichever row the sorted and filtered list puts at its position.
 *
 * <p>Why the table does not show the sorted list directly: a sorted list reports a re-sort as a
 * permutation, and a table answers any change of its items by re-laying out and re-styling every
 * visible line, which on a refresh of thousands of statements costs more than the whole update.
 * Lines that only change what they show cost a text update in the few cells on screen.
 */
final class QuerySlot {
    private final ReadOnlyObjectWrapper<QueryFigures> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    private QueryRow row;

    QueryRow row() {
        return row;
    }

    ReadOnlyObjectProperty<QueryFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** Shows {@code next}; fires only when the figures object differs from the one shown. */
    void show(QueryRow next) {
        row = next;
        figures.set(next.figures());
    }

    @Override
    public String toString() {
        return "QuerySlot[" + row + "]";
    }
}
