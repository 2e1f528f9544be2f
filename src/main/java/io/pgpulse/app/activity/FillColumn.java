package io.pgpulse.app.activity;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.control.TableColumnBase;

/**
 * Gives the last column (the query) whatever width the others leave, but never less than a
 * minimum: the other columns keep the widths they need, and a narrow window scrolls sideways
 * instead of squeezing every column to an ellipsis.
 */
final class FillColumn {
    /** Room for the vertical scroll bar and borders. */
    private static final double CHROME = 18;

    private FillColumn() {
    }

    static void fill(ObservableDoubleValue controlWidth, List<? extends TableColumnBase<?, ?>> columns,
            TableColumnBase<?, ?> last, double minWidth) {
        List<Observable> deps = new ArrayList<>();
        deps.add(controlWidth);
        for (TableColumnBase<?, ?> c : columns) {
            if (c != last) {
                deps.add(c.widthProperty());
                deps.add(c.visibleProperty());
            }
        }
        DoubleBinding rest = Bindings.createDoubleBinding(() -> {
            double used = 0;
            for (TableColumnBase<?, ?> c : columns) {
                if (c != last && c.isVisible()) {
                    used += c.getWidth();
                }
            }
            return Math.max(minWidth, controlWidth.get() - used - CHROME);
        }, deps.toArray(Observable[]::new));
        last.prefWidthProperty().bind(rest);
    }
}
