package io.pgpulse.app.activity;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.activity.SessionActions;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.activity.SignalPolicy;
import io.pgpulse.core.activity.SignalResult;
import io.pgpulse.core.activity.Signaller;
import io.pgpulse.core.activity.TransactionHorizon;
import io.pgpulse.core.activity.TransactionsReader;
import io.pgpulse.core.analysis.BlockingTree;
import io.pgpulse.core.analysis.BlockingTrees;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.LockFindings;
import io.pgpulse.core.analysis.SessionState;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.Redactor;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.MonitorSession;

/**
 * Everything the activity page shows, as properties applied on the UI thread, and the two actions
 * it offers. Sessions are kept as {@link SessionItem}s keyed by pid and backend_start and updated
 * in place; the visible list changes only by the sessions that appear, end, or cross the filter,
 * so a refresh of 10,000 sessions costs the table a handful of cell updates, not a rebuild.
 *
 * <p>Signals and the transactions read go through {@link Background}; nothing here blocks.
 */
public final class ActivityViewModel {
    /** The transactions read (pg_prepared_xacts, xmin holders) runs on every this-many snapshots. */
    static final int HORIZON_EVERY = 5;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final SignalPolicy policy;
    private final Signaller signaller;
    private final Callable<TransactionHorizon> horizonSource;
    private final Background background;
    private final Runnable refreshNow;
    private final ZoneId zone;

    private final Map<SessionItem.Key, SessionItem> items = new HashMap<>();
    private final Map<Integer, SessionItem> byPid = new HashMap<>();
    private final ObservableList<SessionItem> sessions = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the first refresh…");
    private final ReadOnlyStringWrapper dataNote = new ReadOnlyStringWrapper(this, "dataNote", "");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    private final ObjectProperty<String> stateFilter = new SimpleObjectProperty<>(this, "stateFilter");
    private final ObjectProperty<String> applicationFilter = new SimpleObjectProperty<>(this, "applicationFilter");
    private final ObjectProperty<String> userFilter = new SimpleObjectProperty<>(this, "userFilter");
    private final ObjectProperty<String> databaseFilter = new SimpleObjectProperty<>(this, "databaseFilter");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty onlyWaiting = new SimpleBooleanProperty(this, "onlyWaiting");
    private final BooleanProperty onlyIdleInTransaction = new SimpleBooleanProperty(this, "onlyIdleInTransaction");
    private final BooleanProperty onlyLongRunning = new SimpleBooleanProperty(this, "onlyLongRunning");
    private final ObjectProperty<Duration> longRunningThreshold =
            new SimpleObjectProperty<>(this, "longRunningThreshold", Thresholds.DEFAULTS.longRunning());
    private final ObjectProperty<Duration> idleInTransactionThreshold =
            new SimpleObjectProperty<>(this, "idleInTransactionThreshold", Thresholds.DEFAULTS.idleInTransaction());
    private final ObservableList<String> states = FXCollections.observableArrayList();
    private final ObservableList<String> applications = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> databases = FXCollections.observableArrayList();

    private final ObservableList<SessionItem> selection = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RowView> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyStringWrapper cancelUnavailable = new ReadOnlyStringWrapper(this, "cancelUnavailable");
    private final ReadOnlyStringWrapper terminateUnavailable = new ReadOnlyStringWrapper(this, "terminateUnavailable");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<ActionOutcome> outcomes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper outcomeSummary = new ReadOnlyStringWrapper(this, "outcomeSummary", "");

    private final ReadOnlyObjectWrapper<List<BlockingEntry>> blocking = new ReadOnlyObjectWrapper<>(this, "blocking", List.of());
    private final ReadOnlyStringWrapper blockingSummary = new ReadOnlyStringWrapper(this, "blockingSummary", "");
    private final ReadOnlyObjectWrapper<StallCallout> stall = new ReadOnlyObjectWrapper<>(this, "stall");
    private final ReadOnlyObjectWrapper<List<TransactionFact>> transactions =
            new ReadOnlyObjectWrapper<>(this, "transactions", List.of());

