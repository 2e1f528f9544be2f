package io.pgpulse.app.kit;

/**
 * The one way background code reaches the UI thread. The app uses {@link FxUiExecutor}; view-model
 * tests use {@link #direct()} so asynchronous code runs deterministically without a toolkit.
 */
public interface UiExecutor {
    void execute(Runnable task);

    static UiExecutor direct() {
        return Runnable::run;
    }
}
