package io.pgpulse.app.alerts;

import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Page;

/** The Alerts page of a session; it shares its alerts with the overview's badge. */
public final class AlertsPage implements Page {
    private final AlertsView view;

    private AlertsPage(AlertsViewModel vm) {
        this.view = new AlertsView(vm);
    }

    /** The Alerts page for a session, on the same {@link AlertsViewModel} as every other view of it. */
    public static Page alertsPage(LiveSession live, AppContext context) {
        return new AlertsPage(AlertsViewModel.forSession(live, context));
    }

    @Override
    public String title() {
        return "Alerts";
    }

    @Override
    public Ikon icon() {
        return Feather.BELL;
    }

    @Override
    public Node view() {
        return view.root();
    }
}
