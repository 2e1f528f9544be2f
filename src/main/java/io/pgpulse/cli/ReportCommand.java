package io.pgpulse.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.connection.MonitorConnectException;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ParseResult;
import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.core.report.IndexHealthSection;
import io.pgpulse.core.report.Report;
import io.pgpulse.core.report.ReportBuilder;
import io.pgpulse.core.report.ReportJson;
import io.pgpulse.core.report.ReportMarkdown;
import io.pgpulse.core.sampling.SamplerConfig;
import io.pgpulse.core.sampling.SamplerListener;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.core.session.UnsupportedServerException;
import io.pgpulse.core.statements.StatementWindow;
import io.pgpulse.core.statements.WindowAggregator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgpulse report}: sample a server for a while, then print what was seen. */
@Command(name = "report",
        description = "Sample a server for --duration and print connections, top statements, locks, index health and findings.")
final class ReportCommand implements Callable<Integer> {
    enum Format { markdown, json }

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to sample (e.g. 10s, 2m; default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--interval", defaultValue = "2s", converter = DurationConverter.class,
            description = "time between polls, 1s to 60s (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--fail-on", description = "exit with code 5 when a finding is at least this severe: info, warning or critical")
    String failOn;

    private final CliPrinter printer;
    private final ConnectionInputParser parser;

    ReportCommand(CliPrinter printer, ConnectionInputParser parser) {
        this.printer = printer;
        this.parser = parser;
    }

    @Override
    public Integer call() throws Exception {
        if (failOn != null) {
            try {
                Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                printer.error("--fail-on must be info, warning or critical, not '" + failOn + "'.");
                return ExitCodes.USAGE;
            }
        }
        MonitorSettings settings;
        try {
            settings = MonitorSettings.withInterval(interval);
        } catch (IllegalArgumentException e) {
            printer.error(e.getMessage());
            return ExitCodes.USAGE;
        }
        if (duration.compareTo(interval) < 0) {
            printer.error("--duration (" + duration.toSeconds() + " s) must be at least one --interval (" + interval.toSeconds() + " s).");
            return ExitCodes.USAGE;
        }
        Optional<ParseResult> input = connection.resolveOrReport(parser, printer);
        if (input.isEmpty()) {
            return ExitCodes.USAGE;
        }
        try (MonitorSession session = MonitorSession.open(input.get().target(), settings, SamplerConfig.defaults(),
                HistoryConfig.withDefaults(interval))) {
            return sample(session);
        } catch (MonitorConnectException e) {
            printer.error(e.explanation());
            return ExitCodes.CANNOT_CONNECT;
        } catch (UnsupportedServerException e) {
            printer.error(e.getMessage() + " " + e.server().fix().orElse(""));
            return ExitCodes.UNSUPPORTED_SERVER;
        }
    }

    private int sample(MonitorSession session) throws InterruptedException {
        List<Snapshot> snapshots = new ArrayList<>();
        long polls = Math.max(2, duration.toMillis() / interval.toMillis() + 1);
        CountDownLatch done = new CountDownLatch(1);
        session.sampler().addListener(new SamplerListener() {
            @Override
            public void onSnapshot(Snapshot snapshot) {
                synchronized (snapshots) {
                    snapshots.add(snapshot);
                    printer.progress("poll " + snapshots.size() + "/" + polls + " done");
                    if (snapshots.size() == polls - 1) {
                        // The last poll also reads every missing text, so every statement in the
                        // report has its text (and the monitor's own statements are recognised).
                        session.sampler().requestAllTexts();
                    }
                    if (snapshots.size() >= polls) {
                        done.countDown();
                    }
                }
            }
        });
        printer.progress("Sampling " + session.target().displayName() + " for " + duration.toSeconds() + " s every "
                + interval.toSeconds() + " s …");
        session.start();
        if (!done.await(duration.toMillis() + interval.toMillis() * 4 + 30_000, TimeUnit.MILLISECONDS)) {
            printer.error("Sampling did not finish: " + session.sampler().status());
            return ExitCodes.CANNOT_CONNECT;
        }
        session.sampler().close();
        List<Snapshot> taken;
        synchronized (snapshots) {
            taken = List.copyOf(snapshots);
        }
        Instant end = taken.get(taken.size() - 1).takenAt();
        Duration covered = Duration.between(taken.get(0).takenAt(), end);
        StatementWindow window = WindowAggregator.aggregate(session.history().deltaResults(), covered.plusMillis(1), end);
        printer.progress("Checking index health …");
        // On the session's own pool, after the sampler has stopped: still ≤ 2 read-only sessions
        // under the same timeouts. A failure becomes the section's reason, not the report's.
        Report.IndexHealth indexHealth = IndexHealthSection.read(session.connection()::borrow,
                session.capabilities().role(), session.capabilities().database(),
                session.connection().settings().statementTimeout());
        Report report = ReportBuilder.of(session.capabilities(), taken, window).indexHealth(indexHealth)
                .generatedAt(Instant.now()).build();
        printer.result(format == Format.json ? ReportJson.write(report) : ReportMarkdown.render(report));
        return failOn != null && report.hasFindingAtLeast(Severity.parse(failOn)) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
