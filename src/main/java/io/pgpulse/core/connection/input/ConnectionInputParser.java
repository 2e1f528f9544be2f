package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_CONNINFO;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_URI;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads connection input the way psql does, for the connection dialog and the CLI alike.
 *
 * <p>Accepted input: a {@code postgresql://} or {@code postgres://} URI (also
 * {@code jdbc:postgresql://}), a libpq {@code key=value} string, or nothing, which means "from the
 * environment". Each setting is taken from the input, else the {@code pg_service.conf} entry named
 * by {@code service} or {@code PGSERVICE}, else its {@code PG*} environment variable, else the
 * default: host localhost (pgjdbc cannot use libpq's Unix socket), port 5432, the OS user, and a
 * database named like the user. The password comes from the input, the service entry or
 * {@code PGPASSWORD}, else from the password file if only its owner can read it.
 *
 * <p>Only the keys PgPulse can honour safely are accepted: see {@link ConnectionTarget} for what
 * reaches the driver. Settings the monitor owns (timeouts, {@code options}, read-only mode) and
 * pgjdbc properties that load classes or write files are refused with a reason.
 *
 * <p>Instances hold no state between calls and may be shared between threads.
 */
public final class ConnectionInputParser {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionInputParser.class);
    private static final Pattern OTHER_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    /**
     * What the connection form holds. Every member may be {@code null} or blank for "not given";
     * {@code host} and {@code port} may be comma-separated lists, as in libpq.
     */
    public record Fields(
            String host,
            String port,
            String database,
            String user,
            Secret password,
            SslMode sslMode,
            String sslRootCert,
            String serviceName) {
    }

    private final PgEnvironment environment;

    public ConnectionInputParser(PgEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static ConnectionInputParser forSystem() {
        return new ConnectionInputParser(PgEnvironment.system());
    }

    /** Parses pasted or typed input; {@code null} or blank input takes everything from the environment. */
    public ParseResult parse(String input) throws ConnectionInputException {
        String text = input == null ? "" : input.strip();
        boolean uri = UriParser.isSupported(text);
        String form = text.isEmpty() ? "empty input" : uri ? "URI" : "conninfo";
        ParseContext context = new ParseContext();
        try {
            List<RawSetting> settings;
            if (text.isEmpty()) {
                settings = List.of();
            } else if (uri) {
                settings = UriParser.parse(text, context);
            } else {
                rejectNonConninfo(text, context);
                settings = ConninfoParser.parse(text, context);
            }
            return resolve(Layer.of(settings, PasswordSource.INPUT, false, context), context, form);
        } catch (ConnectionInputException e) {
            LOG.debug("Rejected {}: {}", form, e.getMessage());
            throw e;
        }
    }

    /** Resolves the connection form; its fields are explicit input, like a connection string. */
    public ParseResult fromFields(Fields fields) throws ConnectionInputException {
        Objects.requireNonNull(fields, "fields");
        ParseContext context = new ParseContext();
        String origin = "in the connection form";
        List<RawSetting> settings = new ArrayList<>();
        addField(settings, "host", fields.host(), origin);
        addField(settings, "port", fields.port(), origin);
        addField(settings, "dbname", fields.database(), origin);
        addField(settings, "user", fields.user(), origin);
        if (fields.password() != null && !fields.password().isEmpty()) {
            String password = fields.password().reveal();
            context.addSecret(password);
            settings.add(new RawSetting("password", password, origin));
        }
        if (fields.sslMode() != null) {
            settings.add(new RawSetting("sslmode", fields.sslMode().libpqName(), origin));
        }
        addField(settings, "sslrootcert", fields.sslRootCert(), origin);
        addField(settings, "service", fields.serviceName(), origin);
        try {
            return resolve(Layer.of(settings, PasswordSource.INPUT, false, context), context, "form");
        } catch (ConnectionInputException e) {
            LOG.debug("Rejected the connection form: {}", e.getMessage());
            throw e;
        }
    }

    private ParseResult resolve(Layer input, ParseContext context, String form) throws ConnectionInputException {
        ParseResult result = new TargetResolver(environment, context).resolve(input);
        LOG.debug("Resolved {} to {}", form, result.target());
        for (String warning : result.warnings()) {
            LOG.warn("{}", warning);
        }
        return result;
    }

    private static void rejectNonConninfo(String text, ParseContext context) throws ConnectionInputException {
        Matcher scheme = OTHER_SCHEME.matcher(text);
        if (scheme.find()) {
            throw context.fail(MALFORMED_URI, "URIs starting with '" + scheme.group(1).toLowerCase(Locale.ROOT)
                    + "://' are not supported: use postgresql:// (or postgres://, jdbc:postgresql://).");
        }
        if (text.indexOf('=') < 0) {
            // Not quoted: a single word may well be a password pasted into the wrong field.
            throw context.fail(MALFORMED_CONNINFO, "Not a connection string: expected a postgresql:// URI or "
                    + "key=value settings such as 'host=db.example.com dbname=shop'.");
        }
    }

    private static void addField(List<RawSetting> settings, String key, String value, String origin) {
        if (value != null && !value.isBlank()) {
            settings.add(new RawSetting(key, value.strip(), origin));
        }
    }
}
