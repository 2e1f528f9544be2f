package io.pgpulse.core.sampling;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a server on a schedule, off any UI thread, and hands each {@link Snapshot} to listeners.
 *
 * <p>Polls never overlap: a tick that finds the previous poll still running is skipped and
 * counted, never queued. A lost connection puts the sampler into {@link SamplerStatus.Reconnecting}
 * with exponential back-off (1 s doubling to 30 s); the pool opens a new session on the next
 * attempt and polling resumes by itself.
 */
@CoreService
public final class Sampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sampler.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MonitorConnection connection;
    private final SnapshotReader reader;
    private final Clock clock;
    private final CopyOnWriteArrayList<SamplerListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;
    private final ExecutorService poller;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicLong skippedTicks = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();

    private volatile Duration interval;
    private volatile SamplerStatus status = new SamplerStatus.Stopped();
    private volatile boolean paused;
    private volatile boolean forceTextsNext;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile Instant lastSuccess;
    private int failedAttempts;
    private ScheduledFuture<?> schedule;

    public Sampler(MonitorConnection connection, Capabilities capabilities, SamplerConfig config, Clock clock) {
        this.connection = Objects.requireNonNull(connection);
        this.reader = new SnapshotReader(capabilities, config);
        this.clock = clock;
        this.interval = connection.settings().refreshInterval();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pgpulse-sampler-tick"));
        this.poller = Executors.newSingleThreadExecutor(r -> daemon(r, "pgpulse-sampler-poll"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void addListener(SamplerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SamplerListener listener) {
        listeners.remove(listener);
    }

    public synchronized void start() {
        if (schedule != null) {
            return;
        }
        schedule = ticker.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Changes how often the sampler polls (1–60 s). The server-side statement timeout of already
     * open sessions stays as it was; a reconnect applies the new one.
     */
    public synchronized void setInterval(Duration newInterval) {
        MonitorSettings.withInterval(newInterval);
        this.interval = newInterval;
        if (schedule != null) {
            schedule.cancel(false);
            schedule = ticker.scheduleAtFixedRate(this::tick, newInterval.toMillis(), newInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public Duration interval() {
        return interval;
    }

    public void pause() {
        paused = true;
        publish(new SamplerStatus.Paused(clock.instant()));
    }

    public void resume() {
        paused = false;
        publish(lastSuccess == null ? new SamplerStatus.Stopped() : new SamplerStatus.Connected(lastSuccess));
    }

    public boolean isPaused() {
        return paused;
    }

    /** The next poll reads texts for every entry, not only this interval's (the CLI report does this last). */
    public void requestAllTexts() {
        forceTextsNext = true;
    }

    public SamplerStatus status() {
        return status;
    }

    /** Ticks that found the previous poll still running. */
    public long skippedTicks() {
        return skippedTicks.get();
    }

    public long completedPolls() {
        return polls.get();
    }

    /** Runs one poll now on the poll thread, unless one is running; for tests and the CLI. */
    public Future<?> pollNow() {
        if (!polling.compareAndSet(false, true)) {
            skippedTicks.incrementAndGet();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return poller.submit(this::pollOnce);
    }

    private void tick() {
        if (paused) {
            return;
        }
        if (clock.instant().isBefore(nextAttempt)) {
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            skippedTicks.incrementAndGet();
            log.debug("Previous poll still running: tick skipped ({} so far)", skippedTicks.get());
            return;
        }
        poller.execute(this::pollOnce);
    }

    private void pollOnce() {
        try {
            boolean force = forceTextsNext;
            forceTextsNext = false;
            Snapshot snapshot;
            try (Connection c = connection.borrow()) {
                snapshot = reader.read(c, force);
            }
            failedAttempts = 0;
            nextAttempt = Instant.MIN;
            lastSuccess = clock.instant();
            polls.incrementAndGet();
            publish(new SamplerStatus.Connected(lastSuccess));
            for (SamplerListener l : listeners) {
                try {
                    l.onSnapshot(snapshot);
                } catch (RuntimeException e) {
                    log.error("A snapshot listener failed", e);
                }
            }
        } catch (SQLException e) {
            failedAttempts++;
            Duration backoff = Duration.ofSeconds(1L << Math.min(failedAttempts - 1, 5));
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                backoff = MAX_BACKOFF;
            }
            nextAttempt = clock.instant().plus(backoff);
            String reason = SnapshotReader.isConnectionError(e) ? "connection lost (" + e.getSQLState() + ")" : e.getMessage();
            log.warn("Poll failed ({}); retrying in {} s", reason, backoff.toSeconds());
            publish(new SamplerStatus.Reconnecting(nextAttempt, failedAttempts,
                    lastSuccess == null ? clock.instant() : lastSuccess, reason));
        } catch (RuntimeException e) {
            log.error("Poll failed unexpectedly", e);
        } finally {
            polling.set(false);
        }
    }

    private void publish(SamplerStatus s) {
        status = s;
        for (SamplerListener l : listeners) {
            try {
                l.onStatus(s);
            } catch (RuntimeException e) {
                log.error("A status listener failed", e);
            }
        }
    }

    /** Stops polling and waits briefly for a running poll; does not close the connection. */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
        ticker.shutdownNow();
        poller.shutdown();
        try {
            if (!poller.awaitTermination(connection.settings().socketTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        status = new SamplerStatus.Stopped();
    }
}
