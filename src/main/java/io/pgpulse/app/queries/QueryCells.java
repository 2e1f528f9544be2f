package io.pgpulse.app.queries;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;

import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.core.statements.query.QueryMarker;
import io.pgpulse.core.statements.query.QueryUnits;

/**
 * The table's cells. Each shows one field of the figures of the {@link QuerySlot} it sits on,
 * and follows that slot by itself: the table only tells a cell which slot it shows, which
 * changes when scrolling, not when the figures change.
 *
 * <p>Why: a table cell whose value changes asks for layout, and a table lays out a row that asked
 * by re-styling all of it; on a refresh that changes every visible figure, that was most of the
 * refresh's cost. Figure cells therefore draw their text in a box of their own whose contents do
 * not ask the row for layout, and place it themselves.
 */
final class QueryCells {
    private QueryCells() {
    }

    /** A cell that renders its slot's figures, now and whenever they change. */
    abstract static class Live extends TableCell<QuerySlot, QuerySlot> {
        private final InvalidationListener changed = o -> show();
        private final WeakInvalidationListener weakChanged = new WeakInvalidationListener(changed);
        private QuerySlot slot;

        @Override
        protected void updateItem(QuerySlot next, boolean empty) {
            super.updateItem(next, empty);
            QuerySlot now = empty ? null : next;
            if (now != slot) {
                if (slot != null) {
                    slot.figuresProperty().removeListener(weakChanged);
                }
                slot = now;
                if (slot != null) {
                    slot.figuresProperty().addListener(weakChanged);
                }
            }
            show();
        }

        private void show() {
            QueryFigures f = slot == null ? null : slot.figuresProperty().get();
            render(f);
        }

        /** Shows {@code f}, or nothing when null (an empty line). */
        protected abstract void render(QueryFigures f);
    }

    /**
     * A box whose contents are placed by the cell and never ask their parents for layout: a new
     * figure is a new text in the same place, not a reason to lay out the row.
     */
    private static final class FixedBox extends Pane {
        private final Runnable place;

        FixedBox(Runnable place) {
            this.place = place;
            setMinWidth(0);
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
        }

        @Override
        protected void layoutChildren() {
            place.run();
        }
    }

    /** A figure as text; "n/a" (muted) when {@code missing} says it is not available. */
    static final class Figure extends Live {
        private final Function<QueryFigures, String> text;
        private final Predicate<QueryFigures> missing;
        private final boolean right;
        private final Text node = new Text();
        private final FixedBox box = new FixedBox(this::place);

        Figure(Function<QueryFigures, String> text, Predicate<QueryFigures> missing, boolean right) {
            this.text = text;
            this.missing = missing;
            this.right = right;
            node.getStyleClass().add("cell-text");
            node.setTextOrigin(VPos.TOP);
            node.setManaged(false);
            // Also when styling first gives the text its font, which changes its width.
            node.layoutBoundsProperty().addListener(o -> place());
            box.getChildren().add(node);
            box.prefWidthProperty().bind(widthProperty().subtract(12));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void render(QueryFigures f) {
            if (f == null) {
                setGraphic(null);
                node.setText("");
                pseudoClassStateChanged(QueriesView.MISSING, false);
                return;
            }
            node.setText(text.apply(f));
            pseudoClassStateChanged(QueriesView.MISSING, missing.test(f));
            setGraphic(box);
            place();
        }

        private void place() {
            Bounds b = node.getLayoutBounds();
            double x = right ? box.getWidth() - b.getWidth() : 0;
            node.relocate(Math.round(Math.max(0, x)), Math.round((box.getHeight() - b.getHeight()) / 2));
        }

        /** What the cell shows, for tests. */
        String shown() {
            return getGraphic() == null ? null : node.getText();
        }
    }

    /**
     * Share of database time as a bar beside the percentage: the heaviest statement stands out
     * without reading.
     */
    static final class Share extends Live {
        private static final double TRACK = 44;
        private static final double GAP = 6;
        private final Region track = new Region();
        private final Region bar = new Region();
        private final Text label = new Text();
        private final FixedBox box = new FixedBox(this::place);
        private double share;

