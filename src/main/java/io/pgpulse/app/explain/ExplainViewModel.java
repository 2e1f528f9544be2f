package io.pgpulse.app.explain;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.explain.ConnectionSource;
import io.pgpulse.core.explain.ExplainOptions;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.ExplainRequest;
import io.pgpulse.core.explain.ExplainRunner;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.input.PlanFiles;
import io.pgpulse.core.explain.input.PlanInput;
import io.pgpulse.core.explain.input.PlanReading;
import io.pgpulse.core.explain.StatementCheck;
import io.pgpulse.core.explain.StatementSplitter;
import io.pgpulse.core.explain.report.ExplainReport;
import io.pgpulse.core.explain.report.ExplainReportMarkdown;
import io.pgpulse.core.indexes.IndexAdvisor;
import io.pgpulse.core.indexes.IndexSuggestion;

/**
 * The EXPLAIN view's state and actions. Everything that talks to the server (the EXPLAIN, the
 * catalog reads and hypothetical indexes of the suggestions, a cancel request) runs through
 * {@link Background}; results land on the UI thread. One EXPLAIN at a time: the runner refuses a
 * second, and the view disables "Explain" while one runs.
 */
public final class ExplainViewModel {

    /** Where the view is in its one request. */
    public enum State {
        /** Nothing asked yet, or the SQL changed since. */
        IDLE,
        /** An EXPLAIN or the verification of its suggestions is running. */
        RUNNING,
        /** A plan is shown. */
        DONE,
        /** Refused before anything could change: the message says why. */
        REFUSED,
        /** The server could not produce a plan, or the connection failed. */
        FAILED
    }

    private final ExplainRunner runner;
    private final IndexAdvisor advisor;
    private final Background background;

    private final StringProperty sql = new SimpleStringProperty(this, "sql", "");
    private final BooleanProperty analyze = new SimpleBooleanProperty(this, "analyze");
    private final BooleanProperty buffers = new SimpleBooleanProperty(this, "buffers", true);
    private final BooleanProperty verbose = new SimpleBooleanProperty(this, "verbose");
    private final BooleanProperty settings = new SimpleBooleanProperty(this, "settings");
    private final IntegerProperty timeoutSeconds = new SimpleIntegerProperty(this, "timeoutSeconds",
            (int) ExplainOptions.DEFAULT_STATEMENT_TIMEOUT.toSeconds());
    private final ObservableList<Parameter> parameters = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sqlHint = new ReadOnlyStringWrapper(this, "sqlHint", "");
    private final ReadOnlyBooleanWrapper sqlAccepted = new ReadOnlyBooleanWrapper(this, "sqlAccepted");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Paste a statement, or send one from the Queries view.");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<PlanResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ObservableList<Insight> insights = FXCollections.observableArrayList();
    private final ObservableList<IndexSuggestion> suggestions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper suggestionsNote = new ReadOnlyStringWrapper(this, "suggestionsNote", "");
    private final ObjectProperty<PlanNode> selectedNode = new SimpleObjectProperty<>(this, "selectedNode");

    /** Bumped by every request, so that a late answer to an earlier one is dropped. */
    private long generation;

    public ExplainViewModel(LiveSession live, io.pgpulse.app.context.AppContext context) {
        this(live.session().connection()::borrow, context.background());
    }

    ExplainViewModel(ConnectionSource source, Background background) {
        this.runner = new ExplainRunner(source);
        this.advisor = new IndexAdvisor(source, runner);
        this.background = background;
        sql.addListener((obs, old, now) -> recheck());
        recheck();
    }

    /** One {@code $n} of the statement and the value the user typed for it (blank: generic plan). */
    public static final class Parameter {
        private final int number;
        private final StringProperty value = new SimpleStringProperty("");

        Parameter(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public StringProperty valueProperty() {
            return value;
        }
    }

