package io.pgpulse.cli;

import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.PgEnvironment;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line entry point: {@code pgpulse report|explain|indexes …}. */
@Command(name = "pgpulse", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "PostgreSQL health and query profiling. Without a command, opens the desktop app.")
public final class PgPulseCli {
    public static final java.util.Set<String> COMMANDS = java.util.Set.of("report", "explain", "indexes", "help", "--help", "-h", "--version", "-V");

    private PgPulseCli() {}

    /** Runs a CLI command and returns its exit code. */
    public static int run(String[] args, CliPrinter printer, PgEnvironment environment) {
        ConnectionInputParser parser = new ConnectionInputParser(environment);
        CommandLine cli = new CommandLine(new PgPulseCli())
                .addSubcommand("report", new ReportCommand(printer, parser))
                .addSubcommand("explain", new ExplainCommand(printer, parser))
                .addSubcommand("indexes", new IndexesCommand(printer, parser))
                .addSubcommand("help", new CommandLine.HelpCommand());
        cli.setOut(printer.out());
        cli.setErr(printer.err());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            printer.error("internal error: " + io.pgpulse.core.connection.input.Redactor.redact(String.valueOf(ex.getMessage())));
            org.slf4j.LoggerFactory.getLogger(PgPulseCli.class).error("Command failed", ex);
            return ExitCodes.INTERNAL_ERROR;
        });
        return cli.execute(args);
    }

    public static boolean isCliInvocation(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }
}
