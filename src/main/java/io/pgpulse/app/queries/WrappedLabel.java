package io.pgpulse.app.queries;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;

/**
 * A label that wraps its text and remembers its heights for the last width asked, until something
 * that can change them asks it for layout (its text, font, padding or style).
 *
 * <p>Why: a layout pane asks a wrapping label for its height at a given width, which JavaFX does
 * not cache, and a pane of such labels asks several times per pulse (minimum and preferred, the
 * pane's own size, then laying out) — each time laying out the whole text again. On a page whose
 * findings and detail change every refresh, that re-measuring was a good part of the refresh.
 */
final class WrappedLabel extends Label {
    private double prefWidthAsked = Double.NaN;
    private double prefHeight;
    private double minWidthAsked = Double.NaN;
    private double minHeight;

    WrappedLabel() {
        setWrapText(true);
        InvalidationListener forget = o -> forget();
        textProperty().addListener(forget);
        fontProperty().addListener(forget);
        wrapTextProperty().addListener(forget);
        graphicProperty().addListener(forget);
    }

    @Override
    public void requestLayout() {
        forget();
        super.requestLayout();
    }

    private void forget() {
        prefWidthAsked = Double.NaN;
        minWidthAsked = Double.NaN;
    }

    @Override
    protected double computePrefHeight(double width) {
        // NaN never equals: the first question after a change is always computed.
        if (width != prefWidthAsked) {
            prefHeight = super.computePrefHeight(width);
            prefWidthAsked = width;
        }
        return prefHeight;
    }

    @Override
    protected double computeMinHeight(double width) {
        if (width != minWidthAsked) {
            minHeight = super.computeMinHeight(width);
            minWidthAsked = width;
        }
        return minHeight;
    }
}
