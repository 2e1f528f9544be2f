package io.pgpulse.app.theme;

import java.util.Objects;

import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * Theme in one place: the AtlantaFX stylesheet for controls, PgPulse's own stylesheet, and the
 * {@link AppTheme} palette that chart adapters listen to, so charts switch with everything else.
 */
public final class ThemeManager {
    private final ObjectProperty<AppTheme> theme = new SimpleObjectProperty<>(AppTheme.DARK);

    public ThemeManager(AppTheme initial) {
        theme.set(Objects.requireNonNull(initial));
        theme.addListener((obs, old, now) -> applyUserAgentStylesheet());
    }

    public ObjectProperty<AppTheme> themeProperty() {
        return theme;
    }

    public AppTheme theme() {
        return theme.get();
    }

    public void toggle() {
        theme.set(theme.get() == AppTheme.DARK ? AppTheme.LIGHT : AppTheme.DARK);
    }

    /** Installs the stylesheet of the current theme for the whole application. */
    public void applyUserAgentStylesheet() {
        Application.setUserAgentStylesheet(theme.get() == AppTheme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** PgPulse's own stylesheet (status colours, big figures), added to every scene. */
    public static String appStylesheet() {
        return Objects.requireNonNull(ThemeManager.class.getResource("pgpulse.css")).toExternalForm();
    }
}
