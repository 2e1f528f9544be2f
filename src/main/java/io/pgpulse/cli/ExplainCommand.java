package io.pgpulse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.explain.ExplainOptions;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.ExplainRequest;
import io.pgpulse.core.explain.ExplainRunner;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.StatementCheck;
import io.pgpulse.core.explain.StatementSplitter;
import io.pgpulse.core.explain.input.PlanFiles;
import io.pgpulse.core.explain.input.PlanReading;
import io.pgpulse.core.explain.report.ExplainReport;
import io.pgpulse.core.explain.report.ExplainReportJson;
import io.pgpulse.core.explain.report.ExplainReportMarkdown;
import io.pgpulse.core.indexes.IndexAdvisor;
import io.pgpulse.core.indexes.IndexSuggestion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpulse explain}: the plan of one statement, its insights and index suggestions; or, with
 * {@code --plan-file}, the insights of a saved plan without connecting.
 */
@Command(name = "explain",
        description = {"Explain one statement in a read-only transaction that is rolled back; print the plan, "
                + "insights and index suggestions.",
                "With --plan-file, analyse a saved plan (EXPLAIN text or JSON, psql output, auto_explain log lines) "
                + "without connecting."})
final class ExplainCommand implements Callable<Integer> {
    /** Options that only mean something when PgPulse runs EXPLAIN itself. */
    private static final List<String> RUN_OPTIONS = List.of("--analyze", "--yes", "--buffers", "--verbose", "--settings",
            "--param", "--timeout");
    /** The connection: --plan-file never connects, so giving one is a mistake worth saying. */
    private static final List<String> CONNECTION_OPTIONS = List.of("--url", "--host", "--port", "--dbname", "--username",
            "--sslmode", "--sslrootcert", "--password");

    enum Format { markdown, json }

    /**
     * One-shot commands take the longest statement timeout the session envelope allows (10 s) for
     * their catalog reads; the EXPLAIN itself runs under its own --timeout.
     */
    static final MonitorSettings SETTINGS = MonitorSettings.withInterval(Duration.ofSeconds(14));

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--sql", paramLabel = "SQL", description = "the statement (exactly one; $1 … $n allowed)")
    String sql;

    @Option(names = "--sql-file", paramLabel = "FILE", description = "read the statement from a file")
    Path sqlFile;

    @Option(names = "--plan-file", paramLabel = "FILE",
            description = "analyse a saved plan instead of running EXPLAIN (text or JSON; psql output and auto_explain "
                    + "log lines are fine; - reads standard input); does not connect")
    String planFile;

    @Spec
    CommandSpec spec;

    /** Standard input for {@code --plan-file -}; tests replace it. */
    java.util.function.Supplier<java.io.InputStream> stdin = () -> System.in;

    @Option(names = "--analyze", description = "execute the statement (read-only statements without volatile functions only)")
    boolean analyze;

    @Option(names = {"--yes", "-y"}, description = "confirm --analyze without asking")
    boolean yes;

    @Option(names = "--buffers", description = "include buffer counts")
    boolean buffers;

    @Option(names = "--verbose", description = "EXPLAIN VERBOSE: output columns and schema-qualified names")
    boolean verbose;

    @Option(names = "--settings", description = "include modified planner settings")
    boolean settings;

