package io.pgpulse.app.alerts;

import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.core.alerts.AlertEvent;
import io.pgpulse.core.analysis.Severity;

/**
 * Announces alert events with a ControlsFX notification in the corner of the app's window. Runs on
 * the FX thread. Without a window to attach to — on a headless test platform, before the window
 * shows — it does nothing: the alert list still has the event.
 */
final class DesktopNotifier implements Consumer<AlertEvent> {

    @Override
    public void accept(AlertEvent e) {
        if (headless()) {
            return;
        }
        Window owner = owner();
        if (owner == null) {
            return;
        }
        String title = switch (e.type()) {
            case RAISED -> e.severity() == Severity.CRITICAL ? "Critical: " + e.kind().label() : "Warning: " + e.kind().label();
            case ESCALATED -> "Now critical: " + e.kind().label();
            case CLEARED -> "Resolved: " + e.kind().label();
        };
        // The summary can be long; a wrapping label keeps the notification a corner card, not a banner.
        Label text = new Label(e.summary());
        text.setWrapText(true);
        text.setMaxWidth(420);
        text.setPrefWidth(420);
        // The card is light in both themes (ControlsFX's own style), so its content takes the light palette.
        AppTheme palette = AppTheme.LIGHT;
        text.setStyle("-fx-text-fill: " + palette.cssHex(palette.foreground) + ";");
        java.awt.Color c = e.type() == AlertEvent.Type.CLEARED ? palette.active
                : e.severity() == Severity.CRITICAL ? palette.critical : palette.idleInTransaction;
        FontIcon icon = new FontIcon(e.type() == AlertEvent.Type.CLEARED ? Feather.CHECK_CIRCLE : Feather.ALERT_TRIANGLE);
        icon.setIconSize(28);
        // Inline, because the app theme's icon colour rule would win over a plain property.
        icon.setStyle("-fx-icon-color: " + palette.cssHex(c) + ";");
        HBox body = new HBox(12, icon, text);
        body.setAlignment(Pos.CENTER_LEFT);
        Notifications.create()
                .title(title)
                .graphic(body)
                .owner(owner)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(e.type() == AlertEvent.Type.CLEARED ? 6 : 15))
                .show();
    }

    /** The focused app window, else the first one showing. */
    private static Window owner() {
        Window first = null;
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage && w.isShowing()) {
                if (w.isFocused()) {
                    return w;
                }
                if (first == null) {
                    first = w;
                }
            }
        }
        return first;
    }

    private static boolean headless() {
        return "Headless".equalsIgnoreCase(System.getProperty("monocle.platform"));
    }
}