    private final DeadlockWatch deadlocks = new DeadlockWatch();
    private Snapshot last;
    private long applied;
    private TransactionHorizon horizon;
    private String horizonError;
    private boolean horizonReading;

    /**
     * @param policy        who this role may signal, for explanations before anything is sent
     * @param signaller     sends confirmed cancels and terminates (blocking; run in the background)
     * @param horizonSource reads prepared transactions and xmin holders (blocking); null: not read
     * @param refreshNow    asks for a poll right after an action, so its effect shows at once
     * @param zone          for the times in sentences
     */
    public ActivityViewModel(SignalPolicy policy, Signaller signaller, Callable<TransactionHorizon> horizonSource,
            Background background, Runnable refreshNow, ZoneId zone) {
        this.policy = Objects.requireNonNull(policy);
        this.signaller = Objects.requireNonNull(signaller);
        this.horizonSource = horizonSource;
        this.background = Objects.requireNonNull(background);
        this.refreshNow = Objects.requireNonNull(refreshNow);
        this.zone = Objects.requireNonNull(zone);
        states.setAll("active", "idle", "idle in transaction", "idle in transaction (aborted)", SessionFilter.BACKGROUND);
        for (ObservableValue<?> p : List.of(stateFilter, applicationFilter, userFilter, databaseFilter, search,
                onlyWaiting, onlyIdleInTransaction, onlyLongRunning)) {
            p.addListener((obs, was, is) -> refilter());
        }
        longRunningThreshold.addListener((obs, was, is) -> reapply());
        idleInTransactionThreshold.addListener((obs, was, is) -> reapply());
        selection.addListener((ListChangeListener<SessionItem>) c -> selectionChanged());
        busy.addListener((obs, was, is) -> updateAvailability());
        updateAvailability();
    }

    /** The page's view-model for a live session: signals, transaction reads and refreshes go to its server. */
    public static ActivityViewModel create(LiveSession live, AppContext context) {
        MonitorSession session = live.session();
        SessionActions actions = SessionActions.of(session);
        TransactionsReader reader = new TransactionsReader(session.connection());
        ActivityViewModel vm = new ActivityViewModel(actions.policy(), actions, reader::read, context.background(),
                () -> session.sampler().pollNow(), ZoneId.systemDefault());
        live.onSnapshot(vm::apply);
        return vm;
    }

    /** Takes in one refresh; called on the UI thread. */
    public void apply(Snapshot snapshot) {
        last = snapshot;
        applied++;
        deadlocks.observe(snapshot.databases(), snapshot.takenAt());
        if (horizonSource != null && !horizonReading && applied % HORIZON_EVERY == 1) {
            readHorizon();
        }
        refresh();
    }

    private void reapply() {
        if (last != null) {
            refresh();
        }
    }