    @Option(names = "--param", paramLabel = "VALUE",
            description = "value for $1, $2 … in order (repeat); without values a generic plan is shown")
    List<String> params = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "statement_timeout for the EXPLAIN (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--no-suggestions", description = "skip index suggestions")
    boolean noSuggestions;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default ${DEFAULT-VALUE})")
    Format format;

    private final CliPrinter printer;
    private final ConnectionInputParser parser;

    ExplainCommand(CliPrinter printer, ConnectionInputParser parser) {
        this.printer = printer;
        this.parser = parser;
    }

    @Override
    public Integer call() throws Exception {
        if (planFile != null) {
            return savedPlan();
        }
        String text;
        try {
            text = statementText();
        } catch (ConnectionOptions.UsageException e) {
            printer.error(e.getMessage());
            return ExitCodes.USAGE;
        }
        // Refuse what can be refused before connecting: nothing reaches the server.
        if (StatementSplitter.check(text) instanceof StatementCheck.Refused r) {
            printer.error(r.reason());
            return ExitCodes.USAGE;
        }
        ExplainOptions options;
        try {
            options = ExplainOptions.plain().withAnalyze(analyze).withBuffers(buffers).withVerbose(verbose)
                    .withSettings(settings).withStatementTimeout(timeout);
        } catch (IllegalArgumentException e) {
            printer.error(e.getMessage());
            return ExitCodes.USAGE;
        }
        ExplainRequest request = new ExplainRequest(text, options, params, yes);
        if (analyze && !yes) {
            printer.error("--analyze executes the statement (read-only, rolled back, within " + timeout.toSeconds()
                    + " s): add --yes to confirm.");
            return ExitCodes.USAGE;
        }
        return connection.withMonitor(parser, printer, SETTINGS, monitor -> {
            ExplainRunner runner = new ExplainRunner(monitor::borrow);
            ExplainOutcome outcome = runner.explain(request);
            if (outcome instanceof ExplainOutcome.Rejected r) {
                printer.error(r.reason());
                return ExitCodes.USAGE;
            }
            if (outcome instanceof ExplainOutcome.Failed f) {
                printer.error(f.message() + (f.sqlState() != null ? " [SQLSTATE " + f.sqlState() + "]" : ""));
                return ExitCodes.EXPLAIN_FAILED;
            }
            ExplainOutcome.Plan plan = (ExplainOutcome.Plan) outcome;
            List<Insight> insights = PlanInsights.analyse(plan.model(), plan.tableStats());
            List<IndexSuggestion> suggestions = List.of();
            String note = null;
            if (noSuggestions) {
                note = "Index suggestions were not requested (--no-suggestions).";
            } else {
                try {
                    suggestions = new IndexAdvisor(monitor::borrow, runner).advise(request, plan);
                } catch (SQLException e) {
                    note = "Index suggestions unavailable: " + e.getMessage();
                }
            }
            ExplainReport report = new ExplainReport(plan, insights, suggestions, note);
            printer.result(format == Format.json ? ExplainReportJson.write(report) : ExplainReportMarkdown.render(report));
            return ExitCodes.OK;
        });
    }

    /**
     * {@code --plan-file}: read, analyse, print; nothing is sent anywhere. Options that would connect or
     * that describe how to run EXPLAIN are refused rather than ignored, so that nobody believes they applied.
     */
    private int savedPlan() {
        if (sql != null || sqlFile != null) {
            printer.error("--plan-file analyses a saved plan: give it without --sql or --sql-file.");
            return ExitCodes.USAGE;
        }
        List<String> given = new ArrayList<>();
        if (connection.connection != null) {
            given.add("CONNECTION");
        }
        for (String option : CONNECTION_OPTIONS) {
            if (matched(option)) {
                given.add(option);
            }
        }
        if (!given.isEmpty()) {
            printer.error("--plan-file does not connect to a server: leave out " + String.join(", ", given) + ".");
            return ExitCodes.USAGE;
        }
        for (String option : RUN_OPTIONS) {
            if (matched(option)) {
                printer.error(option + " applies when PgPulse runs EXPLAIN; a saved plan was already run with its own "
                        + "options. Leave it out with --plan-file.");
                return ExitCodes.USAGE;
            }
        }
        boolean stdinPlan = planFile.equals("-");
        String origin = stdinPlan ? "standard input" : planFile;
        PlanReading reading;
        if (stdinPlan) {
            reading = PlanFiles.read(stdin.get(), origin);
        } else {
            reading = PlanFiles.read(Path.of(planFile));
        }
        if (reading instanceof PlanReading.Unreadable u) {
            printer.error((u.message().startsWith("Cannot read ") ? "" : origin + ": ") + u.message());
            return ExitCodes.USAGE;
        }
        PlanReading.Read read = (PlanReading.Read) reading;
        List<Insight> insights = PlanInsights.analyse(read.first());
        ExplainReport report = new ExplainReport(new ExplainReport.PlanFile(read, origin), insights, List.of(),
                "Index suggestions (and the check for stale table statistics) need a connection: they are checked "
                        + "against the database's indexes and statistics. Run pgpulse explain with a connection and --sql "
                        + "to get them.");
        printer.result(format == Format.json ? ExplainReportJson.write(report) : ExplainReportMarkdown.render(report));
        return ExitCodes.OK;
    }

    private boolean matched(String option) {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private String statementText() throws ConnectionOptions.UsageException {
        if ((sql == null) == (sqlFile == null)) {
            throw new ConnectionOptions.UsageException("Give the statement with exactly one of --sql or --sql-file "
                    + "(or a saved plan with --plan-file).");
        }
        if (sql != null) {
            return sql;
        }
        try {
            return Files.readString(sqlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectionOptions.UsageException("Cannot read " + sqlFile + ": " + e.getMessage());
        }
    }
}