        Share() {
            track.getStyleClass().add("share-track");
            bar.getStyleClass().add("share-bar");
            label.getStyleClass().add("cell-text");
            label.setTextOrigin(VPos.TOP);
            label.layoutBoundsProperty().addListener(o -> place());
            for (javafx.scene.Node n : List.of(track, bar, label)) {
                n.setManaged(false);
            }
            box.getChildren().addAll(track, bar, label);
            box.prefWidthProperty().bind(widthProperty().subtract(12));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void render(QueryFigures f) {
            if (f == null) {
                setGraphic(null);
                return;
            }
            share = Math.max(0, Math.min(1, f.sharePercent().orElse(0) / 100));
            label.setText(QueryUnits.percent(f.sharePercent()));
            setGraphic(box);
            place();
        }

        private void place() {
            Bounds b = label.getLayoutBounds();
            double w = box.getWidth();
            double h = box.getHeight();
            double textX = Math.max(0, w - b.getWidth());
            label.relocate(Math.round(textX), Math.round((h - b.getHeight()) / 2));
            double trackX = Math.max(0, textX - GAP - TRACK);
            double y = Math.round((h - 10) / 2);
            track.resizeRelocate(trackX, y, TRACK, 10);
            bar.resizeRelocate(trackX, y, Math.max(1, Math.round(share * TRACK)), 10);
        }
    }

    /**
     * The statement text on one line, the whole (sampled) text in a tooltip. When it does not fit,
     * its middle gives way: the start says what kind of statement it is and the end (usually the
     * WHERE clause) which one.
     */
    static final class Query extends Live {
        private static final int TOOLTIP_CHARS = 1_500;
        /** Characters measured to learn this text's average width; a table line shows about this many. */
        private static final int SAMPLE = 160;
        /** How far a cut may move to fall between words. */
        private static final int WORD_SLACK = 16;
        private final Tooltip tooltip = new Tooltip();
        private final Text node = new Text();
        private final FixedBox box = new FixedBox(this::place);
        private String full;
        private double fittedWidth = -1;

        Query() {
            node.getStyleClass().add("cell-text");
            node.setTextOrigin(VPos.TOP);
            node.setManaged(false);
            box.getChildren().add(node);
            box.prefWidthProperty().bind(widthProperty().subtract(12));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(640);
            tooltip.setShowDelay(Duration.millis(400));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.getStyleClass().add("query-tooltip");
        }

        @Override
        protected void render(QueryFigures f) {
            if (f == null) {
                setGraphic(null);
                setTooltip(null);
                full = null;
                pseudoClassStateChanged(QueriesView.MISSING, false);
                return;
            }
            setGraphic(box);
            String text = f.text() == null ? "queryid " + f.queryId() + " · text not fetched yet" : f.text();
            pseudoClassStateChanged(QueriesView.MISSING, f.text() == null);
            // The same text object means the same statement's text: nothing to redo.
            if (text == full) {
                return;
            }
            full = text;
            fittedWidth = -1;
            if (f.text() == null) {
                setTooltip(null);
            } else {
                String tip = text.length() > TOOLTIP_CHARS ? text.substring(0, TOOLTIP_CHARS) + " …" : text;
                if (f.textTruncated() || tip.length() < text.length()) {
                    tip += "\n\n(cut here; select the row to read the full text)";
                }
                tooltip.setText(tip);
                setTooltip(tooltip);
            }
            place();
        }

        private void place() {
            double width = box.getWidth();
            if (full == null || width <= 0) {
                return;
            }
            if (width != fittedWidth) {
                fittedWidth = width;
                node.setText(fit(full, width));
            }
            node.relocate(0, Math.round((box.getHeight() - node.getLayoutBounds().getHeight()) / 2));
        }

