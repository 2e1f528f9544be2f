package io.pgpulse.app.indexes;

import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.Page;
import io.pgpulse.core.explain.ConnectionSource;

/**
 * Index health: unused, duplicate, covered and invalid indexes and foreign keys without one, each
 * with its size, what to check first and the DDL that fixes it. Read when the page is first shown
 * and on Refresh; nothing is read while it sits in the navigation unvisited.
 */
public final class IndexesPage implements Page {
    private final IndexesViewModel vm;
    private final IndexesView view;

    public IndexesPage(LiveSession live, AppContext context) {
        this(new IndexesViewModel(live, context));
    }

    /** For tests and previews: sessions from {@code source}, results through {@code background}. */
    IndexesPage(ConnectionSource source, Background background) {
        this(new IndexesViewModel(source, background));
    }

    /** A page on a given view-model: previews that need its other settings (the role, the statement timeout). */
    IndexesPage(IndexesViewModel vm) {
        this.vm = vm;
        this.view = new IndexesView(vm);
    }

    IndexesViewModel viewModel() {
        return vm;
    }

    IndexesView indexesView() {
        return view;
    }

    @Override
    public String title() {
        return "Indexes";
    }

    @Override
    public Ikon icon() {
        return Feather.LAYERS;
    }

    @Override
    public Node view() {
        return view.root();
    }
}
