package io.pgpulse.app.indexes;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.input.Redactor;
import io.pgpulse.core.explain.ConnectionSource;
import io.pgpulse.core.explain.report.IndexHealthOutput;
import io.pgpulse.core.indexes.IndexHealth;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;
import io.pgpulse.core.indexes.IndexInventory;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Indexes page's state: one index health check of the connected database, read in the
 * background when the page is first shown and again on Refresh, never two at once. The result
 * becomes rows (grouped by kind, largest first), a summary line, notes that qualify it (short
 * statistics history, a standby) and the selected finding with its DDL.
 *
 * <p>A failed read leaves the previous result in place and says why in words an on-call engineer
 * can act on; nothing here touches the sampler, so every other page keeps working.
 */
public final class IndexesViewModel {
    private static final Logger log = LoggerFactory.getLogger(IndexesViewModel.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    /** Less statistics history than this and "unused" may only mean "not used this week" (as core judges it). */
    static final Duration SHORT_HISTORY = Duration.ofDays(7);
    private static final Pattern SAME_AS = Pattern.compile("same definition as (.+?) on ");
    private static final Pattern DENIED_DATABASE = Pattern.compile("^permission denied for database \"(.+)\"$");
    private static final Pattern PREFIX_OF = Pattern.compile("is a prefix of (.+?) \\((.*?)\\):");

    public enum Status { NOT_LOADED, LOADING, LOADED, FAILED }

    /** What one background read brings back. */
    private record Result(IndexInventory inventory, List<IndexHealthItem> items, String database, Instant readAt) {
    }

    private final ConnectionSource source;
    private final Background background;
    private final Duration statementTimeout;
    private final String role;
    private final ZoneId zone;
    private final AtomicBoolean inFlight = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.NOT_LOADED);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "Not loaded yet");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper errorFix = new ReadOnlyStringWrapper(this, "errorFix", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObservableList<String> summaryParts = FXCollections.observableArrayList();
    private final ObservableList<String> summaryPartsView = FXCollections.unmodifiableObservableList(summaryParts);
    private final ReadOnlyStringWrapper scope = new ReadOnlyStringWrapper(this, "scope", "");
    private final ReadOnlyStringWrapper database = new ReadOnlyStringWrapper(this, "database", "");
    private final ReadOnlyBooleanWrapper hasResult = new ReadOnlyBooleanWrapper(this, "hasResult");
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<IndexRow> rows = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens to its list weakly, so a view made per call loses its listeners.
    private final ObservableList<String> notesView = FXCollections.unmodifiableObservableList(notes);
    private final ObservableList<IndexRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<IndexRow> visibleRows = new FilteredList<>(rows);
    private final ObjectProperty<Kind> kindFilter = new SimpleObjectProperty<>(this, "kindFilter");
    private final Map<Kind, ReadOnlyIntegerWrapper> counts = new EnumMap<>(Kind.class);
    private final ReadOnlyObjectWrapper<IndexRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private IndexInventory inventory;

    /** The app's constructor: reads through the live session's pool (at most two sessions, shared with the sampler). */
    public IndexesViewModel(LiveSession live, AppContext context) {
        this(live.session().connection(), context.background());
    }

    private IndexesViewModel(MonitorConnection connection, Background background) {
        this(connection::borrow, background, connection.settings().statementTimeout(), connection.target().user(),
                ZoneId.systemDefault());
    }

    /** For tests and previews: any source of sessions, results delivered through {@code background}'s UI executor. */
    IndexesViewModel(ConnectionSource source, Background background) {
        this(source, background, null, null, ZoneId.systemDefault());
    }

    /**
     * @param statementTimeout the sessions' statement_timeout, to say what cancelled a slow read; null when unknown
     * @param role             the role PgPulse logs in as, for the GRANT a missing privilege needs; null when unknown
     */
    IndexesViewModel(ConnectionSource source, Background background, Duration statementTimeout, String role, ZoneId zone) {
        this.source = Objects.requireNonNull(source);
        this.background = Objects.requireNonNull(background);
        this.statementTimeout = statementTimeout;
        this.role = role;
        this.zone = zone;
        for (Kind k : Kind.values()) {
            counts.put(k, new ReadOnlyIntegerWrapper(this, "count" + k, 0));
        }
        kindFilter.addListener((obs, old, now) -> {
            visibleRows.setPredicate(now == null ? null : r -> r.kind() == now);
            IndexRow s = selected.get();
            if (s != null && !visibleRows.contains(s)) {
                selected.set(visibleRows.isEmpty() ? null : visibleRows.get(0));
            }
        });
    }

    /** The page became visible: the first time, read; afterwards only Refresh reads again. */
    public void shown() {
        if (status.get() == Status.NOT_LOADED) {
            refresh();
        }
    }

    /** Reads the catalog again in the background; ignored while a read is in flight. */
    public void refresh() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        status.set(Status.LOADING);
        statusText.set(hasResult.get() ? "Refreshing…" : "Reading the catalog…");
        background.run(this::read, this::apply, this::failed);
    }

    /** Background: one borrowed session for the three catalog queries, given back at once. */
    private Result read() throws SQLException {
        String[] db = new String[1];
        ConnectionSource remembering = () -> {
            Connection c = source.borrow();
            db[0] = c.getCatalog();
            return c;
        };
        IndexInventory inv = new IndexHealth(remembering).read();
        return new Result(inv, IndexHealth.analyse(inv), db[0], Instant.now());
    }

    private void apply(Result r) {
        try {
            show(r);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void show(Result r) {
        inventory = r.inventory();
        database.set(r.database() == null ? "" : r.database());
        String previous = selected.get() == null ? null : selected.get().key();
        List<IndexRow> fresh = rowsOf(r.items(), r.inventory());
        rows.setAll(fresh);
        for (Kind k : Kind.values()) {
            counts.get(k).set((int) fresh.stream().filter(x -> x.kind() == k).count());
        }
        List<String> parts = summaryParts(fresh, r.inventory());
        summaryParts.setAll(parts);
        summary.set(parts.isEmpty() ? "No index problems found" : String.join(" · ", parts));
        scope.set(scopeOf(r.inventory(), r.database()));
        notes.setAll(notesOf(r.inventory(), fresh));
        selected.set(visibleRows.stream().filter(x -> x.key().equals(previous)).findFirst()
                .orElse(visibleRows.isEmpty() ? null : visibleRows.get(0)));
        error.set("");
        errorFix.set("");
        hasResult.set(true);
        statusText.set("Loaded at " + CLOCK.format(r.readAt().atZone(zone)));
        status.set(Status.LOADED);
        inFlight.set(false);
    }

    private void failed(Throwable e) {
        log.warn("Index health could not be read: {}", Redactor.redact(String.valueOf(e.getMessage())));
        error.set(explain(e, statementTimeout));
        errorFix.set(fix(e, role));
        String at = CLOCK.format(Instant.now().atZone(zone));
        statusText.set(hasResult.get() ? "Refresh failed at " + at + "; showing the earlier result" : "Failed at " + at);
        status.set(Status.FAILED);
        inFlight.set(false);
    }

    /**
     * The findings as rows, grouped by kind and largest first. A redundant index whose keeper (its
     * twin, or the wider index that covers it) is itself unused gets a warning on both rows:
     * each finding alone says "drop it", together they would leave no index at all.
     */
    static List<IndexRow> rowsOf(List<IndexHealthItem> items, IndexInventory inv) {
        Map<String, IndexHealthItem> unused = new java.util.HashMap<>();
        for (IndexHealthItem i : items) {
            if (i.kind() == Kind.UNUSED) {
                unused.put(i.schema() + "." + i.index(), i);
            }
        }
        Map<String, String> pairedWith = new java.util.HashMap<>();
        for (IndexHealthItem i : items) {
            String keeper = keeper(i);
            if (keeper != null && unused.containsKey(i.schema() + "." + keeper)) {
                pairedWith.put(i.schema() + "." + i.index(), keeper);
                pairedWith.put(i.schema() + "." + keeper, i.index());
            }
        }
        List<IndexRow> out = new ArrayList<>();
        for (IndexHealthItem i : items) {
            IndexRow row = IndexRow.of(i, meaning(i, inv));
            String other = i.kind() == Kind.FOREIGN_KEY_WITHOUT_INDEX ? null : pairedWith.get(i.schema() + "." + i.index());
            if (other != null) {
                String both = i.kind() == Kind.UNUSED
                        ? other + " is listed as redundant because of this index: drop one of the two, never both."
                        : other + ", which makes this one redundant, is listed as unused: drop one of the two, never both.";
                row = new IndexRow(row.kind(), row.schema(), row.table(), row.name(), row.sizeBytes(), row.size(),
                        row.meaning(), row.detail(), row.ddl(), both + " " + row.warning());
            }
            out.add(row);
        }
        out.sort(Comparator.comparingInt((IndexRow x) -> IndexKinds.ORDER.indexOf(x.kind()))
                .thenComparing(Comparator.comparingLong(IndexRow::sizeBytes).reversed())
                .thenComparing(IndexRow::qualifiedTable).thenComparing(IndexRow::name));
        return out;
    }

    /** The index that stays when a duplicate or covered index goes; null for other kinds or when not named. */
    private static String keeper(IndexHealthItem i) {
        Matcher m = i.kind() == Kind.DUPLICATE ? SAME_AS.matcher(i.detail())
                : i.kind() == Kind.PREFIX_COVERED ? PREFIX_OF.matcher(i.detail()) : null;
        return m != null && m.find() ? m.group(1) : null;
    }

    /** A few words per row; the detail pane has core's full sentence. */
    static String meaning(IndexHealthItem i, IndexInventory inv) {
        switch (i.kind()) {
            case UNUSED:
                return inv.statsReset() == null ? "No scans since statistics began"
                        : "No scans in " + IndexKinds.age(Duration.between(inv.statsReset(), inv.serverNow()));
            case DUPLICATE: {
                Matcher m = SAME_AS.matcher(i.detail());
                return m.find() ? "Same definition as " + m.group(1) : "Same definition as another index";
            }
            case PREFIX_COVERED: {
                Matcher m = PREFIX_OF.matcher(i.detail());
                return m.find() ? "Covered by " + m.group(1) + " (" + m.group(2) + ")" : "Covered by a wider index";
            }
            case INVALID: {
                boolean building = inv.indexes().stream().anyMatch(x -> x.schema().equals(i.schema())
                        && x.name().equals(i.index()) && x.buildInProgress());
                return building ? "Being built right now: leave it" : "Failed build: slows writes, never read";
            }
            case FOREIGN_KEY_WITHOUT_INDEX:
                return inv.foreignKeys().stream()
                        .filter(fk -> fk.schema().equals(i.schema()) && fk.table().equals(i.table())
                                && fk.constraint().equals(i.index()))
                        .findFirst()
                        .map(fk -> "No index on (" + String.join(", ", fk.columnNames()) + "): deletes on "
                                + fk.referencedTable() + " scan this table")
                        .orElse("No index leading with the key's columns");
            default:
                return "";
        }
    }

    /** "3 unused indexes (1.2 GB) since statistics reset 12 days ago", "1 duplicate (16.0 kB)", "1 invalid index", …. */
    static List<String> summaryParts(List<IndexRow> rows, IndexInventory inv) {
        List<String> parts = new ArrayList<>();
        for (Kind k : IndexKinds.ORDER) {
            List<IndexRow> of = rows.stream().filter(r -> r.kind() == k).toList();
            if (of.isEmpty()) {
                continue;
            }
            StringBuilder part = new StringBuilder(IndexKinds.counted(k, of.size()));
            // Sizes of what dropping would free; an invalid index is rebuilt, a missing one created.
            if (k != Kind.FOREIGN_KEY_WITHOUT_INDEX && k != Kind.INVALID) {
                part.append(" (").append(IndexKinds.bytes(of.stream().mapToLong(IndexRow::sizeBytes).sum())).append(')');
            }
            if (k == Kind.UNUSED) {
                part.append(inv.statsReset() == null ? " since statistics began"
                        : " since statistics reset " + IndexKinds.age(Duration.between(inv.statsReset(), inv.serverNow()))
                                + " ago");
            }
            parts.add(part.toString());
        }
        return parts;
    }

    private static String scopeOf(IndexInventory inv, String database) {
        return "Checked " + inv.indexes().size() + (inv.indexes().size() == 1 ? " index" : " indexes") + " and "
                + inv.foreignKeys().size() + (inv.foreignKeys().size() == 1 ? " foreign key" : " foreign keys")
                + (database == null ? "" : " in database " + database) + " · statistics "
                + (inv.statsReset() == null ? "never reset"
                        : "reset " + IndexKinds.age(Duration.between(inv.statsReset(), inv.serverNow())) + " ago")
                + (inv.standby() ? " · this server is a standby" : "");
    }

    /** What qualifies the whole result, shown above the table. */
    private static List<String> notesOf(IndexInventory inv, List<IndexRow> rows) {
        List<String> out = new ArrayList<>();
        boolean unused = rows.stream().anyMatch(r -> r.kind() == Kind.UNUSED);
        if (inv.statsReset() != null && unused) {
            Duration age = Duration.between(inv.statsReset(), inv.serverNow());
            if (age.compareTo(SHORT_HISTORY) < 0) {
                out.add("The statistics were reset only " + IndexKinds.age(age) + " ago: \"unused\" means unused in that"
                        + " time. An index that serves a weekly or monthly job looks unused; wait before dropping.");
            }
        }
        if (inv.standby()) {
            out.add("This server is a standby: idx_scan counts the scans on this server only. The primary and every"
                    + " other replica keep their own counts.");
        }
        return out;
    }

    /**
     * Says what went wrong and what to do, in the words of the one thing that failed: a privilege,
     * a timeout, a lock, the connection. Messages are redacted; no password reaches the screen.
     */
    static String explain(Throwable e, Duration statementTimeout) {
        SQLException sql = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null) {
                sql = s;
                break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (sql == null) {
            if (root instanceof ConnectException) {
                return "Cannot reach the server (connection refused): it may be down or restarting. The rest of PgPulse"
                        + " reconnects on its own; press Refresh once the server answers again.";
            }
            if (e instanceof SQLTransientConnectionException) {
                return "No monitoring session became free in time: PgPulse uses at most two, and both stayed busy"
                        + " (a slow poll or a stalled network). Press Refresh in a moment.";
            }
            if (e instanceof SQLException s && String.valueOf(s.getMessage()).contains("has been closed")) {
                return "The connection to the server was closed (disconnected). Connect again to check indexes.";
            }
            return "Index health could not be read: " + Redactor.redact(String.valueOf(e.getMessage()));
        }
        String state = sql.getSQLState();
        String said = serverSaid(sql);
        if ("42501".equals(state)) {
            if (said.startsWith("permission denied for database")) {
                return "The monitoring role may not connect to this database (" + said + "). Index health reads the"
                        + " catalog of the database PgPulse is connected to, so the role needs CONNECT on it.";
            }
            return "Permission denied (" + said + "). Index health reads pg_index, pg_constraint, pg_stat_all_indexes"
                    + " and pg_stat_database, which every role may read unless an administrator revoked it.";
        }
        if ("57014".equals(state)) {
            return "The server cancelled the catalog read after PgPulse's statement timeout"
                    + (statementTimeout == null ? "" : " (" + seconds(statementTimeout) + ")")
                    + ": the catalog is very large or the server is overloaded. The timeout is set when PgPulse"
                    + " connects (three quarters of the refresh interval, at most 10 s); connecting with a longer"
                    + " refresh interval gives the read more time.";
        }
        if ("55P03".equals(state)) {
            return "A catalog table is locked (" + said + "): DDL such as a migration holds a conflicting lock."
                    + " PgPulse gave up instead of queueing behind it; press Refresh once the DDL has finished.";
        }
        if ("3D000".equals(state)) {
            return "The database no longer exists (" + said + "): it was dropped or renamed. Connect to another"
                    + " database to check its indexes.";
        }
        if ("28000".equals(state) || "28P01".equals(state)) {
            return "The server refused the login (" + said + "): the role or its password changed since PgPulse"
                    + " connected.";
        }
        if ("53300".equals(state)) {
            return "The server has no free connection slot (" + said + "); PgPulse's other session keeps the rest"
                    + " of the app working. Press Refresh once connections are free.";
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return "Lost the connection to the server (" + said + "): it may be down or restarting. The rest of"
                    + " PgPulse reconnects on its own; press Refresh once the server answers again.";
        }
        return "Index health could not be read: " + said + " (SQLSTATE " + state + ").";
    }

    /** The statement an administrator runs to fix the failure, when there is one; empty otherwise. */
    static String fix(Throwable e, String role) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && "42501".equals(s.getSQLState())) {
                Matcher m = DENIED_DATABASE.matcher(serverSaid(s));
                if (m.find()) {
                    return "GRANT CONNECT ON DATABASE " + Identifiers.quoteIdent(m.group(1)) + " TO "
                            + (role == null ? "<monitoring role>" : Identifiers.quoteIdent(role)) + ";";
                }
            }
        }
        return "";
    }

    private static String serverSaid(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return Redactor.redact(m.getMessage());
        }
        return Redactor.redact(String.valueOf(e.getMessage()));
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }

    /** Selects a row of the table (null clears the detail). */
    public void select(IndexRow row) {
        selected.set(row);
    }

    /** The rows shown, as Markdown with each finding's DDL and warning: for an incident channel or a ticket. */
    public String markdown() {
        if (inventory == null) {
            return "";
        }
        return IndexHealthOutput.markdown(inventory, visibleRows.stream().map(IndexRow::item).toList());
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /** "Loaded at 14:02:11", "Reading the catalog…", "Failed at 14:02:11". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Why the last read failed; empty after a successful one. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The statement that fixes the failure (e.g. the GRANT a missing privilege needs); empty when there is none. */
    public ReadOnlyStringProperty errorFixProperty() {
        return errorFix.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The summary's parts, one per kind found, in {@link IndexKinds#ORDER}: what the view lays out so it wraps between them. */
    public ObservableList<String> summaryParts() {
        return summaryPartsView;
    }

    /** What was checked: counts, database, statistics age, standby. */
    public ReadOnlyStringProperty scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseProperty() {
        return database.getReadOnlyProperty();
    }

    /** Whether a check has completed at least once (so rows, summary and scope mean something). */
    public ReadOnlyBooleanProperty hasResultProperty() {
        return hasResult.getReadOnlyProperty();
    }

    public ObservableList<String> notes() {
        return notesView;
    }

    /** Every finding, grouped by kind in {@link IndexKinds#ORDER}, largest first. */
    public ObservableList<IndexRow> rows() {
        return rowsView;
    }

    /** The findings of the chosen kind (all when the filter is null). */
    public ObservableList<IndexRow> visibleRows() {
        return visibleRows;
    }

    public ObjectProperty<Kind> kindFilterProperty() {
        return kindFilter;
    }

    public ReadOnlyIntegerProperty countProperty(Kind kind) {
        return counts.get(kind).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