    /** Re-reads the SQL without a server: one statement or why not, and its {@code $n} parameters. */
    private void recheck() {
        String text = sql.get() == null ? "" : sql.get();
        if (text.isBlank()) {
            sqlAccepted.set(false);
            sqlHint.set("");
            resize(0);
            return;
        }
        if (looksLikePlan(text)) {
            resize(0);
            sqlAccepted.set(true);
            sqlHint.set("This is EXPLAIN output, not a statement: Explain opens it as a plan.");
            return;
        }
        StatementCheck check = StatementSplitter.check(text);
        if (check instanceof StatementCheck.Refused r) {
            sqlAccepted.set(false);
            sqlHint.set(r.reason());
            return;
        }
        var st = ((StatementCheck.Single) check).statement();
        int n = st.parameterCount();
        resize(n);
        sqlAccepted.set(true);
        String kind = st.kind().name().replace('_', ' ');
        String hint = "One " + kind + " statement";
        if (n > 0) {
            hint += " with " + n + " parameter" + (n == 1 ? "" : "s") + " ($1" + (n > 1 ? " … $" + n : "")
                    + "): leave the values empty for a generic plan, or give every value for a custom plan";
        }
        Optional<String> writes = st.writesOrLocks();
        if (writes.isPresent()) {
            hint += ". Plan only, never ANALYZE: " + writes.get();
        }
        sqlHint.set(hint + ".");
    }

    private void resize(int count) {
        if (parameters.size() == count) {
            return;
        }
        List<Parameter> next = new ArrayList<>(parameters.subList(0, Math.min(count, parameters.size())));
        for (int i = next.size() + 1; i <= count; i++) {
            next.add(new Parameter(i));
        }
        parameters.setAll(next);
    }

    /**
     * What the user must accept before the request is sent, if anything: ANALYZE executes the
     * statement. Empty when no confirmation is needed.
     */
    public Optional<String> confirmation() {
        if (!analyze.get()) {
            return Optional.empty();
        }
        return Optional.of("EXPLAIN ANALYZE executes the statement for real, in a read-only transaction that is rolled"
                + " back, and stops it after " + timeoutSeconds.get() + " s. It runs on the server you are monitoring and"
                + " uses its resources like the application would.");
    }

    /** Explains the SQL in the editor; {@code confirmed} answers {@link #confirmation()}. */
    public void explain(boolean confirmed) {
        if (running.get()) {
            return;
        }
        if (!sqlAccepted.get()) {
            refuse(sqlHint.get().isEmpty() ? "Type or paste one SQL statement to explain." : sqlHint.get());
            return;
        }
        if (looksLikePlan(sql.get())) {
            openPlan(sql.get(), "the editor");
            return;
        }
        ExplainRequest request;
        try {
            request = request(confirmed);
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage());
            return;
        }
        long gen = begin(request.options().analyze() ? "Running EXPLAIN ANALYZE…" : "Explaining…");
        background.run(() -> explainAndAnalyse(request),
                done -> onExplained(gen, request, done),
                e -> {
                    if (gen == generation) {
                        fail("The EXPLAIN could not run: " + describe(e));
                    }
                });
    }

    /** The statement from the Queries view: shown in the editor and explained without ANALYZE at once. */
    public void explainStatement(String text) {
        if (running.get()) {
            cancel();
        }
        analyze.set(false);
        sql.set(text == null ? "" : text.strip());
        parameters.forEach(p -> p.valueProperty().set(""));
        if (sqlAccepted.get()) {
            explain(false);
        } else {
            refuse(sqlHint.get().isEmpty() ? "The statement is empty." : sqlHint.get());
        }
    }

    /**
     * True when the text is EXPLAIN output rather than SQL: a plan pasted from psql, a log or a
     * ticket. Cheap; the reader decides for good.
     */
    public static boolean looksLikePlan(String text) {
        if (text == null) {
            return false;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return false;
        }
        return PLAN_MARKERS.matcher(t.length() > 20_000 ? t.substring(0, 20_000) : t).find();
    }

