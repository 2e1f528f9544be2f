package io.pgpulse.app.overview;

import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.alerts.AlertsViewModel;
import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Page;

/** The first page an on-call engineer sees: the connection budget of the live server. */
public final class OverviewPage implements Page {
    private final OverviewView view;

    public OverviewPage(LiveSession live, AppContext context) {
        this.view = new OverviewView(OverviewViewModel.forSession(live, context),
                AlertsViewModel.forSession(live, context), context.themes());
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
        return view.root();
    }

    @Override
    public int shortcut() {
        return 1;
    }
}
