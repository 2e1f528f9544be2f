package io.pgpulse.app.queries;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.analysis.StatementLabels;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.StatementsAvailability;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.history.StatementHistorySnapshot;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.ApplicationSightings;
import io.pgpulse.core.statements.query.QueryCsv;
import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.core.statements.query.QueryInputs;
import io.pgpulse.core.statements.query.QueryMarkdown;
import io.pgpulse.core.statements.query.QueryTable;
import io.pgpulse.core.statements.query.QueryTableBuilder;
import io.pgpulse.core.statements.query.QueryThresholds;
import io.pgpulse.core.statements.query.QueryUnits;
import io.pgpulse.core.statements.query.QueryWindow;
import io.pgpulse.core.statements.query.SqlFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Queries view's state: the statements of the chosen window as rows updated in place, the
 * filters over them, the findings strip, the selected statement's detail, and exports.
 *
 * <p>Every snapshot triggers one computation in the background (never two at once: a snapshot
 * that arrives meanwhile is folded into the next one), and its result is applied on the UI thread
 * by updating the existing rows, adding the new ones and removing those that left the window.
 * Sorting and filtering run on in-memory data: on a refresh the background computation also
 * filters and sorts the new figures (with the filter and order in force when it started), so the
 * UI thread only puts the rows in that order; when the reader changes the filter or the order,
 * the UI thread re-filters and re-sorts the rows it holds at once.
 */
