package io.pgpulse.app.queries;

import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Page;

/**
 * Slow and repeated queries: where a developer finds the query to fix and an on-call engineer the
 * query eating the database.
 */
public final class QueriesPage implements Page {
    private final QueriesViewModel viewModel;
    private final QueriesView view;

    public QueriesPage(LiveSession live, AppContext context) {
        this.viewModel = new QueriesViewModel(live, context);
        this.view = new QueriesView(viewModel, context.themes().themeProperty());
    }

    @Override
    public String title() {
        return "Queries";
    }

    @Override
    public Ikon icon() {
        return Feather.ZAP;
    }

    @Override
    public Node view() {
        return view.root();
    }

    @Override
    public int shortcut() {
        return 2;
    }

    /** For the shell, to hand "Explain" to the EXPLAIN view once it exists. */
    public QueriesViewModel viewModel() {
        return viewModel;
    }
}