    private static final java.util.regex.Pattern PLAN_MARKERS = java.util.regex.Pattern.compile(
            "\\(cost=\\d|\"Node Type\"|\\(actual time=|\\(actual rows=|^\\s*QUERY PLAN\\s*$|Total Runtime:"
                    + "|duration: [0-9.]+ ms\\s+plan:|^\\s*->\\s+\\w|^\\s*(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan"
                    + "|Bitmap Index Scan|Hash Join|Nested Loop|Merge Join|HashAggregate|GroupAggregate|Gather Merge|Gather)\\b",
            java.util.regex.Pattern.MULTILINE);

    /**
     * Opens a plan PgPulse did not run — pasted, dropped or found in a log — with the same plan view
     * and insights. {@code source} names where it came from ("the clipboard", a file name).
     */
    public void openPlan(String text, String source) {
        read(() -> PlanInput.read(text), source);
    }

    /** Reads a plan file (JSON or text, any framing) off the UI thread. */
    public void openPlanFile(Path file) {
        read(() -> PlanFiles.read(file), file.getFileName().toString());
    }

    private void read(java.util.concurrent.Callable<PlanReading> reader, String source) {
        if (running.get()) {
            cancel();
        }
        long gen = begin("Reading the plan from " + source + "…");
        background.run(() -> {
            PlanReading reading = reader.call();
            if (reading instanceof PlanReading.Read r) {
                return new Loaded(r, PlanInsights.analyse(r.first()));
            }
            return new Loaded(reading, List.of());
        }, loaded -> {
            if (gen != generation) {
                return;
            }
            if (loaded.reading() instanceof PlanReading.Unreadable u) {
                fail("The plan from " + source + " could not be read: " + u.message());
                return;
            }
            PlanReading.Read r = (PlanReading.Read) loaded.reading();
            PlanResult plan = PlanResult.read(r, source);
            show(plan, loaded.insights());
            r.queryText(0).ifPresent(q -> {
                if (sql.get() == null || sql.get().isBlank() || looksLikePlan(sql.get())) {
                    sql.set(q.strip());
                }
            });
            suggest(gen, "Looking for indexes that would help, in the catalog of the connected database…",
                    () -> advisor.adviseForReadPlan(r.first()), "No index suggestion for the tables of this plan in the"
                            + " connected database (they may not exist here, or existing indexes already serve it).");
        }, e -> {
            if (gen == generation) {
                fail("The plan from " + source + " could not be read: " + describe(e));
            }
        });
    }

    private record Loaded(PlanReading reading, List<Insight> insights) {}

