package io.pgpulse.app.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.Format;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.RaceFix;
import io.pgpulse.demo.Scenario;
import io.pgpulse.demo.ScenarioState;
import io.pgpulse.demo.Workload;
import io.pgpulse.demo.WorkloadListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Demo panel's state: what the demo database is, one {@link ScenarioViewModel} per scenario,
 * and the balance race's lost-update counter and fix.
 *
 * <p>Switching a scenario on can wait for its previous run to wind down and switching it off waits
 * for its sessions to go, so both run on the {@link Background}. Reading the figures is not I/O
 * (the workload keeps them in memory), so {@link #refresh()} runs on the caller's thread; the view
 * calls it on a timer while the page is showing, and workload events trigger it as well.
 */
public final class DemoViewModel {
    private static final Logger log = LoggerFactory.getLogger(DemoViewModel.class);
    /** Longer than the workload's own worst case for taking a scenario down (grace, abort, terminate). */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** How far back "is the lost-update counter still rising?" looks. */
    static final Duration TREND_WINDOW = Duration.ofSeconds(10);
    /**
     * After the guard changes, payments begun under the old one still finish (each takes well under
     * a second) and may still lose an update; the trend starts counting once they are done, so a fix
     * is not reported as failing because of payments that started before it.
     */
    static final Duration FIX_SETTLE = Duration.ofSeconds(2);

    private final DemoEnvironment demo;
    private final Workload workload;
    private final Background background;
    private final UiExecutor ui;
    private final LongSupplier nanoClock;
    private final Map<Scenario, ScenarioViewModel> scenarios = new EnumMap<>(Scenario.class);

    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper anyOn = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper stoppingAll = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stopAllError = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper lostUpdates = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper lostUpdatesTrend = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper lostUpdatesRising = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<RaceFix> raceFix = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper raceFixExplanation = new ReadOnlyStringWrapper();
    private final Deque<Sample> lostUpdateSamples = new ArrayDeque<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private String serverVersion;
    private long settleUntil;

    private record Sample(long nanos, long lostUpdates) {}

    public DemoViewModel(DemoEnvironment demo, AppContext context) {
        this(demo, context.background(), System::nanoTime);
    }

    DemoViewModel(DemoEnvironment demo, Background background, LongSupplier nanoClock) {
        this.demo = demo;
        this.workload = demo.workload();
        this.background = background;
        this.ui = background.ui();
        this.nanoClock = nanoClock;
        this.settleUntil = nanoClock.getAsLong();
        for (Scenario s : Scenario.values()) {
            scenarios.put(s, new ScenarioViewModel(s, on -> switchScenario(s, on)));
        }
        header.set(describeDemo());
        raceFix.set(workload.raceFix());
        raceFixExplanation.set(why(workload.raceFix()));
        raceFix.addListener((obs, old, now) -> {
            if (now == null) {
                raceFix.set(old);
                return;
            }
            // A field the payers read before each payment: no I/O, nothing to wait for.
            workload.raceFix(now);
            raceFixExplanation.set(why(now));
            lostUpdateSamples.clear();
            settleUntil = nanoClock.getAsLong() + FIX_SETTLE.toNanos();
            refresh();
        });
        workload.addListener(new WorkloadListener() {
            @Override
            public void stateChanged(Scenario scenario, ScenarioState state) {
                refreshSoon();
            }

            @Override
            public void statusChanged(Scenario scenario, String status) {
                refreshSoon();
            }
        });
        refresh();
        background.run(() -> serverVersion(demo.monitorJdbcUrl(), demo.monitorUser()), version -> {
            serverVersion = version;
            header.set(describeDemo());
        }, e -> log.debug("Could not read the demo server's version; the header leaves it out", e));
    }

    /** Every scenario, in the order the panel shows them. */
    public List<ScenarioViewModel> scenarios() {
        return List.copyOf(scenarios.values());
    }

    public ScenarioViewModel scenario(Scenario scenario) {
        return scenarios.get(scenario);
    }

    /** What the demo database is and that it is thrown away, in one sentence. */
    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    /** At least one scenario is on or still stopping, so "Stop all" has something to do. */
    public ReadOnlyBooleanProperty anyOnProperty() {
        return anyOn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stoppingAllProperty() {
        return stoppingAll.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stopAllErrorProperty() {
        return stopAllError.getReadOnlyProperty();
    }

    /** Payments of the balance race that another payment silently overwrote, since the demo started. */
    public ReadOnlyLongProperty lostUpdatesProperty() {
        return lostUpdates.getReadOnlyProperty();
    }

    /** Whether the counter is still moving, e.g. "+4 in the last 10 s". */
    public ReadOnlyStringProperty lostUpdatesTrendProperty() {
        return lostUpdatesTrend.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lostUpdatesRisingProperty() {
        return lostUpdatesRising.getReadOnlyProperty();
    }

    /** How the race's payments guard their read-then-write; running payers switch on their next payment. */
    public ObjectProperty<RaceFix> raceFixProperty() {
        return raceFix;
    }

    /** One sentence on why the chosen guard loses updates or prevents it. */
    public ReadOnlyStringProperty raceFixExplanationProperty() {
        return raceFixExplanation.getReadOnlyProperty();
    }

    /** Switches every scenario off, the baseline included; the database itself stays up. */
    public void stopAll() {
        if (stoppingAll.get()) {
            return;
        }
        stoppingAll.set(true);
        stopAllError.set("");
        background.run(() -> {
            CompletableFuture<?>[] stops = new CompletableFuture<?>[Scenario.values().length];
            for (Scenario s : Scenario.values()) {
                stops[s.ordinal()] = workload.disable(s);
            }
            CompletableFuture.allOf(stops).get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        }, ok -> {
            stoppingAll.set(false);
            refresh();
        }, e -> {
            stoppingAll.set(false);
            stopAllError.set(e instanceof TimeoutException
                    ? "Some scenarios are still stopping after " + STOP_TIMEOUT.toSeconds()
                            + " s; they finish on their own and their cards show when."
                    : "Could not stop every scenario: " + reason(e));
            refresh();
        });
    }

    /** Reads every scenario's figures from the workload; cheap, in-memory, safe on the UI thread. */
    public void refresh() {
        boolean on = false;
        for (ScenarioViewModel item : scenarios.values()) {
            item.apply(workload.stats(item.scenario()));
            on |= item.stateProperty().get() != ScenarioState.OFF;
        }
        anyOn.set(on);
        long lost = workload.lostUpdates();
        lostUpdates.set(lost);
        updateTrend(lost);
    }

    /**
     * The race reports every lost update, many a second; a burst of events costs one refresh, which
     * also keeps the status lines and the counters from the same moment.
     */
    private void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            ui.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void switchScenario(Scenario scenario, boolean on) {
        ScenarioViewModel item = scenarios.get(scenario);
        item.requestStarted();
        if (on) {
            background.run(() -> {
                workload.enable(scenario);
                return null;
            }, ok -> finish(item, null), e -> finish(item, "Could not switch "
                    + scenario.displayName() + " on: " + reason(e)));
        } else {
            background.run(() -> {
                workload.disable(scenario).get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            }, ok -> finish(item, null), e -> finish(item, e instanceof TimeoutException
                    ? scenario.displayName() + " is still stopping after " + STOP_TIMEOUT.toSeconds()
                            + " s; it finishes on its own."
                    : "Could not switch " + scenario.displayName() + " off: " + reason(e)));
        }
    }

    private void finish(ScenarioViewModel item, String error) {
        item.requestFinished(error);
        refresh();
    }

    private void updateTrend(long lost) {
        if (scenarios.get(Scenario.BALANCE_RACE).stateProperty().get() != ScenarioState.RUNNING) {
            lostUpdateSamples.clear();
            lostUpdatesRising.set(false);
            lostUpdatesTrend.set("Payments are off: switch the race on to start them.");
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - settleUntil < 0) {
            lostUpdatesRising.set(false);
            lostUpdatesTrend.set("Payments are switching to the new guard …");
            return;
        }
        lostUpdateSamples.addLast(new Sample(now, lost));
        // Keep one sample at or beyond the window's start, so the window is always fully covered.
        while (lostUpdateSamples.size() > 2
                && now - secondOldest().nanos() >= TREND_WINDOW.toNanos()) {
            lostUpdateSamples.removeFirst();
        }
        Sample oldest = lostUpdateSamples.peekFirst();
        long span = now - oldest.nanos();
        long added = lost - oldest.lostUpdates();
        String window = span >= TREND_WINDOW.toNanos() ? "the last " + TREND_WINDOW.toSeconds() + " s"
                : "the last " + Math.max(1, Math.round(span / 1e9)) + " s";
        lostUpdatesRising.set(added > 0);
        if (added > 0) {
            lostUpdatesTrend.set("Rising: +" + Format.count(added) + " in " + window + ".");
        } else if (span < TimeUnit.SECONDS.toNanos(1)) {
            lostUpdatesTrend.set("Watching for new lost updates …");
        } else {
            lostUpdatesTrend.set("No new lost updates in " + window + ".");
        }
    }

    private Sample secondOldest() {
        var it = lostUpdateSamples.iterator();
        it.next();
        return it.next();
    }

    static String why(RaceFix fix) {
        return switch (fix) {
            case NONE -> "Each payment reads the balance, waits for the payment provider, then writes its own result:"
                    + " a payment that committed in between is overwritten.";
            case SELECT_FOR_UPDATE -> "The read locks the account row, so a second payment waits until the first"
                    + " commits and then reads the new balance.";
            case SERIALIZABLE -> "PostgreSQL notices that two payments read the same balance and aborts one"
                    + " (SQLSTATE 40001); the app retries it on the new balance.";
        };
    }

    private String describeDemo() {
        String version = serverVersion == null ? "" : " " + serverVersion;
        return "Demo database: embedded PostgreSQL" + version + " on port " + demo.port() + ", started in "
                + String.format(Locale.ROOT, "%.1f s", demo.startupTime().toMillis() / 1000.0)
                + " — everything is removed when you disconnect or close PgPulse.";
    }

    /**
     * The demo server's version, for the header. One short query on a connection of its own: the
     * demo server is PgPulse's throw-away, so this is not traffic on anybody's production database.
     */
    private static String serverVersion(String jdbcUrl, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("ApplicationName", "pgpulse");
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "3");
        props.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(jdbcUrl, props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("/* pgpulse */ SHOW server_version")) {
            rs.next();
            String version = rs.getString(1).strip();
            int space = version.indexOf(' ');
            return space > 0 ? version.substring(0, space) : version;
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
