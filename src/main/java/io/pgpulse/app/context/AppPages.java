package io.pgpulse.app.context;

import java.util.ArrayList;
import java.util.List;

import io.pgpulse.app.activity.ActivityPage;
import io.pgpulse.app.demo.DemoPage;
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
            pages.add(new ActivityPage(live, context));
            pages.add(io.pgpulse.app.alerts.AlertsPage.alertsPage(live, context));
            return pages;
        };
    }

    static Page demoPage(DemoEnvironment demo, AppContext context) {
        return new DemoPage(new DemoViewModel(demo, context));
    }
}
