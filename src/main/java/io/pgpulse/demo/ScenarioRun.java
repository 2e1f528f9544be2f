package io.pgpulse.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switched-on period of a scenario: its worker threads, the sessions they hold, and how to take
 * all of it down again. Each worker owns its sessions; {@link #stop()} only cancels, interrupts and,
 * as a last resort, aborts sockets and terminates the leftover backends, so nothing a scenario
 * started outlives it, not even a backend still queued for a lock after its client went away.
 */
abstract class ScenarioRun {
    private static final Logger log = LoggerFactory.getLogger(ScenarioRun.class);

    /** How long workers get to wind down on their own before their sockets are dropped. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration ABORT_GRACE = Duration.ofSeconds(2);
    private static final Duration CANCEL_REPEAT = Duration.ofMillis(300);

    @FunctionalInterface
    interface StatusSink {
        void statusChanged(Scenario scenario, String status);
    }

    @FunctionalInterface
    interface Step {
        void run(DemoSession session) throws SQLException;
    }

    @FunctionalInterface
    interface Action {
        void run() throws SQLException;
    }

    final Scenario scenario;
    final ScenarioCounters counters;
    private final SessionFactory sessions;
    private final StatusSink statusSink;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Set<DemoSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String status = "Starting";

    ScenarioRun(Scenario scenario, SessionFactory sessions, ScenarioCounters counters, StatusSink statusSink) {
        this.scenario = scenario;
        this.sessions = sessions;
        this.counters = counters;
        this.statusSink = statusSink;
    }

    /** Starts the worker threads; returns at once. */
    abstract void start();

    /** Undoes what the scenario changed on the server, after every worker has ended. */
    void cleanUp(DemoSession control) throws SQLException {
    }

    boolean needsCleanUp() {
        return false;
    }

    final String status() {
        return status;
    }

    final void status(String text) {
        if (!text.equals(status)) {
            status = text;
            statusSink.statusChanged(scenario, text);
        }
    }

    final boolean running() {
        return !stopping;
    }

    /** Starts a daemon worker named {@code demo-<scenario>-N}. */
    final void spawn(Runnable body) {
        String name = "demo-" + scenario.slug() + "-" + threadNumber.incrementAndGet();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                log.warn("Demo worker {} failed", Thread.currentThread().getName(), e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    final DemoSession open(SessionSpec spec) throws SQLException {
        DemoSession s = sessions.open(spec);
        open.add(s);
        s.onClose(() -> open.remove(s));
        return s;
    }

    /** Waits, unless the scenario is stopping; returns whether it is still running. */
    final boolean pause(Duration d) {
        try {
            return !stopSignal.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Only stop() interrupts, after raising the signal. The signal, not the interrupt status,
            // ends the loops, so closing sessions on the way out runs undisturbed.
            Thread.interrupted();
            return running();
        }
    }

    /** Waits until the scenario is switched off. */
    final void awaitStop() {
        while (running()) {
            try {
                stopSignal.await();
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    final boolean pause(int minMillis, int maxMillis) {
        return pause(Duration.ofMillis(ThreadLocalRandom.current().nextInt(minMillis, maxMillis + 1)));
    }

    /**
     * Runs {@code step} over and over on one session of {@code spec}. A failed step is counted and
     * followed by a growing pause; a broken session is replaced, a healthy one rolled back and reused.
     */
    final void repeat(SessionSpec spec, Step step) {
        Backoff backoff = new Backoff();
        DemoSession session = null;
        try {
            while (running()) {
                try {
                    if (session == null) {
                        session = open(spec);
                    }
                    step.run(session);
                    backoff.reset();
                } catch (SQLException e) {
                    if (!running()) {
                        break;
                    }
                    counters.failed(e);
                    if (session != null && session.isBroken(e)) {
                        session.close();
                        session = null;
                    } else if (session != null) {
                        session.rollbackQuietly();
                    }
                    pause(backoff.next());
                }
            }
        } finally {
            if (session != null) {
                session.rollbackQuietly();
                session.close();
            }
        }
    }

    /** Like {@link #repeat} for work that opens its own sessions. */
    final void loop(Action action) {
        Backoff backoff = new Backoff();
        while (running()) {
            try {
                action.run();
                backoff.reset();
            } catch (SQLException e) {
                if (!running()) {
                    break;
                }
                counters.failed(e);
                pause(backoff.next());
            }
        }
    }

    /** Runs {@code work} as one transaction on an autocommit session, rolling back if it fails. */
    static <T> T inTransaction(Connection c, DemoSession.Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    /** Runs a prepared query and reads every row, as an application would; returns the row count. */
    static int drain(PreparedStatement ps) throws SQLException {
        int rows = 0;
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    /**
     * Ends the run and returns when its workers are gone: cancel what is running, wake the sleepers,
     * and if that is not enough, drop the sockets and terminate the backends that remain.
     */
    final void stop() {
        stopping = true;
        stopSignal.countDown();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        boolean interrupted = false;
        while (anyAlive() && System.nanoTime() < deadline) {
            open.forEach(DemoSession::cancel);
            if (!interrupted) {
                threads.forEach(Thread::interrupt);
                interrupted = true;
            }
            joinAll(Math.min(CANCEL_REPEAT.toNanos(), deadline - System.nanoTime()));
        }
        Map<Integer, String> leftovers = new ConcurrentHashMap<>();
        if (anyAlive()) {
            log.warn("Demo scenario {} did not stop within {} s; dropping its connections", scenario, STOP_GRACE.toSeconds());
            for (DemoSession s : List.copyOf(open)) {
                leftovers.put(s.pid(), s.applicationName());
                s.abort();
            }
            joinAll(ABORT_GRACE.toNanos());
        }
        for (DemoSession s : List.copyOf(open)) {
            leftovers.put(s.pid(), s.applicationName());
        }
        if (!leftovers.isEmpty() || needsCleanUp()) {
            withControlSession(control -> {
                terminate(control, leftovers);
                cleanUp(control);
            });
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                log.warn("Demo worker {} is still alive after stop", t.getName());
            }
        }
    }

    private boolean anyAlive() {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private void joinAll(long nanos) {
        long deadline = System.nanoTime() + Math.max(0, nanos);
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void withControlSession(Step work) {
        try (DemoSession control = sessions.open(SessionSpec.app("demo-control", Duration.ofSeconds(5)))) {
            work.run(control);
        } catch (SQLException e) {
            // Most likely the server is gone, and with it everything there was to clean up.
            log.info("Demo scenario {}: clean-up skipped ({})", scenario, ScenarioCounters.describe(e));
        }
    }

    /**
     * A backend whose client vanished while it waited for a lock stays in the lock queue, so the
     * leftovers are terminated, matched by pid and application name: the pid alone may have been reused.
     */
    private static void terminate(DemoSession control, Map<Integer, String> leftovers) throws SQLException {
        if (leftovers.isEmpty()) {
            return;
        }
        List<Integer> pids = new ArrayList<>(leftovers.keySet());
        control.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE pid = ? AND application_name = ? AND usename = current_user")) {
                for (Integer pid : pids) {
                    ps.setInt(1, pid);
                    ps.setString(2, leftovers.get(pid));
                    drain(ps);
                }
            }
            return null;
        });
    }

    /** 250 ms, doubling to 5 s, with jitter: a worker never spins against a server that is gone. */
    static final class Backoff {
        private long millis;

        Duration next() {
            millis = millis == 0 ? 250 : Math.min(5_000, millis * 2);
            return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        }

        void reset() {
            millis = 0;
        }
    }
}
