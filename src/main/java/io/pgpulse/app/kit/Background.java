package io.pgpulse.app.kit;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the app does I/O: JDBC, files, the keychain. Results come back on the UI thread through
 * the {@link UiExecutor}, so a view-model never blocks the FX thread and never touches a control
 * from elsewhere.
 */
public final class Background implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor;
    private final UiExecutor ui;

    public Background(UiExecutor ui) {
        this.ui = ui;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pgpulse-bg-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} off the UI thread, then {@code onSuccess} or {@code onFailure} on it. */
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                T result = work.call();
                future.complete(result);
                ui.execute(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                future.completeExceptionally(e);
                if (!(e instanceof InterruptedException)) {
                    log.debug("Background task failed", e);
                }
                ui.execute(() -> onFailure.accept(e));
            }
        });
        return future;
    }

    public UiExecutor ui() {
        return ui;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