public final class QueriesViewModel {
    private static final Logger log = LoggerFactory.getLogger(QueriesViewModel.class);
    /** Polls kept for the application co-occurrence of the N+1 detector. */
    private static final int RECENT_SNAPSHOTS = 60;
    private static final int MAX_APPLICATION_QUERY_IDS = 20_000;
    private static final int FULL_TEXT_CACHE = 32;
    private static final Duration TEXT_REQUEST_INTERVAL = Duration.ofMinutes(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Reads a statement's complete text; blocking, so only ever called in the background. */
    @FunctionalInterface
    interface FullTextSource {
        Optional<String> fetch(long queryId) throws Exception;
    }

    /** Why the view cannot show statements, and the exact fix to copy. */
    public record Unavailable(String title, String explanation, String fix) {
    }

    /**
     * A background result: the table, the filter choices its rows offer, and what the UI thread
     * needs to apply it without searching: each row's {@link RowIds id}, the ids of the rows that
     * left, and the rows to show (positions in the table) under {@code filter} and {@code order}.
     */
    private record Computed(long sequence, QueryTable table, Snapshot snapshot, Set<String> databases,
            Set<String> users, Set<String> applications, int[] ids, int[] gone, QueryFilter filter,
            Comparator<QueryFigures> order, int[] shown, StatementKey selected, List<QueryFigures> split, Texts texts) {
    }

    /**
     * A small number per statement, stable while it stays in the window, so that the UI thread
     * finds a statement's row by index instead of hashing its key on every refresh. Owned by the
     * background computation (one at a time); a number freed by a statement that left is reused
     * only by a later computation, after the UI thread has removed its row.
     */
    private static final class RowIds {
        private final Map<StatementKey, int[]> ids = new HashMap<>();
        private final ArrayDeque<Integer> free = new ArrayDeque<>();
        private int next;
        private int generation;

        /** Numbers {@code rows} (parallel array) and returns, as the second array, the numbers freed. */
        int[][] assign(List<QueryFigures> rows) {
            int gen = ++generation;
            int[] out = new int[rows.size()];
            for (int i = 0; i < out.length; i++) {
                int[] entry = ids.get(rows.get(i).key());
                if (entry == null) {
                    entry = new int[] {free.isEmpty() ? next++ : free.poll(), gen};
                    ids.put(rows.get(i).key(), entry);
                } else {
                    entry[1] = gen;
                }
                out[i] = entry[0];
            }
            int[] gone = new int[0];
            if (ids.size() > out.length) {
                List<Integer> left = new ArrayList<>();
                ids.values().removeIf(entry -> {
                    if (entry[1] != gen) {
                        left.add(entry[0]);
                        return true;
                    }
                    return false;
                });
                gone = left.stream().mapToInt(Integer::intValue).toArray();
                free.addAll(left);
            }
            return new int[][] {out, gone};
        }
    }

    private final Background background;
    private final HistoryStore history;
    private final FullTextSource fullText;
    private final Runnable requestTexts;
    private Instant textsRequestedAt = Instant.MIN;
    private final String server;
    private final QueryTableBuilder builder = new QueryTableBuilder();
    private final ApplicationSightings sightings = new ApplicationSightings(MAX_APPLICATION_QUERY_IDS);
    private final Map<StatementKey, Instant> firstSeen = new ConcurrentHashMap<>();
    private volatile Instant connectedAt;
    private final ZoneId zone;

    private final ObjectProperty<QueryWindow> window = new SimpleObjectProperty<>(this, "window", QueryWindow.ONE_MINUTE);
    private final ObjectProperty<QueryThresholds> thresholds =
            new SimpleObjectProperty<>(this, "thresholds", QueryThresholds.DEFAULT);

    private final ObservableList<QueryRow> rows = FXCollections.observableArrayList();
    private final ObservableList<QueryRow> visibleRows = FXCollections.observableArrayList();
    private final ObservableList<QueryRow> readOnlyVisibleRows = FXCollections.unmodifiableObservableList(visibleRows);
    private final Map<StatementKey, QueryRow> rowsByKey = new HashMap<>();
    /** UI thread: the rows by their {@link RowIds} number; null where a number is free. */
    private final List<QueryRow> rowsById = new ArrayList<>();
    /** Background: see {@link RowIds}. */
    private final RowIds ids = new RowIds();
    /** Background: each text in lower case, for the text filter, kept while the text is the same object. */
    private final Map<Long, String[]> lowerTexts = new HashMap<>();
    /** The order of the visible rows; null for the table's own (heaviest first). */
    private Comparator<QueryFigures> order;

    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> databaseFilter = new SimpleObjectProperty<>(this, "databaseFilter");
    private final ObjectProperty<String> userFilter = new SimpleObjectProperty<>(this, "userFilter");
    private final ObjectProperty<String> applicationFilter = new SimpleObjectProperty<>(this, "applicationFilter");
    private final BooleanProperty flaggedOnly = new SimpleBooleanProperty(this, "flaggedOnly");
    private QueryFilter filter = QueryFilter.NONE;
    private final ObservableList<String> databases = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> applications = FXCollections.observableArrayList();
    private final boolean applicationsAvailable;
    private final String applicationsNote;

    private final ReadOnlyObjectWrapper<QueryTable> table = new ReadOnlyObjectWrapper<>(this, "table");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Waiting for the first poll…");
    private final ReadOnlyStringWrapper reset = new ReadOnlyStringWrapper(this, "reset", "");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<RepeatedQuery> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Unavailable> unavailable = new ReadOnlyObjectWrapper<>(this, "unavailable");
    private final ReadOnlyStringWrapper stale = new ReadOnlyStringWrapper(this, "stale", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    private final ReadOnlyObjectWrapper<StatementKey> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<QueryDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper(this, "detailText", "");
    private final ReadOnlyStringWrapper detailTextNote = new ReadOnlyStringWrapper(this, "detailTextNote", "");
    private final ReadOnlyBooleanWrapper fullTextLoaded = new ReadOnlyBooleanWrapper(this, "fullTextLoaded");
    private final ObjectProperty<Consumer<String>> onExplain = new SimpleObjectProperty<>(this, "onExplain");
    private final Map<Long, String> fullTexts = new LinkedHashMap<>(FULL_TEXT_CACHE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > FULL_TEXT_CACHE;
        }
    };

    private final Object lock = new Object();
    private final Deque<Snapshot> recent = new ArrayDeque<>();
    private Snapshot latest;
    private boolean computing;
    private boolean dirty;
    private volatile long appliedSequence = -1;

    /** The app's constructor: follows the live session's snapshots. */
    public QueriesViewModel(LiveSession live, AppContext context) {
        this(context.background(), live.session().history(), live.session().capabilities(),
                live.session()::fullText, live.session().sampler()::requestAllTexts,
                live.session().target().displayName(), ZoneId.systemDefault());
        live.onSnapshot(this::onSnapshot);
    }

    /**
     * @param requestTexts asks the sampler to read, on its next poll, the texts of every entry it
     *                     has none for (it otherwise reads only those of the last interval, so a
     *                     statement that ran once stays nameless)
     */
    QueriesViewModel(Background background, HistoryStore history, Capabilities capabilities, FullTextSource fullText,
            Runnable requestTexts, String server, ZoneId zone) {
        this.background = Objects.requireNonNull(background);
        this.history = Objects.requireNonNull(history);
        this.fullText = Objects.requireNonNull(fullText);
        this.requestTexts = Objects.requireNonNull(requestTexts);
        this.server = server;
        this.zone = zone;
        StatementsAvailability availability = capabilities.statements();
        if (!(availability instanceof StatementsAvailability.Ready)) {
            unavailable.set(new Unavailable(title(availability), availability.explanation(),
                    availability.fix().orElse("")));
            summary.set("");
        }
        applicationsAvailable = capabilities.queryIds().effective();
        applicationsNote = applicationsAvailable
                ? "Applications seen running each statement in pg_stat_activity samples (by query_id). A statement"
                        + " too fast to be caught running in a sample shows none."
                : "No application filter: " + capabilities.queryIds().explanation()
                        + capabilities.queryIds().fix().map(f -> " Fix: " + f).orElse("");
        window.addListener((obs, old, now) -> requestCompute());
        thresholds.addListener((obs, old, now) -> requestCompute());
        filterText.addListener((obs, old, now) -> updateFilter());
        databaseFilter.addListener((obs, old, now) -> updateFilter());
        userFilter.addListener((obs, old, now) -> updateFilter());
        applicationFilter.addListener((obs, old, now) -> updateFilter());
        flaggedOnly.addListener((obs, old, now) -> updateFilter());
    }

    private static String title(StatementsAvailability a) {
        if (a instanceof StatementsAvailability.NotInstalled) {
            return "pg_stat_statements is not installed";
        }
        if (a instanceof StatementsAvailability.NotPreloaded) {
            return "pg_stat_statements is not loaded";
        }
        return "pg_stat_statements may not be read";
    }

    /** A new poll; called on the UI thread. */
    public void onSnapshot(Snapshot snapshot) {
        synchronized (lock) {
            latest = snapshot;
            recent.addLast(snapshot);
            while (recent.size() > RECENT_SNAPSHOTS) {
                recent.removeFirst();
            }
        }
        if (unavailable.get() != null) {
            return;
        }
        SectionState state = snapshot.state(Section.STATEMENTS);
        if (state instanceof SectionState.Stale s) {
            stale.set("Statement figures are as of " + time(s.since()) + ": the last poll could not read them ("
                    + s.reason() + ").");
        } else if (state instanceof SectionState.Unavailable u) {
            stale.set("Statement figures are not available: " + u.reason());
        } else {
            stale.set("");
        }
        requestCompute();
    }

    /** Recomputes from the newest snapshot, e.g. after the window or thresholds changed. */
    public void refresh() {
        requestCompute();
    }

    private void requestCompute() {
        Snapshot snapshot;
        List<Snapshot> samples;
        QueryWindow w;
        QueryThresholds t;
        QueryFilter f = filter;
        Comparator<QueryFigures> o = order;
        StatementKey chosen = selected.get();
        synchronized (lock) {
            if (latest == null || latest.statements() == null || unavailable.get() != null) {
                return;
            }
            if (computing) {
                dirty = true;
                return;
            }
            computing = true;
            dirty = false;
            snapshot = latest;
            samples = List.copyOf(recent);
            w = window.get();
            t = thresholds.get();
        }
        background.run(() -> compute(snapshot, samples, w, t, f, o, chosen), this::applyAndContinue, e -> {
            log.warn("Computing the Queries table failed", e);
            message.set("The statements could not be computed: " + e.getMessage());
            computed();
        });
    }

    /** Background: everything that costs time in proportion to the number of statements. */
    private Computed compute(Snapshot snapshot, List<Snapshot> samples, QueryWindow w, QueryThresholds t,
            QueryFilter shownBy, Comparator<QueryFigures> o, StatementKey chosen) {
        if (connectedAt == null) {
            connectedAt = snapshot.takenAt();
        }
        for (StatementKey key : snapshot.statements().cumulative().keySet()) {
            firstSeen.putIfAbsent(key, snapshot.takenAt());
        }
        if (firstSeen.size() > 2 * snapshot.statements().cumulative().size() + 10_000) {
            firstSeen.keySet().retainAll(snapshot.statements().cumulative().keySet());
        }
        sightings.record(samples);
        QueryInputs inputs = new QueryInputs(w, snapshot.statements(), history.deltaResults(),
                StatementLabels.from(snapshot), samples, applicationsAvailable ? sightings.snapshot() : Map.of(), t);
        QueryTable table = builder.build(inputs);
        Set<String> dbs = new TreeSet<>();
        Set<String> roles = new TreeSet<>();
        Set<String> apps = new TreeSet<>();
        for (QueryFigures f : table.rows()) {
            if (f.database() != null) {
                dbs.add(f.database());
            }
            if (f.user() != null) {
                roles.add(f.user());
            }
            apps.addAll(f.applications());
        }
        int[] shown = visibleOrder(table.rows(), shownBy, o);
        Texts texts = texts(table);
        List<QueryFigures> split = chosen == null ? List.of() : table.split(chosen.queryId());
        // Last: nothing after it may fail, or the numbers would run ahead of the rows.
        int[][] numbered = ids.assign(table.rows());
        return new Computed(snapshot.sequence(), table, snapshot, dbs, roles, apps, numbered[0], numbered[1], shownBy,
                o, shown, chosen, split, texts);
    }

    /** Background: the positions of the rows {@code f} lets through, in order {@code o} (null: as they are). */
    private int[] visibleOrder(List<QueryFigures> figures, QueryFilter f, Comparator<QueryFigures> o) {
        boolean byText = !f.text().isEmpty();
        if (byText && lowerTexts.size() > 2 * figures.size() + 1_000) {
            lowerTexts.clear();
        }
        List<Integer> shown = new ArrayList<>(figures.size());
        for (int i = 0; i < figures.size(); i++) {
            QueryFigures row = figures.get(i);
            if (f.isEmpty() || f.test(row, byText ? lower(row) : "")) {
                shown.add(i);
            }
        }
        if (o != null) {
            shown.sort((a, b) -> o.compare(figures.get(a), figures.get(b)));
        }
        return shown.stream().mapToInt(Integer::intValue).toArray();
    }

    private String lower(QueryFigures f) {
        if (f.text() == null) {
            return "";
        }
        String[] cached = lowerTexts.get(f.queryId());
        if (cached == null || cached[0] != f.text()) {
            cached = new String[] {f.text(), f.text().toLowerCase(Locale.ROOT)};
            lowerTexts.put(f.queryId(), cached);
        }
        return cached[1];
    }

    private void applyAndContinue(Computed c) {
        try {
            apply(c);
            updateChoices(c.databases(), c.users(), c.applications());
            appliedSequence = c.sequence();
        } finally {
            computed();
        }
    }

    /** A computation ended; the next one starts now if a snapshot or setting arrived meanwhile. */
    private void computed() {
        boolean again;
        synchronized (lock) {
            computing = false;
            again = dirty;
        }
        if (again) {
            requestCompute();
        }
    }

    /** UI thread: brings the rows in line with {@code c} in place, and shows them in its order. */
    private void apply(Computed c) {
        QueryTable t = c.table();
        List<QueryFigures> figures = t.rows();
        int[] numbers = c.ids();
        List<QueryRow> added = new ArrayList<>();
        QueryRow[] byPosition = new QueryRow[figures.size()];
        for (int i = 0; i < numbers.length; i++) {
            QueryFigures f = figures.get(i);
            int id = numbers[i];
            while (rowsById.size() <= id) {
                rowsById.add(null);
            }
            QueryRow row = rowsById.get(id);
            if (row == null) {
                row = new QueryRow(f);
                rowsById.set(id, row);
                rowsByKey.put(f.key(), row);
                added.add(row);
            } else {
                row.update(f);
            }
            row.position = i;
            byPosition[i] = row;
        }
        if (c.gone().length > 0) {
            Set<QueryRow> gone = new HashSet<>();
            for (int id : c.gone()) {
                QueryRow row = rowsById.set(id, null);
                rowsByKey.remove(row.key());
                gone.add(row);
            }
            rows.removeAll(gone);
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
        if (c.filter().equals(filter) && c.order() == order) {
            int[] positions = c.shown();
            boolean same = positions.length == visibleRows.size();
            for (int i = 0; same && i < positions.length; i++) {
                same = visibleRows.get(i) == byPosition[positions[i]];
            }
            // Most refreshes keep the order: then the list stays as it is, and the view shows the
            // rows' new figures when the table changes.
            if (!same) {
                List<QueryRow> shown = new ArrayList<>(positions.length);
                for (int position : positions) {
                    shown.add(byPosition[position]);
                }
                visibleRows.setAll(shown);
            }
        } else {
            // The reader changed the filter or the order while this was computed.
            showRows();
        }
        table.set(t);
        showTexts(c.texts());
        requestMissingTexts(t, c.texts().missingText());
        if (!findings.equals(t.repeated())) {
            findings.setAll(t.repeated());
        }
        StatementKey key = selected.get();
        if (key != null) {
            detail.set(buildDetail(key, t, c.snapshot(),
                    key.equals(c.selected()) ? c.split() : t.split(key.queryId())));
        }
    }

    /** At most once a minute (server time), and only while a row of the window has no text. */
    private void requestMissingTexts(QueryTable t, boolean missing) {
        if (missing && !t.end().isBefore(textsRequestedAt.plus(TEXT_REQUEST_INTERVAL))) {
            textsRequestedAt = t.end();
            requestTexts.run();
        }
    }

    private void updateChoices(Set<String> dbs, Set<String> roles, Set<String> apps) {
        keepSelected(dbs, databaseFilter.get());
        keepSelected(roles, userFilter.get());
        keepSelected(apps, applicationFilter.get());
        setIfChanged(databases, dbs);
        setIfChanged(users, roles);
        setIfChanged(applications, apps);
    }

    /** A chosen filter value stays offered even while no row has it, so the choice is not lost. */
    private static void keepSelected(Set<String> values, String chosen) {
        if (chosen != null) {
            values.add(chosen);
        }
    }

    private static void setIfChanged(ObservableList<String> list, Collection<String> values) {
        if (list.size() != values.size() || !list.containsAll(values)) {
            list.setAll(values);
        }
    }

    /** The summary line, the reset line and the notes about {@code t}; a pure function, run in the background. */
    private Texts texts(QueryTable t) {
        int count = t.rows().size();
        String statements = Humanize.count(count, "statement", "statements");
        String dbTime = QueryUnits.totalTime(t.totalTimeMs()) + " of database time";
        String summaryLine;
        if (t.window() == QueryWindow.SINCE_RESET) {
            summaryLine = t.statsReset().isPresent()
                    ? "Since reset · " + Humanize.seconds(t.secondsCovered()) + " · " + statements + " · " + dbTime
                    : "Since reset · " + statements + " · " + dbTime;
        } else if (t.intervals() == 0) {
            summaryLine = t.window().label() + " · nothing measured yet";
        } else {
            summaryLine = t.window().label() + " · " + Humanize.seconds(t.secondsCovered()) + " measured · "
                    + statements + " · " + dbTime;
        }
        String resetLine = t.statsReset().map(r -> "Statistics since " + dateTime(r) + " ("
                + Humanize.duration(Duration.between(r, t.end())) + " ago)")
                .orElse("Reset time unknown");
        List<String> n = new ArrayList<>();
        if (t.intervals() == 0 && t.window() != QueryWindow.SINCE_RESET) {
            n.add("Rates need two polls: the first figures arrive with the next refresh.");
        } else if (t.window().length().isPresent() && t.coverage() < 0.98) {
            n.add("Covers " + Humanize.seconds(t.secondsCovered()) + " of " + t.window().label()
                    + ": PgPulse has not watched this server that long yet, or polls failed.");
        }
        t.resetInWindow().ifPresent(r -> n.add("pg_stat_statements was reset at " + time(r)
                + " (not by PgPulse, which never resets it): work between the poll before and the reset was not"
                + " counted."));
        if (t.evictions() > 0) {
            n.add(Humanize.count(t.evictions(), "entry was", "entries were") + " evicted in this window"
                    + " (pg_stat_statements.max reached): the work of their last interval is lost.");
        }
        if (t.window() == QueryWindow.SINCE_RESET) {
            if (t.statsReset().isEmpty()) {
                n.add("The reset time is unknown (pg_stat_statements_info is not readable), so there are no rates"
                        + " since reset.");
            }
            if (t.deallocations() > 0) {
                n.add(Humanize.count(t.deallocations(), "entry was", "entries were") + " deallocated since the"
                        + " reset (pg_stat_statements.max reached): these totals miss their work.");
            }
        }
        boolean missing = false;
        for (QueryFigures f : t.rows()) {
            if (f.text() == null) {
                missing = true;
                break;
            }
        }
        return new Texts(summaryLine, resetLine, List.copyOf(n), missing);
    }

    /**
     * What the page says about a table, worked out with it in the background.
     *
     * @param missingText whether a row of the table has no text yet
     */
    private record Texts(String summary, String reset, List<String> notes, boolean missingText) {
    }

    private void showTexts(Texts texts) {
        summary.set(texts.summary());
        reset.set(texts.reset());
        if (!notes.equals(texts.notes())) {
            notes.setAll(texts.notes());
        }
    }

    private void updateFilter() {
        filter = new QueryFilter(filterText.get(), databaseFilter.get(), userFilter.get(), applicationFilter.get(),
                flaggedOnly.get());
        showRows();
    }

    /**
     * Sets the order of the visible rows (the table's sort order, with a tie-break that makes it
     * total); null for the table's own, heaviest first. Re-sorts at once; the following refreshes
     * arrive sorted.
     */
    public void setOrder(Comparator<QueryFigures> order) {
        this.order = order;
        showRows();
    }

    /** UI thread: filters and sorts the rows held now, for a change of filter or order. */
    private void showRows() {
        List<QueryRow> shown = new ArrayList<>(rows.size());
        for (QueryRow row : rows) {
            if (filter.isEmpty() || filter.test(row)) {
                shown.add(row);
            }
        }
        Comparator<QueryFigures> o = order;
        shown.sort(o == null ? Comparator.comparingInt(r -> r.position) : (a, b) -> o.compare(a.figures(), b.figures()));
        visibleRows.setAll(shown);
    }

    /** Selects a statement (or clears the selection with null) and loads its full text. */
    public void select(StatementKey key) {
        if (Objects.equals(key, selected.get())) {
            return;
        }
        selected.set(key);
        fullTextLoaded.set(false);
        if (key == null) {
            detail.set(null);
            detailText.set("");
            detailTextNote.set("");
            return;
        }
        QueryTable t = table.get();
        Snapshot snapshot;
        synchronized (lock) {
            snapshot = latest;
        }
        if (t != null) {
            detail.set(buildDetail(key, t, snapshot, t.split(key.queryId())));
        }
        loadFullText(key);
    }

    private void loadFullText(StatementKey key) {
        long queryId = key.queryId();
        String cached = fullTexts.get(queryId);
        if (cached != null) {
            showFullText(cached);
            return;
        }
        String preview = previewText(key);
        detailText.set(preview == null ? "" : SqlFormatter.format(preview));
        detailTextNote.set("Loading the full text…");
        background.run(() -> fullText.fetch(queryId), text -> {
            if (text.isPresent()) {
                fullTexts.put(queryId, text.get());
            }
            if (selected.get() == null || selected.get().queryId() != queryId) {
                return;
            }
            if (text.isPresent()) {
                showFullText(text.get());
            } else {
                detailTextNote.set("The server no longer has this entry (evicted or reset); showing the text PgPulse kept.");
            }
        }, e -> {
            if (selected.get() != null && selected.get().queryId() == queryId) {
                detailTextNote.set("The full text could not be read (" + e.getMessage()
                        + "); showing the text PgPulse kept.");
            }
        });
    }

    private void showFullText(String text) {
        detailText.set(SqlFormatter.format(text));
        detailTextNote.set("");
        fullTextLoaded.set(true);
    }

    private String previewText(StatementKey key) {
        QueryRow row = rowsByKey.get(key);
        if (row != null && row.figures().text() != null) {
            return row.figures().text();
        }
        QueryTable t = table.get();
        return t == null ? null : t.repeatedTexts().get(key.queryId());
    }

    /** @param split the statement's entries by database and user, {@link QueryTable#split} */
    private QueryDetail buildDetail(StatementKey key, QueryTable t, Snapshot snapshot, List<QueryFigures> split) {
        Optional<QueryFigures> figures = Optional.ofNullable(rowsByKey.get(key)).map(QueryRow::figures);
        Optional<StatementCounters> lifetime = Optional.ofNullable(snapshot == null || snapshot.statements() == null
                ? null : snapshot.statements().cumulative().get(key));
        String title = "queryid " + key.queryId() + " · "
                + figures.map(QueryFigures::database).or(() -> databaseName(snapshot, key.dbId()))
                        .orElse("database " + key.dbId())
                + " / " + figures.map(QueryFigures::user).or(() -> roleName(snapshot, key.userId()))
                        .orElse("role " + key.userId())
                + (key.topLevel() ? "" : " · nested");

        List<QueryDetail.Fact> facts = new ArrayList<>();
        if (figures.isEmpty()) {
            facts.add(new QueryDetail.Fact("In this window", "did not run"));
        }
        Instant seen = firstSeen.get(key);
        if (seen != null) {
            facts.add(new QueryDetail.Fact("First seen", seen.equals(connectedAt)
                    ? "before PgPulse connected at " + time(seen) : dateTime(seen)));
        }
        facts.add(new QueryDetail.Fact("Entry created", lifetime.flatMap(StatementCounters::statsSince)
                .map(this::dateTime).orElse(lifetime.isPresent()
                        ? "n/a: PostgreSQL records it from version 17" : "n/a: entry no longer in pg_stat_statements")));
        facts.add(new QueryDetail.Fact("Statistics reset", t.statsReset().map(this::dateTime).orElse("unknown")));
        lifetime.ifPresent(c -> {
            facts.add(new QueryDetail.Fact("Since reset", QueryUnits.count(c.calls()) + " calls, "
                    + QueryUnits.totalTime(c.totalExecTimeMs()) + " in total"));
            facts.add(new QueryDetail.Fact("Mean / max since reset", QueryUnits.millis(c.meanExecTimeMs()) + " / "
                    + QueryUnits.millis(c.maxExecTimeMs())));
        });
        figures.filter(f -> !f.applications().isEmpty()).ifPresent(f -> facts.add(new QueryDetail.Fact(
                "Applications", String.join(", ", new TreeSet<>(f.applications())))));

        Optional<StatementHistorySnapshot> h = history.statementHistory(key);
        String historyNote;
        if (h.isEmpty() || h.get().size() == 0) {
            historyNote = "No per-poll history for this statement: PgPulse keeps it for the "
                    + history.config().maxStatementsTracked() + " busiest statements.";
        } else {
            historyNote = h.get().size() + " polls with calls over the last "
                    + Humanize.duration(Duration.ofMillis(t.end().toEpochMilli() - h.get().epochMillisAt(0)));
        }
        return new QueryDetail(key, figures, title, facts, split, h, historyNote);
    }

    private static Optional<String> databaseName(Snapshot snapshot, long oid) {
        if (snapshot != null) {
            for (var db : snapshot.databases()) {
                if (db.oid() == oid) {
                    return Optional.of(db.name());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> roleName(Snapshot snapshot, long oid) {
        return snapshot == null || snapshot.statements() == null ? Optional.empty()
                : Optional.ofNullable(snapshot.statements().roleNames().get(oid));
    }

    /** Hands the selected statement's full text to the EXPLAIN view, once the shell wired one. */
    public void explain() {
        Consumer<String> handler = onExplain.get();
        StatementKey key = selected.get();
        if (handler == null || key == null) {
            return;
        }
        String text = fullTexts.get(key.queryId());
        handler.accept(text != null ? text : previewText(key));
    }

    /** The selected statement's SQL as shown (the full text once loaded). */
    public String sqlForSelected() {
        return detailText.get();
    }

    /** The selected statement with its figures, for pasting into an incident channel; null without a selection. */
    public String markdownForSelected() {
        StatementKey key = selected.get();
        QueryTable t = table.get();
        if (key == null || t == null) {
            return null;
        }
        QueryRow row = rowsByKey.get(key);
        if (row == null) {
            return null;
        }
        String sql = fullTexts.getOrDefault(key.queryId(), row.figures().text());
        return QueryMarkdown.of(row.figures(), t, sql, server, thresholds.get());
    }

    /** A file name that says what the export holds. */
    public String suggestedCsvName() {
        QueryTable t = table.get();
        String when = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .format((t == null ? Instant.now() : t.end()).atZone(zone));
        String w = window.get().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return "pgpulse-queries-" + w + "-" + when + ".csv";
    }

    /** Writes {@code figures} (as shown: filtered and sorted) to {@code file} in the background. */
    public void exportCsv(Path file, List<QueryFigures> figures) {
        List<QueryFigures> copy = List.copyOf(figures);
        message.set("Exporting " + Humanize.count(copy.size(), "statement", "statements") + "…");
        background.run(() -> {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                QueryCsv.write(copy, out);
            }
            return file;
        }, done -> message.set("Exported " + Humanize.count(copy.size(), "statement", "statements") + " to "
                + done.getFileName() + "."), e -> message.set("Export failed: " + e.getMessage()));
    }

    /** Sets the slow-query thresholds (mean time in ms, calls in the window). */
    public void setSlow(double meanMs, long minCalls) {
        thresholds.set(thresholds.get().withSlow(Math.max(0, meanMs), Math.max(0, minCalls)));
    }

    private String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    private String dateTime(Instant at) {
        return at.atZone(zone).toLocalDate().equals(LocalDate.now(zone)) ? time(at) : DATE_TIME.format(at.atZone(zone));
    }

    public ObjectProperty<QueryWindow> windowProperty() {
        return window;
    }

    public ObjectProperty<QueryThresholds> thresholdsProperty() {
        return thresholds;
    }

    /** Every statement of the window, in no particular order. */
    public ObservableList<QueryRow> rows() {
        return rows;
    }

    /** The rows the filters let through, in the order set with {@link #setOrder}. */
    public ObservableList<QueryRow> visibleRows() {
        return readOnlyVisibleRows;
    }

    public ReadOnlyObjectProperty<QueryTable> tableProperty() {
        return table.getReadOnlyProperty();
    }

    public QueryTable table() {
        return table.get();
    }

    /** The snapshot sequence whose figures are applied; -1 before the first. */
    public long appliedSequence() {
        return appliedSequence;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resetProperty() {
        return reset.getReadOnlyProperty();
    }

    public ObservableList<String> notes() {
        return notes;
    }

    /** N+1 loops first, then hot lookups. */
    public ObservableList<RepeatedQuery> findings() {
        return findings;
    }

    public ReadOnlyObjectProperty<Unavailable> unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** Outcome of the last export, for a status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<String> databaseFilterProperty() {
        return databaseFilter;
    }

    public ObjectProperty<String> userFilterProperty() {
        return userFilter;
    }

    public ObjectProperty<String> applicationFilterProperty() {
        return applicationFilter;
    }

    public BooleanProperty flaggedOnlyProperty() {
        return flaggedOnly;
    }

    public ObservableList<String> databases() {
        return databases;
    }

    public ObservableList<String> users() {
        return users;
    }

    public ObservableList<String> applications() {
        return applications;
    }

    public boolean applicationsAvailable() {
        return applicationsAvailable;
    }

    /** What the application filter is based on, or why there is none. */
    public String applicationsNote() {
        return applicationsNote;
    }

    public ReadOnlyObjectProperty<StatementKey> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QueryDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The selected statement's text, formatted for reading. */
    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    /** Whether the text is still loading or could not be read; empty once the full text is shown. */
    public ReadOnlyStringProperty detailTextNoteProperty() {
        return detailTextNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty fullTextLoadedProperty() {
        return fullTextLoaded.getReadOnlyProperty();
    }

    /**
     * Where "Explain" sends the statement's text. The EXPLAIN view does not exist yet; the shell
     * sets this once it does, and until then the button says so.
     */
    public ObjectProperty<Consumer<String>> onExplainProperty() {
        return onExplain;
    }

    public QueryThresholds thresholds() {
        return thresholds.get();
    }
}
