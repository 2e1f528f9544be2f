package io.pgpulse.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.pgpulse.core.CoreService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's load generator: one switch per {@link Scenario}, each run by daemon threads named
 * {@code demo-<scenario>-N} on plain JDBC sessions of the shop's application role.
 *
 * <p>Switching on returns at once (workers connect by themselves). Switching off returns a future
 * that completes when the scenario's threads have ended and its sessions are gone: statements are
 * cancelled, sleeping workers woken, and after a few seconds sockets are dropped and leftover
 * backends terminated. Workers back off on errors, so a vanished server costs no CPU.
 *
 * <p>Scenarios that stall on purpose ({@link Scenario#MIGRATION_STALL}) arm once per switch-on:
 * after PgPulse resolves the stall they stay resolved until switched off and on again.
 */
@CoreService
public final class Workload implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workload.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final SessionFactory sessions;
    private final Map<Scenario, ScenarioCounters> counters = new EnumMap<>(Scenario.class);
    private final Map<Scenario, ScenarioRun> running = new EnumMap<>(Scenario.class);
    private final Map<Scenario, ScenarioRun> lastRun = new EnumMap<>(Scenario.class);
    private final Map<Scenario, CompletableFuture<Void>> stopping = new EnumMap<>(Scenario.class);
    private final List<Thread> stoppers = new CopyOnWriteArrayList<>();
    private final List<WorkloadListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "demo-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lostUpdates = new AtomicLong();
    private volatile RaceFix raceFix = RaceFix.NONE;
    private boolean closed;

    Workload(SessionFactory sessions) {
        this.sessions = Objects.requireNonNull(sessions);
        for (Scenario s : Scenario.values()) {
            counters.put(s, new ScenarioCounters());
        }
    }

    public void addListener(WorkloadListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(WorkloadListener listener) {
        listeners.remove(listener);
    }

    /**
     * Switches a scenario on; does nothing if it is on. If the scenario is still stopping from a
     * previous switch-off, waits for that first (a few seconds at most), so two runs never overlap.
     */
    public void enable(Scenario scenario) {
        Objects.requireNonNull(scenario);
        while (true) {
            CompletableFuture<Void> previous;
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("The demo workload is closed");
                }
                if (running.containsKey(scenario)) {
                    return;
                }
                previous = stopping.get(scenario);
                if (previous == null) {
                    ScenarioRun run = newRun(scenario);
                    running.put(scenario, run);
                    lastRun.put(scenario, run);
                    fireState(scenario, ScenarioState.RUNNING);
                    run.start();
                    log.info("Demo scenario {} on", scenario);
                    return;
                }
            }
            previous.join();
        }
    }

    /** Switches a scenario off; the future completes once its threads and sessions are gone. */
    public synchronized CompletableFuture<Void> disable(Scenario scenario) {
        Objects.requireNonNull(scenario);
        ScenarioRun run = running.remove(scenario);
        if (run == null) {
            return stopping.getOrDefault(scenario, CompletableFuture.completedFuture(null));
        }
        fireState(scenario, ScenarioState.STOPPING);
        CompletableFuture<Void> done = new CompletableFuture<>();
        stopping.put(scenario, done);
        Thread stopper = new Thread(() -> {
            try {
                run.stop();
            } finally {
                synchronized (this) {
                    stopping.remove(scenario);
                    fireState(scenario, ScenarioState.OFF);
                }
                log.info("Demo scenario {} off", scenario);
                done.complete(null);
            }
        }, "demo-" + scenario.slug() + "-stop");
        stopper.setDaemon(true);
        stoppers.removeIf(t -> !t.isAlive());
        stoppers.add(stopper);
        stopper.start();
        return done;
    }

    public synchronized boolean isEnabled(Scenario scenario) {
        return running.containsKey(scenario);
    }

    public synchronized Set<Scenario> enabledScenarios() {
        return running.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(running.keySet());
    }

    public synchronized ScenarioState state(Scenario scenario) {
        if (running.containsKey(scenario)) {
            return ScenarioState.RUNNING;
        }
        return stopping.containsKey(scenario) ? ScenarioState.STOPPING : ScenarioState.OFF;
    }

    public ScenarioStats stats(Scenario scenario) {
        ScenarioState state;
        ScenarioRun run;
        synchronized (this) {
            state = state(scenario);
            run = lastRun.get(scenario);
        }
        ScenarioCounters c = counters.get(scenario);
        String status = run == null ? "Off" : state == ScenarioState.RUNNING ? run.status() : "Off; last: " + run.status();
        return new ScenarioStats(scenario, state, c.queries(), c.errors(), c.lastError(), status);
    }

    /** Payments of {@link Scenario#BALANCE_RACE} that another payment silently overwrote. */
    public long lostUpdates() {
        return lostUpdates.get();
    }

    public RaceFix raceFix() {
        return raceFix;
    }

    /** Switches the balance race between the bug and its fixes; running payers pick it up on their next payment. */
    public void raceFix(RaceFix fix) {
        this.raceFix = Objects.requireNonNull(fix);
    }

    /** Stops every scenario and waits for them (a few seconds at most), then stops the event thread. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Scenario s : List.copyOf(running.keySet())) {
                pending.add(disable(s));
            }
            pending.addAll(stopping.values());
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Demo scenarios did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("A demo scenario failed while stopping", e.getCause());
        }
        for (Thread t : stoppers) {
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private ScenarioRun newRun(Scenario scenario) {
        ScenarioCounters c = counters.get(scenario);
        ScenarioRun.StatusSink sink = this::fireStatus;
        return switch (scenario) {
            case BASELINE -> new BaselineTraffic(sessions, c, sink);
            case CONNECTION_STORM -> new ConnectionStorm(sessions, c, sink);
            case N_PLUS_ONE -> new NPlusOne(sessions, c, sink);
            case SLOW_QUERY -> new SlowQuery(sessions, c, sink);
            case MIGRATION_STALL -> new MigrationStall(sessions, c, sink);
            case BALANCE_RACE -> new BalanceRace(sessions, c, sink, this::raceFix, lostUpdates);
        };
    }

    private void fireState(Scenario scenario, ScenarioState state) {
        dispatch(l -> l.stateChanged(scenario, state));
    }

    private void fireStatus(Scenario scenario, String status) {
        dispatch(l -> l.statusChanged(scenario, status));
    }

    private void dispatch(Consumer<WorkloadListener> call) {
        if (listeners.isEmpty() || events.isShutdown()) {
            return;
        }
        List<WorkloadListener> targets = Collections.unmodifiableList(new ArrayList<>(listeners));
        try {
            events.execute(() -> {
                for (WorkloadListener l : targets) {
                    try {
                        call.accept(l);
                    } catch (RuntimeException e) {
                        log.warn("A demo workload listener failed", e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Workload event dropped after close", e);
        }
    }
}
