package io.pgpulse.app.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import io.pgpulse.app.activity.ActivityPage;
import io.pgpulse.app.demo.DemoPage;
import io.pgpulse.app.explain.ExplainPage;
import io.pgpulse.app.indexes.IndexesPage;
import io.pgpulse.app.queries.QueriesPage;
import io.pgpulse.app.demo.DemoViewModel;
import io.pgpulse.app.kit.Page;
import io.pgpulse.app.overview.OverviewPage;
import io.pgpulse.demo.DemoEnvironment;

/** The pages that exist, in navigation order. */
public final class AppPages {
    private AppPages() {}

    public static PageFactory standard() {
        return (live, context) -> {
            List<Page> pages = new ArrayList<>();
            pages.add(new OverviewPage(live, context));
            pages.add(new QueriesPage(live, context));
            pages.add(new ExplainPage(live, context));
            pages.add(new ActivityPage(live, context));
            pages.add(new IndexesPage(live, context));
            pages.add(io.pgpulse.app.alerts.AlertsPage.alertsPage(live, context));
            return pages;
        };
    }

    /**
     * Connects pages that hand work to each other: "Explain" in the Queries view opens the
     * statement in the EXPLAIN view and shows that page.
     */
    static void wireHandOffs(List<Page> pages, IntConsumer show) {
        QueriesPage queries = null;
        ExplainPage explain = null;
        int explainIndex = -1;
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i) instanceof QueriesPage q) {
                queries = q;
            } else if (pages.get(i) instanceof ExplainPage e) {
                explain = e;
                explainIndex = i;
            }
        }
        if (queries == null || explain == null) {
            return;
        }
        ExplainPage target = explain;
        int index = explainIndex;
        queries.viewModel().onExplainProperty().set(sql -> {
            show.accept(index);
            target.viewModel().explainStatement(sql);
        });
    }

    static Page demoPage(DemoEnvironment demo, AppContext context) {
        return new DemoPage(new DemoViewModel(demo, context));
    }
}
