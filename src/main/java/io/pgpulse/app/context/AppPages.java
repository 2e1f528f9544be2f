package io.pgpulse.app;

import java.util.ArrayList;
import java.util.List;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.PageFactory;
import io.pgpulse.app.demo.DemoPage;
import io.pgpulse.app.kit.Page;
import io.pgpulse.app.overview.OverviewPage;
import io.pgpulse.demo.DemoEnvironment;

/** The pages that exist, in navigation order. */
final class AppPages {
    private AppPages() {}

    static PageFactory standard() {
        return (live, context) -> {
            List<Page> pages = new ArrayList<>();
            pages.add(new OverviewPage(live, context));
            return pages;
        };
    }

    static Page demoPage(DemoEnvironment demo, AppContext context) {
        return new DemoPage(demo, context);
    }
}
