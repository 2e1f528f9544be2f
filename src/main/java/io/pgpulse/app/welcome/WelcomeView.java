package io.pgpulse.app.welcome;

import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;

import io.pgpulse.app.context.AppContext;

/** Placeholder welcome screen. */
public final class WelcomeView {
    private final VBox root = new VBox();

    public WelcomeView(WelcomeViewModel vm, AppContext context) {
        Button demo = new Button("Try the demo");
        demo.setOnAction(e -> vm.startDemo());
        root.getChildren().add(demo);
    }

    public Parent root() {
        return root;
    }
}
