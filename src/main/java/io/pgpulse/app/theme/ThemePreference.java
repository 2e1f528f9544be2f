package io.pgpulse.app.theme;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theme the user chose last, kept in the user's Java preferences. Reading happens before the
 * toolkit starts and writing on a background thread: preferences are files.
 */
public final class ThemePreference {
    private static final Logger log = LoggerFactory.getLogger(ThemePreference.class);
    private static final String KEY = "theme";

    private ThemePreference() {}

    /** The saved theme, or null; call before the JavaFX toolkit starts (it reads a file). */
    public static AppTheme load() {
        try {
            String v = node().get(KEY, null);
            return v == null ? null : AppTheme.valueOf(v);
        } catch (RuntimeException e) {
            log.debug("No usable theme preference", e);
            return null;
        }
    }

    /** Saves the choice without blocking the caller. */
    public static void saveInBackground(AppTheme theme) {
        Thread t = new Thread(() -> {
            try {
                Preferences node = node();
                node.put(KEY, theme.name());
                node.flush();
            } catch (BackingStoreException | RuntimeException e) {
                log.debug("Could not save the theme preference", e);
            }
        }, "pgpulse-theme-preference");
        t.setDaemon(true);
        t.start();
    }

    private static Preferences node() {
        return Preferences.userRoot().node("io/pgpulse");
    }
}
