package io.pgpulse.app.kit;

import javafx.application.Platform;

/** Runs tasks on the JavaFX application thread (immediately when already on it). */
public final class FxUiExecutor implements UiExecutor {
    @Override
    public void execute(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }
}
