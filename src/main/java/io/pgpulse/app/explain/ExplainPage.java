package io.pgpulse.app.explain;

import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Page;

/** EXPLAIN that can never write: where "this query is slow" becomes "create this index". */
public final class ExplainPage implements Page {
    private final ExplainViewModel viewModel;
    private final ExplainView view;

    public ExplainPage(LiveSession live, AppContext context) {
        this(new ExplainViewModel(live, context));
    }

    ExplainPage(ExplainViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = new ExplainView(viewModel);
    }

    @Override
    public String title() {
        return "Explain";
    }

    @Override
    public Ikon icon() {
        return Feather.GIT_MERGE;
    }

    @Override
    public Node view() {
        return view.root();
    }

    /** For the shell: the Queries view hands statements to {@link ExplainViewModel#explainStatement}. */
    public ExplainViewModel viewModel() {
        return viewModel;
    }
}