    private void refresh() {
        var snapshot = last;
        Thresholds thresholds = thresholds();
        List<ActivityRow> rows = snapshot.activity();
        Map<Integer, Integer> waitersOf = new HashMap<>();
        for (ActivityRow row : rows) {
            for (int blocker : row.blockedBy()) {
                waitersOf.merge(blocker, 1, Integer::sum);
            }
        }
        SessionFilter filter = filter();
        long tick = revision.get() + 1;
        List<SessionItem> toAdd = new ArrayList<>();
        Set<SessionItem> toRemove = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> apps = new TreeSet<>();
        Set<String> roles = new TreeSet<>();
        Set<String> dbs = new TreeSet<>();
        int active = 0;
        int waiting = 0;
        int idleTx = 0;
        int idleTooLong = 0;
        int longRunning = 0;
        int clients = 0;
        byPid.clear();
        for (ActivityRow row : rows) {
            RowView view = RowView.of(row, snapshot.takenAt(), waitersOf.getOrDefault(row.pid(), 0), thresholds);
            SessionItem.Key key = new SessionItem.Key(row.pid(), row.backendStart());
            SessionItem item = items.get(key);
            if (item == null) {
                item = new SessionItem(row.pid(), row.backendStart(), view);
                items.put(key, item);
            } else {
                item.update(view);
            }
            item.seen = tick;
            byPid.put(row.pid(), item);
            boolean show = filter.test(view);
            if (show && !item.shown) {
                toAdd.add(item);
            } else if (!show && item.shown) {
                toRemove.add(item);
            }
            item.shown = show;
            addChoice(apps, row.application());
            addChoice(roles, row.user());
            addChoice(dbs, row.database());
            if (view.state() == SessionState.ACTIVE) {
                active++;
            }
            if (view.waiting()) {
                waiting++;
            }
            if (view.state().isIdleInTransaction()) {
                idleTx++;
                if (view.idleTooLong()) {
                    idleTooLong++;
                }
            }
            if (view.longRunning()) {
                longRunning++;
            }
            if (row.isClientBackend()) {
                clients++;
            }
        }
        for (Iterator<SessionItem> it = items.values().iterator(); it.hasNext(); ) {
            SessionItem item = it.next();
            if (item.seen != tick) {
                it.remove();
                if (item.shown) {
                    toRemove.add(item);
                    item.shown = false;
                }
            }
        }
        if (!toRemove.isEmpty()) {
            sessions.removeAll(toRemove);
        }
        if (!toAdd.isEmpty()) {
            sessions.addAll(toAdd);
        }
        setIfChanged(applications, apps);
        setIfChanged(users, roles);
        setIfChanged(databases, dbs);
        total.set(rows.size());
        summary.set(summary(rows.size(), active, waiting, idleTx, idleTooLong, longRunning, thresholds));
        dataNote.set(dataNote(snapshot, clients));

        List<BlockingTree> trees = BlockingTrees.of(snapshot);
        List<Finding> findings = LockFindings.of(trees);
        blocking.set(BlockingEntries.of(trees));
        blockingSummary.set(findings.stream().filter(f -> "blocked_sessions".equals(f.kind())).map(Finding::summary)
                .findFirst().orElse("Nobody is waiting for a lock."));
        stall.set(StallCallouts.of(findings, trees));
        updateTransactions();
        selectionChanged();
        revision.set(tick);
    }

