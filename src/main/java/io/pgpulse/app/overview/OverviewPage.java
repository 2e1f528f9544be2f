package io.pgpulse.app.overview;

import javafx.scene.Node;
import javafx.scene.control.Label;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Page;

/** Placeholder overview page. */
public final class OverviewPage implements Page {
    private final Label view = new Label("Overview");

    public OverviewPage(LiveSession live, AppContext context) {
    }

    @Override
    public String title() {
        return "Overview";
    }

    @Override
    public Ikon icon() {
        return Feather.ACTIVITY;
    }

    @Override
    public Node view() {
        return view;
    }
}