    /** Asks the server to cancel what runs (never a terminate); the request ends as "Cancelled". */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        message.set("Cancelling…");
        background.run(runner::cancel, sent -> { }, e -> { });
    }

    private ExplainRequest request(boolean confirmed) {
        String text = sql.get() == null ? "" : sql.get();
        if (text.isBlank()) {
            throw new IllegalArgumentException("Type or paste one SQL statement to explain.");
        }
        List<String> values = parameters.stream().map(p -> p.valueProperty().get() == null ? "" : p.valueProperty().get())
                .toList();
        long given = values.stream().filter(v -> !v.isEmpty()).count();
        if (given > 0 && given < values.size()) {
            throw new IllegalArgumentException("Give a value for every parameter ($1 … $" + values.size()
                    + "), or leave them all empty for a generic plan.");
        }
        ExplainOptions options = ExplainOptions.plain().withAnalyze(analyze.get()).withBuffers(buffers.get())
                .withVerbose(verbose.get()).withSettings(settings.get())
                .withStatementTimeout(Duration.ofSeconds(Math.max(1, timeoutSeconds.get())));
        ExplainRequest request = new ExplainRequest(text, options, given == 0 ? List.of() : values, false);
        return confirmed ? request.confirm() : request;
    }

    private record Explained(ExplainOutcome outcome, List<Insight> insights) {}

    /** Off the UI thread: the EXPLAIN, then the insights, which can take a while on a 10,000-node plan. */
    private Explained explainAndAnalyse(ExplainRequest request) {
        ExplainOutcome outcome = runner.explain(request);
        if (outcome instanceof ExplainOutcome.Plan p) {
            return new Explained(outcome, PlanInsights.analyse(p.model(), p.tableStats()));
        }
        return new Explained(outcome, List.of());
    }

    private void onExplained(long gen, ExplainRequest request, Explained done) {
        if (gen != generation) {
            return;
        }
        ExplainOutcome outcome = done.outcome();
        if (outcome instanceof ExplainOutcome.Rejected r) {
            running.set(false);
            refuse(r.reason());
        } else if (outcome instanceof ExplainOutcome.Failed f) {
            fail(f.message() + (f.sqlState() == null ? "" : " [SQLSTATE " + f.sqlState() + "]"));
        } else if (outcome instanceof ExplainOutcome.Plan p) {
            show(PlanResult.ran(p), done.insights());
            suggest(gen, "Looking for indexes that would help (catalog, column statistics, then hypothetical indexes"
                    + " when hypopg is installed)…", () -> advisor.advise(request, p), "No index suggestion: no filter,"
                    + " join or sort key on a scanned table that a new index would serve better than the existing ones.");
        }
    }

    private void show(PlanResult plan, List<Insight> found) {
        result.set(plan);
        insights.setAll(found);
        selectedNode.set(plan.plan().root());
        state.set(State.DONE);
        message.set(plan.summary());
    }

    /**
     * Starts a request: earlier results go, and answers to earlier requests will be dropped.
     * Returns the request's generation.
     */
    private long begin(String what) {
        long gen = ++generation;
        clearResult();
        running.set(true);
        state.set(State.RUNNING);
        message.set(what);
        return gen;
    }

    /** The last step of a request: index suggestions, then the request is over. */
    private void suggest(long gen, String looking, java.util.concurrent.Callable<List<IndexSuggestion>> advice,
            String none) {
        suggestionsNote.set(looking);
        background.run(advice, found -> {
            if (gen != generation) {
                return;
            }
            running.set(false);
            suggestions.setAll(found);
            suggestionsNote.set(found.isEmpty() ? none : "");
        }, e -> {
            if (gen != generation) {
                return;
            }
            running.set(false);
            suggestionsNote.set("Index suggestions unavailable: " + describe(e));
        });
    }

    private void clearResult() {
        result.set(null);
        insights.clear();
        suggestions.clear();
        suggestionsNote.set("");
        selectedNode.set(null);
    }

    private void refuse(String reason) {
        state.set(State.REFUSED);
        message.set(reason);
    }

    private void fail(String why) {
        running.set(false);
        state.set(State.FAILED);
        message.set(why);
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The plan with its insights and suggestions, for an incident channel or a ticket. */
    public Optional<String> markdown() {
        PlanResult r = result.get();
        if (r == null) {
            return Optional.empty();
        }
        String note = suggestionsNote.get().isEmpty() ? null : suggestionsNote.get();
        ExplainReport.Source source = r.outcome() != null ? new ExplainReport.Explained(r.outcome())
                : new ExplainReport.PlanFile(r.reading(), r.origin());
        return Optional.of(ExplainReportMarkdown.render(new ExplainReport(source, List.copyOf(insights),
                List.copyOf(suggestions), note)));
    }

    public StringProperty sqlProperty() {
        return sql;
    }

    public BooleanProperty analyzeProperty() {
        return analyze;
    }

    public BooleanProperty buffersProperty() {
        return buffers;
    }

    public BooleanProperty verboseProperty() {
        return verbose;
    }

    public BooleanProperty settingsProperty() {
        return settings;
    }

    public IntegerProperty timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    public ObservableList<Parameter> parameters() {
        return parameters;
    }

    public ReadOnlyStringProperty sqlHintProperty() {
        return sqlHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sqlAcceptedProperty() {
        return sqlAccepted.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<Insight> insights() {
        return insights;
    }

    public ObservableList<IndexSuggestion> suggestions() {
        return suggestions;
    }

    public ReadOnlyStringProperty suggestionsNoteProperty() {
        return suggestionsNote.getReadOnlyProperty();
    }

    public ObjectProperty<PlanNode> selectedNodeProperty() {
        return selectedNode;
    }
}
