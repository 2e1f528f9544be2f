package io.pgpulse.cli;

import java.io.Console;
import java.sql.Connection;
import java.util.Optional;

import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.capability.UnsupportedServer;
import io.pgpulse.core.connection.MonitorConnectException;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;

import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ParseResult;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.connection.input.SslMode;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Connection input as psql takes it: a URI or conninfo string, or the -h/-p/-d/-U options, with
 * the PG* environment, ~/.pgpass and pg_service.conf behind them. Same parser as the app.
 */
public final class ConnectionOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONNECTION",
            description = "postgresql:// URI or libpq conninfo (\"host=… dbname=…\"); default: the PG* environment")
    String connection;

    @Option(names = {"--url"}, description = "same as CONNECTION")
    String url;

    @Option(names = {"-h", "--host"}, description = "server host (PGHOST)")
    String host;

    @Option(names = {"-p", "--port"}, description = "server port (PGPORT)")
    String port;

    @Option(names = {"-d", "--dbname"}, description = "database (PGDATABASE)")
    String database;

    @Option(names = {"-U", "--username"}, description = "user (PGUSER)")
    String user;

    @Option(names = {"--sslmode"}, description = "disable, allow, prefer, require, verify-ca, verify-full")
    String sslMode;

    @Option(names = {"--sslrootcert"}, description = "root certificate for verify-ca / verify-full")
    String sslRootCert;

    @Option(names = {"-W", "--password"}, description = "ask for the password on the terminal")
    boolean promptPassword;

    ParseResult resolve(ConnectionInputParser parser) throws ConnectionInputException, UsageException {
        String text = connection != null ? connection : url;
        if (connection != null && url != null) {
            throw new UsageException("Give the connection either as an argument or with --url, not both.");
        }
        boolean fields = host != null || port != null || database != null || user != null || sslMode != null
                || sslRootCert != null;
        if (text != null && fields) {
            throw new UsageException("Give either a connection string or -h/-p/-d/-U/--sslmode options, not both.");
        }
        ParseResult result;
        if (text != null) {
            result = parser.parse(text);
        } else {
            result = parser.fromFields(new ConnectionInputParser.Fields(host, port, database, user, null,
                    sslMode == null ? null : SslMode.parse(sslMode), sslRootCert, null));
        }
        if (promptPassword) {
            Console console = System.console();
            if (console == null) {
                throw new UsageException("-W needs a terminal to ask for the password; use PGPASSWORD or ~/.pgpass instead.");
            }
            char[] pw = console.readPassword("Password for %s: ", result.target().displayName());
            if (pw != null) {
                result = new ParseResult(result.target().withPassword(Secret.of(pw), PasswordSource.PROMPT), result.warnings());
            }
        }
        return result;
    }

    /**
     * {@link #resolve} for a command: warnings printed as progress, an unusable input printed as an
     * error. Empty when the command must stop with {@link ExitCodes#USAGE}.
     */
    Optional<ParseResult> resolveOrReport(ConnectionInputParser parser, CliPrinter printer) {
        try {
            ParseResult input = resolve(parser);
            input.warnings().forEach(w -> printer.progress("warning: " + w));
            return Optional.of(input);
        } catch (UsageException | ConnectionInputException e) {
            printer.error(e.getMessage());
            return Optional.empty();
        }
    }

    /** What a one-shot command does with the monitoring connection; returns its exit code. */
    @FunctionalInterface
    interface MonitorWork {
        int run(MonitorConnection monitor) throws Exception;
    }

    /**
     * The preamble every one-shot command shares: resolve the input, open the monitoring
     * connection (≤ 2 read-only sessions, timeouts), refuse a server PgPulse does not support, then
     * {@code work}; each failure is printed with its exit code.
     */
    int withMonitor(ConnectionInputParser parser, CliPrinter printer, MonitorSettings settings, MonitorWork work)
            throws Exception {
        Optional<ParseResult> input = resolveOrReport(parser, printer);
        if (input.isEmpty()) {
            return ExitCodes.USAGE;
        }
        try (MonitorConnection monitor = MonitorConnection.open(input.get().target(), settings)) {
            try (Connection c = monitor.borrow()) {
                if (CapabilityProbe.probe(c) instanceof UnsupportedServer u) {
                    printer.error(u.explanation() + " " + u.fix().orElse(""));
                    return ExitCodes.UNSUPPORTED_SERVER;
                }
            }
            return work.run(monitor);
        } catch (MonitorConnectException e) {
            printer.error(e.explanation());
            return ExitCodes.CANNOT_CONNECT;
        }
    }

    /** Wrong combination of options: exit code 2 with the message. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
