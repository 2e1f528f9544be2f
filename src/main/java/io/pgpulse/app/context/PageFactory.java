package io.pgpulse.app.context;

import java.util.List;

import io.pgpulse.app.kit.Page;

/** Builds the pages of a session's main window; one per feature, in navigation order. */
public interface PageFactory {
    List<Page> pages(LiveSession live, AppContext context);
}
