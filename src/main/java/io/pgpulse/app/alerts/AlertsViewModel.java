package io.pgpulse.app.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.alerts.ActiveAlert;
import io.pgpulse.core.alerts.AlertEngine;
import io.pgpulse.core.alerts.AlertEvent;
import io.pgpulse.core.alerts.AlertKind;
import io.pgpulse.core.alerts.AlertRule;
import io.pgpulse.core.alerts.AlertRules;
import io.pgpulse.core.alerts.AlertRulesStore;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.sampling.Snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts of one monitored server: the engine that evaluates every snapshot, the list of what
 * happened, the alerts raised now, and the threshold form. One instance per {@link LiveSession}
 * ({@link #forSession}), shared by the Alerts page and the overview's badge, so both show the same
 * alerts and a notification is sent once.
 *
 * <p>The thresholds the user applies are saved in the background to the user's config directory
 * ({@link AlertRulesStore}) and read back, also in the background, when the next session starts;
 * until they are read, snapshots wait rather than being judged by the defaults. A file that
 * cannot be used is reported in {@link #rulesProblemProperty()} and the defaults apply.
 *
 * <p>Confined to the UI thread; holds no node.
 */
public final class AlertsViewModel {
    private static final Logger log = LoggerFactory.getLogger(AlertsViewModel.class);
    private static final Map<LiveSession, AlertsViewModel> BY_SESSION = Collections.synchronizedMap(new WeakHashMap<>());

    /** Lines kept in the list; a long incident must not grow it without bound. */
    public static final int MAX_ENTRIES = 500;

    private final AlertEngine engine;
    private final Supplier<Instant> clock;
    private final ObservableList<AlertEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<AlertEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final ObservableList<ActiveAlertItem> active = FXCollections.observableArrayList();
    private final ObservableList<ActiveAlertItem> readOnlyActive = FXCollections.unmodifiableObservableList(active);
    private final Map<AlertKind, ActiveAlertItem> activeIndex = new EnumMap<>(AlertKind.class);
    private final ReadOnlyIntegerWrapper activeCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Severity> worst = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper("No active alerts");
    private final ReadOnlyStringWrapper formStatus = new ReadOnlyStringWrapper("");
    private final Map<AlertKind, RuleForm> forms = new EnumMap<>(AlertKind.class);
    private final List<RuleForm> formList;
    private final ReadOnlyStringWrapper rulesProblem = new ReadOnlyStringWrapper("");
    private Consumer<AlertEvent> notifier = e -> { };
    private Snapshot lastEvaluated;

    private final AlertRulesStore store;
    private final Background background;
    /** False until the saved thresholds have been read; snapshots meanwhile wait in {@link #waiting}. */
    private boolean rulesLoaded;
    private Snapshot waiting;
    /** Set once the user applied or reset thresholds: a late read of the file must not undo that. */
    private boolean rulesChanged;
    private boolean saving;
    /** Thresholds applied while a save was running, saved when it ends; only the newest counts. */
    private AlertRules pendingSave;
    private String pendingStatus;

    /** Alerts whose thresholds last only as long as this instance (tests, benchmarks). */
    public AlertsViewModel(AlertEngine engine, Supplier<Instant> clock) {
        this(engine, clock, null, null);
    }

    /**
     * Alerts whose thresholds are read from {@code store} now and saved to it whenever they are
     * applied, both on {@code background}.
     */
    public AlertsViewModel(AlertEngine engine, Supplier<Instant> clock, AlertRulesStore store, Background background) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        if ((store == null) != (background == null)) {
            throw new IllegalArgumentException("a store needs a background to use it");
        }
        this.store = store;
        this.background = background;
        List<RuleForm> list = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            RuleForm form = new RuleForm(kind);
            form.load(engine.rules().get(kind));
            forms.put(kind, form);
            list.add(form);
        }
        formList = List.copyOf(list);
        if (store == null) {
            rulesLoaded = true;
        } else {
            background.run(store::load, this::loaded, e -> {
                log.warn("Could not read the saved alert thresholds", e);
                rulesProblem.set("The saved alert thresholds could not be read (" + e.getMessage()
                        + "); the default thresholds are used.");
                loaded(null);
            });
        }
    }

    /** The saved thresholds were read (null: they could not be); evaluates what waited for them. */
    private void loaded(AlertRulesStore.Loaded saved) {
        if (saved != null) {
            rulesProblem.set(saved.problem().orElse(""));
            if (!rulesChanged) {
                engine.setRules(saved.rules());
                formList.forEach(f -> f.load(saved.rules().get(f.kind())));
            }
        }
        rulesLoaded = true;
        Snapshot pending = waiting;
        waiting = null;
        if (pending != null) {
            accept(pending);
        }
    }

    /**
     * The alerts of {@code live}, created on first use with the thresholds saved in the user's
     * config directory (the defaults until there are some) and desktop notifications, then shared:
     * every caller for the same session gets the same instance.
     */
    public static AlertsViewModel forSession(LiveSession live, AppContext context) {
        synchronized (BY_SESSION) {
            AlertsViewModel vm = BY_SESSION.get(live);
            if (vm == null) {
                vm = new AlertsViewModel(new AlertEngine(AlertRules.defaults()), Instant::now,
                        AlertRulesStore.forCurrentUser(), context.background());
                vm.setNotifier(new DesktopNotifier());
                BY_SESSION.put(live, vm);
                live.onSnapshot(vm::accept);
            }
            return vm;
        }
    }

    /** Where raised, escalated and cleared alerts are announced, besides the list. */
    public void setNotifier(Consumer<AlertEvent> notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** Evaluates a snapshot; the same snapshot delivered twice is evaluated once. */
    public void accept(Snapshot snapshot) {
        if (!rulesLoaded) {
            // Judged once the saved thresholds are known; only the newest matters by then.
            waiting = snapshot;
            return;
        }
        if (snapshot == lastEvaluated) {
            return;
        }
        lastEvaluated = snapshot;
        List<AlertEvent> events = engine.evaluate(snapshot, clock.get());
        for (AlertEvent e : events) {
            entries.add(0, AlertEntry.of(e));
            try {
                notifier.accept(e);
            } catch (RuntimeException ex) {
                log.warn("Could not show a notification for {}", e.kind(), ex);
            }
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.remove(MAX_ENTRIES, entries.size());
        }
        refreshActive();
    }

    private void refreshActive() {
        List<ActiveAlert> now = engine.active();
        Set<AlertKind> seen = new HashSet<>();
        List<ActiveAlertItem> ordered = new ArrayList<>(now.size());
        for (ActiveAlert a : now) {
            ActiveAlertItem item = activeIndex.computeIfAbsent(a.kind(), ActiveAlertItem::new);
            item.update(a);
            ordered.add(item);
            seen.add(a.kind());
        }
        activeIndex.keySet().retainAll(seen);
        if (!ordered.equals(active)) {
            active.setAll(ordered);
        }
        activeCount.set(now.size());
        Severity top = now.isEmpty() ? null : now.get(0).severity();
        worst.set(top);
        long critical = now.stream().filter(a -> a.severity() == Severity.CRITICAL).count();
        badge.set(now.isEmpty() ? "No active alerts"
                : now.size() + (now.size() == 1 ? " active alert" : " active alerts")
                        + (critical > 0 ? " · " + critical + " critical" : ""));
    }

    /**
     * Validates every form and, if all are valid, makes them the engine's rules.
     *
     * @return whether the rules were applied
     */
    public boolean applyRules() {
        AlertRules rules = engine.rules();
        boolean valid = true;
        for (RuleForm form : formList) {
            AlertRule rule = form.parse();
            if (rule == null) {
                valid = false;
            } else {
                rules = rules.with(rule);
            }
        }
        if (!valid) {
            formStatus.set("Not applied: fix the thresholds marked below.");
            return false;
        }
        engine.setRules(rules);
        rulesChanged = true;
        formStatus.set("Applied. Raised alerts clear when they fall below their new clear threshold.");
        save(rules, "Applied and saved for the next start. Raised alerts clear when they fall below their new"
                + " clear threshold.");
        return true;
    }

    public void resetRules() {
        AlertRules defaults = AlertRules.defaults();
        engine.setRules(defaults);
        rulesChanged = true;
        formList.forEach(f -> f.load(defaults.get(f.kind())));
        formStatus.set("Default thresholds restored.");
        save(defaults, "Default thresholds restored and saved for the next start.");
    }

    /** Saves {@code rules} in the background, one save at a time; says so in the form's status. */
    private void save(AlertRules rules, String savedStatus) {
        if (store == null) {
            return;
        }
        if (saving) {
            pendingSave = rules;
            pendingStatus = savedStatus;
            return;
        }
        saving = true;
        background.run(() -> {
            store.save(rules);
            return rules;
        }, done -> {
            if (engine.rules().equals(done)) {
                formStatus.set(savedStatus);
                rulesProblem.set("");
            }
            saved();
        }, e -> {
            log.warn("Could not save the alert thresholds", e);
            formStatus.set("Applied to this session, but not saved for the next start: " + e.getMessage());
            saved();
        });
    }

    private void saved() {
        saving = false;
        AlertRules next = pendingSave;
        pendingSave = null;
        if (next != null) {
            save(next, pendingStatus);
        }
    }

    public AlertRules rules() {
        return engine.rules();
    }

    /** What happened, newest first. */
    public ObservableList<AlertEntry> entries() {
        return readOnlyEntries;
    }

    /** Alerts raised now, most severe first. */
    public ObservableList<ActiveAlertItem> active() {
        return readOnlyActive;
    }

    public ReadOnlyIntegerProperty activeCountProperty() {
        return activeCount.getReadOnlyProperty();
    }

    /** Severity of the worst alert raised now; null when none is. */
    public ReadOnlyObjectProperty<Severity> worstProperty() {
        return worst.getReadOnlyProperty();
    }

    /** "2 active alerts · 1 critical". */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formStatusProperty() {
        return formStatus.getReadOnlyProperty();
    }

    /**
     * Why the saved thresholds are not (all) in use — a file that could not be read, and what
     * became of it; empty when they are, or when nothing was saved yet.
     */
    public ReadOnlyStringProperty rulesProblemProperty() {
        return rulesProblem.getReadOnlyProperty();
    }

    public List<RuleForm> forms() {
        return formList;
    }

    public RuleForm form(AlertKind kind) {
        return forms.get(kind);
    }
}