        /**
         * {@code text}, or its start and end around an ellipsis, to fit {@code width}. Guesses the
         * cut from the width of the first characters and checks it: a few measurements of a line,
         * never of a multi-kilobyte text.
         */
        private String fit(String text, double width) {
            String sample = text.length() > SAMPLE ? text.substring(0, SAMPLE) : text;
            node.setText(sample);
            double sampleWidth = node.getLayoutBounds().getWidth();
            if (sample.length() == text.length() && sampleWidth <= width) {
                return text;
            }
            double perChar = sampleWidth / sample.length();
            int keep = (int) (width / perChar) - 2;
            if (keep >= text.length()) {
                node.setText(text);
                if (node.getLayoutBounds().getWidth() <= width) {
                    return text;
                }
                keep = text.length() - 4;
            }
            for (int attempt = 0; attempt < 6 && keep > 3; attempt++) {
                int head = Math.max(1, keep * 9 / 20);
                int tail = Math.max(1, keep - head);
                String cut = wordsFrom(text, head) + " … " + wordsTo(text, tail);
                node.setText(cut);
                if (node.getLayoutBounds().getWidth() <= width) {
                    return cut;
                }
                keep = keep * 9 / 10;
            }
            return "…";
        }

        /** The first {@code chars} characters, ending at a word boundary when one is near. */
        private static String wordsFrom(String text, int chars) {
            String head = text.substring(0, chars);
            int space = head.lastIndexOf(' ');
            return (space > chars - WORD_SLACK && space > 0 ? head.substring(0, space) : head).stripTrailing();
        }

        /** The last {@code chars} characters, starting at a word boundary when one is near. */
        private static String wordsTo(String text, int chars) {
            String tail = text.substring(text.length() - chars);
            int space = tail.indexOf(' ');
            return (space >= 0 && space < WORD_SLACK ? tail.substring(space + 1) : tail).stripLeading();
        }

        /** What the cell shows, for tests. */
        String shown() {
            return getGraphic() == null ? null : node.getText();
        }

        /** The whole text behind what the cell shows, for tests. */
        String fullText() {
            return full;
        }
    }

    /**
     * The markers as small coloured chips, most urgent first. Every chip stays in the cell and is
     * shown or hidden, so a row whose markers change is neither re-styled nor laid out again.
     */
    static final class Markers extends Live {
        private static final double GAP = 4;
        private final Map<QueryMarker, Label> chips = new EnumMap<>(QueryMarker.class);
        private final FixedBox box = new FixedBox(this::place);
        private final Tooltip tooltip = new Tooltip();
        private List<QueryMarker> shown = List.of();
        private QueryFigures figures;

        Markers() {
            for (QueryMarker m : QueryMarker.values()) {
                Label chip = new Label(m.label());
                chip.getStyleClass().addAll("query-chip", "chip-" + m.id().replace('_', '-'));
                chip.setManaged(false);
                chip.setVisible(false);
                chips.put(m, chip);
                box.getChildren().add(chip);
            }
            box.prefWidthProperty().bind(widthProperty().subtract(12));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(480);
            // Written when it is about to show: the evidence of every visible row on every refresh
            // would be text nobody reads.
            tooltip.setOnShowing(e -> tooltip.setText(figures == null ? "" : QueriesView.markerSummary(figures)));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void render(QueryFigures f) {
            figures = f;
            List<QueryMarker> markers = f == null ? List.of() : QueryMarker.of(f);
            // The box stays the graphic even without markers: swapping graphics lays the row out.
            setGraphic(f == null ? null : box);
            shown = markers;
            for (Map.Entry<QueryMarker, Label> chip : chips.entrySet()) {
                chip.getValue().setVisible(markers.contains(chip.getKey()));
            }
            if (markers.isEmpty()) {
                setTooltip(null);
                return;
            }
            if (f.regression().isPresent()) {
                chips.get(QueryMarker.REGRESSED).setText(String.format(Locale.ROOT, "×%.1f", f.regression().get().factor()));
            }
            setTooltip(tooltip);
            place();
        }

        private void place() {
            double x = 0;
            for (QueryMarker m : shown) {
                Label chip = chips.get(m);
                if (chip.getSkin() == null && chip.getScene() != null) {
                    // A chip shown for the first time has no style yet, hence no size.
                    chip.applyCss();
                }
                chip.autosize();
                chip.relocate(x, Math.round((box.getHeight() - chip.getHeight()) / 2));
                x += chip.getWidth() + GAP;
            }
        }
    }
}
