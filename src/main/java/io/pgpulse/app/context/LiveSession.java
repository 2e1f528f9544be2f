package io.pgpulse.app.context;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.sampling.SamplerListener;
import io.pgpulse.core.sampling.SamplerStatus;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.MonitorSession;

/**
 * A monitored server as the UI sees it: snapshots and status changes delivered on the UI thread.
 * Deliveries are coalesced: if the UI is busy when several polls complete, it gets only the
 * newest snapshot, never a queue of stale ones (the history still has every poll).
 */
public final class LiveSession implements AutoCloseable {
    private final MonitorSession session;
    private final UiExecutor ui;
    private final List<Consumer<Snapshot>> snapshotConsumers = new CopyOnWriteArrayList<>();
    private final List<Consumer<SamplerStatus>> statusConsumers = new CopyOnWriteArrayList<>();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final AtomicBoolean deliveryPending = new AtomicBoolean();
    private final String label;

    public LiveSession(MonitorSession session, UiExecutor ui, String label) {
        this.session = session;
        this.ui = ui;
        this.label = label;
        session.sampler().addListener(new SamplerListener() {
            @Override
            public void onSnapshot(Snapshot snapshot) {
                latest.set(snapshot);
                if (deliveryPending.compareAndSet(false, true)) {
                    ui.execute(LiveSession.this::deliver);
                }
            }

            @Override
            public void onStatus(SamplerStatus status) {
                ui.execute(() -> statusConsumers.forEach(c -> c.accept(status)));
            }
        });
    }

    private void deliver() {
        deliveryPending.set(false);
        Snapshot s = latest.get();
        if (s != null) {
            snapshotConsumers.forEach(c -> c.accept(s));
        }
    }

    /** Called on the UI thread with every delivered snapshot (and at once with the newest, if any). */
    public void onSnapshot(Consumer<Snapshot> consumer) {
        snapshotConsumers.add(consumer);
        Snapshot s = latest.get();
        if (s != null) {
            consumer.accept(s);
        }
    }

    public void onStatus(Consumer<SamplerStatus> consumer) {
        statusConsumers.add(consumer);
    }

    public MonitorSession session() {
        return session;
    }

    /** What the user connected to, e.g. "demo" or a profile name; never contains a secret. */
    public String label() {
        return label;
    }

    public Snapshot latest() {
        return latest.get();
    }

    public void start() {
        session.start();
    }

    @Override
    public void close() {
        snapshotConsumers.clear();
        statusConsumers.clear();
        session.close();
    }
}
