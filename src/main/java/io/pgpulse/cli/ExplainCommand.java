package io.pgpulse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.capability.ProbeResult;
import io.pgpulse.core.capability.UnsupportedServer;
import io.pgpulse.core.connection.MonitorConnectException;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ParseResult;
import io.pgpulse.core.explain.ExplainOptions;
import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.ExplainRequest;
import io.pgpulse.core.explain.ExplainRunner;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.StatementCheck;
import io.pgpulse.core.explain.StatementSplitter;
import io.pgpulse.core.explain.report.ExplainReport;
import io.pgpulse.core.explain.report.ExplainReportJson;
import io.pgpulse.core.explain.report.ExplainReportMarkdown;
import io.pgpulse.core.indexes.IndexAdvisor;
import io.pgpulse.core.indexes.IndexSuggestion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgpulse explain}: the plan of one statement, its insights and index suggestions. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one statement in a read-only transaction that is rolled back; print the plan, "
                + "insights and index suggestions.")
final class ExplainCommand implements Callable<Integer> {
    /** The server could not produce a plan (timeout, lock, permission, type of a parameter …). */


    enum Format { markdown, json }

    /**
     * One-shot commands take the longest statement timeout the session envelope allows (10 s) for
     * their catalog reads; the EXPLAIN itself runs under its own --timeout.
     */
    static final MonitorSettings SETTINGS = MonitorSettings.withInterval(Duration.ofSeconds(14));

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--sql", paramLabel = "SQL", description = "the statement (exactly one; $1 … $n allowed)")
    String sql;

    @Option(names = "--sql-file", paramLabel = "FILE", description = "read the statement from a file")
    Path sqlFile;

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
        ParseResult input;
        try {
            input = connection.resolve(parser);
        } catch (ConnectionOptions.UsageException | ConnectionInputException e) {
            printer.error(e.getMessage());
            return ExitCodes.USAGE;
        }
        input.warnings().forEach(w -> printer.progress("warning: " + w));
        try (MonitorConnection monitor = MonitorConnection.open(input.target(), SETTINGS)) {
            try (Connection c = monitor.borrow()) {
                ProbeResult probe = CapabilityProbe.probe(c);
                if (probe instanceof UnsupportedServer u) {
                    printer.error(u.explanation() + " " + u.fix().orElse(""));
                    return ExitCodes.UNSUPPORTED_SERVER;
                }
            }
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
        } catch (MonitorConnectException e) {
            printer.error(e.explanation());
            return ExitCodes.CANNOT_CONNECT;
        }
    }

    private String statementText() throws ConnectionOptions.UsageException {
        if ((sql == null) == (sqlFile == null)) {
            throw new ConnectionOptions.UsageException("Give the statement with exactly one of --sql or --sql-file.");
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
