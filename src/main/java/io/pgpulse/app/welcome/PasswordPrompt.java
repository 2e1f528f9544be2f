package io.pgpulse.app.welcome;

import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.app.theme.ThemeManager;

/** Asks for a profile's password; "remember" is offered only when a keychain can keep it. */
final class PasswordPrompt {
    private PasswordPrompt() {}

    static Dialog<ButtonType> show(Window owner, PasswordRequest request) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Password — PgPulse");
        dialog.setHeaderText("Password for '" + request.profileName() + "'");
        dialog.setGraphic(new FontIcon(Feather.LOCK));

        Label why = new Label(request.message());
        why.setWrapText(true);
        why.setId("prompt-message");
        why.getStyleClass().add("muted");
        PasswordField password = new PasswordField();
        password.setId("prompt-password");
        password.setPromptText("Password");
        VBox content = new VBox(12, why, password);
        CheckBox remember = new CheckBox("Remember in the keychain");
        remember.setId("prompt-remember");
        if (request.canRemember()) {
            content.getChildren().add(remember);
        }
        content.setPrefWidth(420);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getStylesheets().add(ThemeManager.appStylesheet());

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, connect);
        dialog.getDialogPane().lookupButton(connect).setId("prompt-connect");
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("prompt-cancel");
        dialog.setResultConverter(button -> button);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == connect) {
                request.submit(password.getText(), remember.isSelected());
            } else {
                request.cancel();
            }
            password.clear();
        });
        dialog.show();
        Platform.runLater(password::requestFocus);
        return dialog;
    }
}