    private void refilter() {
        SessionFilter filter = filter();
        List<SessionItem> toAdd = new ArrayList<>();
        Set<SessionItem> toRemove = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SessionItem item : items.values()) {
            boolean show = filter.test(item.view());
            if (show && !item.shown) {
                toAdd.add(item);
            } else if (!show && item.shown) {
                toRemove.add(item);
            }
            item.shown = show;
        }
        if (!toRemove.isEmpty()) {
            sessions.removeAll(toRemove);
        }
        if (!toAdd.isEmpty()) {
            sessions.addAll(toAdd);
        }
        revision.set(revision.get() + 1);
    }

    private static void addChoice(Set<String> choices, String value) {
        if (value != null && !value.isEmpty()) {
            choices.add(value);
        }
    }

    private static void setIfChanged(ObservableList<String> list, Set<String> values) {
        if (list.size() != values.size() || !new HashSet<>(list).equals(values)) {
            list.setAll(values);
        }
    }

    private String summary(int sessionsTotal, int active, int waiting, int idleTx, int idleTooLong, int longRunning,
            Thresholds t) {
        StringBuilder sb = new StringBuilder(Texts.count(sessionsTotal, "session", "sessions"))
                .append(" · ").append(active).append(" active")
                .append(" · ").append(waiting).append(" waiting")
                .append(" · ").append(idleTx).append(" idle in transaction");
        if (idleTooLong > 0) {
            sb.append(" (").append(idleTooLong).append(" over ").append(Texts.age(t.idleInTransaction())).append(')');
        }
        sb.append(" · ").append(longRunning).append(" long-running");
        return sb.toString();
    }

    private String dataNote(Snapshot snapshot, int listedClients) {
        SectionState state = snapshot.state(Section.ACTIVITY);
        if (state instanceof SectionState.Stale stale) {
            return "Sessions as of " + CLOCK.format(stale.since().atZone(zone)) + ": the last refresh could not read"
                    + " them (" + stale.reason() + ").";
        }
        if (state instanceof SectionState.Unavailable unavailable) {
            return "Sessions unavailable: " + unavailable.reason();
        }
        int serverClients = snapshot.server() == null ? 0 : snapshot.server().clientBackends();
        int unlisted = serverClients - MonitorSettings.MAX_CONNECTIONS - listedClients;
        if (unlisted > 0) {
            return "The server has " + Texts.count(serverClients, "client session", "client sessions")
                    + "; the " + Texts.count(unlisted, "session", "sessions") + " with the newest transactions are not"
                    + " listed (row limit).";
        }
        return "";
    }

    private Thresholds thresholds() {
        return new Thresholds(longRunningThreshold.get(), idleInTransactionThreshold.get());
    }

    /** The filter the table applies now. */
    public SessionFilter filter() {
        return new SessionFilter(stateFilter.get(), applicationFilter.get(), userFilter.get(), databaseFilter.get(),
                search.get(), onlyWaiting.get(), onlyIdleInTransaction.get(), onlyLongRunning.get());
    }

    private void readHorizon() {
        horizonReading = true;
        background.run(horizonSource, h -> {
            horizonReading = false;
            horizon = h;
            horizonError = null;
            updateTransactions();
        }, e -> {
            horizonReading = false;
            horizonError = Redactor.redact(String.valueOf(e.getMessage()));
            updateTransactions();
        });
    }

    private void updateTransactions() {
        if (last != null) {
            transactions.set(TransactionFacts.of(last, thresholds(), horizon, horizonError, deadlocks, zone));
        }
    }

    private void selectionChanged() {
        focused.set(selection.isEmpty() || selection.get(0) == null ? null : selection.get(0).view());
        updateAvailability();
    }

    private void updateAvailability() {
        cancelUnavailable.set(unavailable(Signal.CANCEL));
        terminateUnavailable.set(unavailable(Signal.TERMINATE));
    }

    /** Null when this role may signal the session listed under {@code pid}, else why not. */
    public String refusal(int pid) {
        SessionItem item = byPid.get(pid);
        return item == null ? "pid " + pid + " is no longer listed" : refusal(item);
    }

    private String refusal(SessionItem item) {
        return item.ref().isEmpty() ? "This role cannot see when pid " + item.pid()
                + " started, so it cannot be signalled safely" : policy.refusal(item.view().row());
    }

    /** Empty when the action can be offered for the selection, else why not. */
    private String unavailable(Signal signal) {
        if (busy.get()) {
            return "Waiting for the previous action to finish";
        }
        List<SessionItem> selected = selected();
        if (selected.isEmpty()) {
            return "Select one or more sessions in the table first";
        }
        String firstRefusal = null;
        for (SessionItem item : selected) {
            String refusal = refusal(item);
            if (refusal == null) {
                return "";
            }
            if (firstRefusal == null) {
                firstRefusal = refusal;
            }
        }
        return firstRefusal;
    }

    private List<SessionItem> selected() {
        return selection.stream().filter(Objects::nonNull).toList();
    }

    /** What cancelling or terminating the selected sessions would do; shown for confirmation first. */
    public ActionPlan plan(Signal signal) {
        return plan(signal, selected());
    }

    public ActionPlan plan(Signal signal, List<SessionItem> targets) {
        return ActionPlans.plan(signal, targets, policy);
    }

    /** A plan for one session by pid (the callout's and the tree's buttons); null when it is gone. */
    public ActionPlan planFor(Signal signal, int pid) {
        SessionItem item = byPid.get(pid);
        return item == null ? null : plan(signal, List.of(item));
    }

    /** The session currently listed under this pid, if any. */
    public SessionItem session(int pid) {
        return byPid.get(pid);
    }

    /** Sends a confirmed plan's signal off the UI thread; results land in {@link #outcomes()}. */
    public void execute(ActionPlan plan) {
        if (!plan.ready() || busy.get()) {
            return;
        }
        busy.set(true);
        outcomeSummary.set((plan.signal() == Signal.CANCEL ? "Cancelling " : "Terminating ")
                + Texts.count(plan.targets().size(), "session", "sessions") + "…");
        outcomes.clear();
        var refs = plan.refs();
        background.run(() -> signaller.send(plan.signal(), refs), results -> {
            busy.set(false);
            report(plan.signal(), results);
            refreshNow.run();
        }, e -> {
            busy.set(false);
            outcomeSummary.set("The " + plan.signal().verb() + " request failed: "
                    + Redactor.redact(String.valueOf(e.getMessage())));
        });
    }

    private void report(Signal signal, List<SignalResult> results) {
        long sent = results.stream().filter(SignalResult::sent).count();
        outcomes.setAll(results.stream()
                .map(r -> new ActionOutcome(r.target().pid(), r.sent(), r.message())).toList());
        String verb = signal == Signal.CANCEL ? "Cancel" : "Terminate";
        outcomeSummary.set(verb + ": sent to " + sent + " of " + Texts.count(results.size(), "session", "sessions")
                + (sent < results.size() ? "; see below for the others" : "") + ".");
    }

    List<SessionDetails.Field> details(RowView v) {
        return SessionDetails.of(v, zone);
    }

    public SignalPolicy policy() {
        return policy;
    }

    /** A standing note when this role can only signal its own sessions; empty otherwise. */
    public String privilegeNote() {
        return policy.signalsOtherRoles() ? "" : "Cancel and terminate work only on your own sessions. "
                + policy.missingGrant();
    }

    public ObservableList<SessionItem> sessions() {
        return sessions;
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataNoteProperty() {
        return dataNote.getReadOnlyProperty();
    }

    /** Changes after every refresh and filter change: the view re-sorts then. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ObjectProperty<String> stateFilterProperty() {
        return stateFilter;
    }

    public ObjectProperty<String> applicationFilterProperty() {
        return applicationFilter;
    }

    public ObjectProperty<String> userFilterProperty() {
        return userFilter;
    }

    public ObjectProperty<String> databaseFilterProperty() {
        return databaseFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty onlyWaitingProperty() {
        return onlyWaiting;
    }

    public BooleanProperty onlyIdleInTransactionProperty() {
        return onlyIdleInTransaction;
    }

    public BooleanProperty onlyLongRunningProperty() {
        return onlyLongRunning;
    }

    public ObjectProperty<Duration> longRunningThresholdProperty() {
        return longRunningThreshold;
    }

    public ObjectProperty<Duration> idleInTransactionThresholdProperty() {
        return idleInTransactionThreshold;
    }

    public ObservableList<String> states() {
        return states;
    }

    public ObservableList<String> applications() {
        return applications;
    }

    public ObservableList<String> users() {
        return users;
    }

    public ObservableList<String> databases() {
        return databases;
    }

    /** The view keeps this in step with the table's selection. */
    public ObservableList<SessionItem> selection() {
        return selection;
    }

    public ReadOnlyObjectProperty<RowView> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cancelUnavailableProperty() {
        return cancelUnavailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty terminateUnavailableProperty() {
        return terminateUnavailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<ActionOutcome> outcomes() {
        return outcomes;
    }

    public ReadOnlyStringProperty outcomeSummaryProperty() {
        return outcomeSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<BlockingEntry>> blockingProperty() {
        return blocking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty blockingSummaryProperty() {
        return blockingSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StallCallout> stallProperty() {
        return stall.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<TransactionFact>> transactionsProperty() {
        return transactions.getReadOnlyProperty();
    }
}
