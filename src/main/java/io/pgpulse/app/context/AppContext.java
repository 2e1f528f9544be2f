package io.pgpulse.app.context;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.app.theme.ThemeManager;

/**
 * The composition root: the few long-lived services every screen shares. Views get what they
 * need from here through their view-models; nothing else constructs services.
 */
public final class AppContext implements AutoCloseable {
    private final UiExecutor ui;
    private final Background background;
    private final ThemeManager themes;

    public AppContext(UiExecutor ui, ThemeManager themes) {
        this.ui = ui;
        this.background = new Background(ui);
        this.themes = themes;
    }

    public UiExecutor ui() {
        return ui;
    }

    public Background background() {
        return background;
    }

    public ThemeManager themes() {
        return themes;
    }

    @Override
    public void close() {
        background.close();
    }
}
