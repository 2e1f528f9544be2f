package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.INVALID_VALUE;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.SERVICE_NOT_FOUND;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Merges input, service entry and environment into a target, with libpq's precedence and defaults. */
final class TargetResolver {

    /** libpq would use the Unix socket; pgjdbc speaks TCP only. */
    private static final String DEFAULT_HOST = "localhost";
    /** libpq raises shorter connect timeouts to this. */
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern HOST_NAME = Pattern.compile("[\\p{L}\\p{N}_-]+(\\.[\\p{L}\\p{N}_-]+)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern TIMEOUT = Pattern.compile("[+-]?\\d{1,9}");

    private static final Map<String, String> TARGET_SERVER_TYPES = caseInsensitive(Map.ofEntries(
            Map.entry("any", "any"),
            Map.entry("read-write", "primary"),
            Map.entry("primary", "primary"),
            Map.entry("read-only", "secondary"),
            Map.entry("standby", "secondary"),
            Map.entry("prefer-standby", "preferSecondary"),
            Map.entry("secondary", "secondary"),
            Map.entry("preferSecondary", "preferSecondary"),
            Map.entry("preferPrimary", "preferPrimary"),
            Map.entry("master", "primary"),
            Map.entry("slave", "secondary"),
            Map.entry("preferSlave", "preferSecondary")));
    private static final Map<String, String> LOAD_BALANCE = caseInsensitive(Map.of(
            "disable", "false", "random", "true", "false", "false", "true", "true"));
    private static final List<String> AUTH_METHODS = List.of("password", "md5", "gss", "sspi", "scram-sha-256", "none");

    private final PgEnvironment environment;
    private final ParseContext context;
    private List<Layer> layers;

    TargetResolver(PgEnvironment environment, ParseContext context) {
        this.environment = environment;
        this.context = context;
    }

    static boolean isValidPort(String text) {
        if (!PORT.matcher(text).matches()) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535;
    }

    ParseResult resolve(Layer input) throws ConnectionInputException {
        Layer fromEnvironment = Layer.fromEnvironment(environment, context);
        Setting service = first(input.get(Keyword.SERVICE), fromEnvironment.get(Keyword.SERVICE));
        Layer fromService = service == null ? Layer.empty() : loadService(service);
        layers = List.of(input, fromService, fromEnvironment);

        List<Endpoint> endpoints = resolveEndpoints();
        String user = valueOr(Keyword.USER, environment.osUser());
        String database = valueOr(Keyword.DBNAME, user);
        SslMode sslMode = resolveSslMode();
        Path sslRootCert = resolveSslRootCert(sslMode);
        Setting sslPassword = find(Keyword.SSLPASSWORD);
        Map<String, String> jdbcProperties = resolveJdbcProperties();
        Duration connectTimeout = resolveConnectTimeout();
        ConnectionTarget target = new ConnectionTarget(
                endpoints.stream().map(Endpoint::address).toList(), database, user, null, PasswordSource.NONE,
                sslMode, sslRootCert, sslPassword == null ? null : Secret.of(sslPassword.value()), jdbcProperties,
                service == null ? null : service.value(), connectTimeout);
        return new ParseResult(withPassword(target, endpoints), context.warnings());
    }

    /** Where to connect, and the name .pgpass knows that server by; they differ when hostaddr is used. */
    private record Endpoint(HostPort address, HostPort pgpassKey) {
    }

    private ConnectionTarget withPassword(ConnectionTarget target, List<Endpoint> endpoints)
            throws ConnectionInputException {
        Setting password = find(Keyword.PASSWORD);
        if (password != null) {
            return target.withPassword(Secret.of(password.value()), password.source());
        }
        Setting passFile = find(Keyword.PASSFILE);
        Path file = passFile == null ? environment.defaultPassFile() : path(passFile);
        List<HostPort> keys = endpoints.stream().map(Endpoint::pgpassKey).toList();
        return PgPassFile.lookup(file, keys, target.database(), target.user(), environment, context)
                .map(found -> target.withPassword(Secret.of(found), PasswordSource.PGPASS))
                .orElse(target);
    }

    private Layer loadService(Setting service) throws ConnectionInputException {
        String name = service.value();
        List<Path> files = new ArrayList<>();
        Optional<String> userFile = environment.variable("PGSERVICEFILE");
        files.add(userFile.isPresent() ? path(userFile.get(), "environment variable PGSERVICEFILE")
                : environment.defaultServiceFile());
        Optional<String> systemDirectory = environment.variable("PGSYSCONFDIR");
        if (systemDirectory.isPresent()) {
            files.add(path(systemDirectory.get(), "environment variable PGSYSCONFDIR").resolve("pg_service.conf"));
        }
        List<String> searched = new ArrayList<>();
        for (Path file : files) {
            Optional<List<RawSetting>> settings = ServiceFile.read(file, name, environment, context);
            if (settings.isPresent()) {
                return Layer.of(settings.get(), PasswordSource.SERVICE_FILE, true, context);
            }
            searched.add(environment.exists(file) ? file.toString() : file + " (does not exist)");
        }
        throw context.fail(SERVICE_NOT_FOUND, "Service '" + name + "' " + service.origin() + " is not defined in "
                + String.join(" or ", searched)
                + (systemDirectory.isPresent() ? "" : "; set PGSYSCONFDIR to also search a system-wide pg_service.conf")
                + ".");
    }

    private List<Endpoint> resolveEndpoints() throws ConnectionInputException {
        Setting host = find(Keyword.HOST);
        Setting hostaddr = find(Keyword.HOSTADDR);
        Setting port = find(Keyword.PORT);
        List<String> names = host == null ? List.of() : split(host.value());
        List<String> addresses = hostaddr == null ? List.of() : split(hostaddr.value());
        if (!names.isEmpty() && !addresses.isEmpty() && names.size() != addresses.size()) {
            throw context.fail(INVALID_VALUE, "Could not match " + addresses.size() + " addresses in hostaddr "
                    + hostaddr.origin() + " to " + names.size() + " hosts " + host.origin() + ".");
        }
        int count = Math.max(1, Math.max(names.size(), addresses.size()));
        List<String> portTexts = port == null ? List.of("") : split(port.value());
        if (portTexts.size() != 1 && portTexts.size() != count) {
            throw context.fail(INVALID_VALUE, "Could not match " + portTexts.size() + " port numbers "
                    + port.origin() + " to " + count + " hosts.");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = i < names.size() ? checkHost(names.get(i).strip(), host) : "";
            String address = i < addresses.size() ? checkAddress(addresses.get(i).strip(), hostaddr) : "";
            String portText = portTexts.get(portTexts.size() == 1 ? 0 : i).strip();
            int portNumber = HostPort.DEFAULT_PORT;
            if (!portText.isEmpty()) {
                if (!isValidPort(portText)) {
                    throw context.fail(INVALID_VALUE, "Port '" + portText + "' " + port.origin()
                            + " is not a number between 1 and 65535.");
                }
                portNumber = Integer.parseInt(portText);
            }
            String connectTo = !address.isEmpty() ? address : !name.isEmpty() ? name : DEFAULT_HOST;
            String knownAs = !name.isEmpty() ? name : connectTo;
            endpoints.add(new Endpoint(new HostPort(connectTo, portNumber), new HostPort(knownAs, portNumber)));
        }
        return endpoints;
    }

    private String checkHost(String host, Setting setting) throws ConnectionInputException {
        if (host.isEmpty()) {
            return host;
        }
        if (host.startsWith("/") || host.startsWith("@")) {
            if (setting.source() == PasswordSource.ENVIRONMENT) {
                context.warn("Ignoring the Unix-domain socket '" + host + "' " + setting.origin()
                        + ": the JDBC driver connects over TCP only, so PgPulse uses " + DEFAULT_HOST + ".");
                return "";
            }
            throw context.fail(INVALID_VALUE, "'" + host + "' " + setting.origin() + " is a Unix-domain socket, "
                    + "which the JDBC driver cannot use; give a host name or IP address such as " + DEFAULT_HOST + ".");
        }
        if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw context.fail(INVALID_VALUE,
                    "Host '" + host + "' " + setting.origin() + " is not a valid host name or IP address.");
        }
        return host;
    }

    private String checkAddress(String address, Setting setting) throws ConnectionInputException {
        if (!address.isEmpty() && !IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw context.fail(INVALID_VALUE, "hostaddr '" + address + "' " + setting.origin()
                    + " is not a numeric IP address; put host names in host instead.");
        }
        return address;
    }

    private SslMode resolveSslMode() throws ConnectionInputException {
        for (Layer layer : layers) {
            Setting sslMode = layer.get(Keyword.SSLMODE);
            if (sslMode != null) {
                try {
                    return SslMode.parse(sslMode.value(), " " + sslMode.origin());
                } catch (ConnectionInputException e) {
                    throw context.fail(e.reason(), e.getMessage());
                }
            }
            Setting ssl = layer.get(Keyword.SSL);
            if (ssl != null) {
                // pgjdbc: ssl=true without sslmode means verify-full.
                switch (ssl.value().strip().toLowerCase(Locale.ROOT)) {
                    case "true":
                        return SslMode.VERIFY_FULL;
                    case "false":
                        return SslMode.DISABLE;
                    default:
                        throw context.fail(INVALID_VALUE, "'" + ssl.key() + "' " + ssl.origin()
                                + " must be true or false; sslmode gives finer control.");
                }
            }
        }
        return SslMode.PREFER;
    }

    private Path resolveSslRootCert(SslMode sslMode) throws ConnectionInputException {
        Setting rootCert = find(Keyword.SSLROOTCERT);
        if (rootCert == null) {
            Path fallback = environment.defaultRootCert();
            if (sslMode.verifiesCertificate() && !environment.exists(fallback)) {
                context.warn("sslmode=" + sslMode.libpqName() + " checks the server certificate, but sslrootcert is "
                        + "not set and the driver's default " + fallback + " does not exist, so connecting will fail; "
                        + "set sslrootcert to the file with your server's CA certificate.");
            }
            return null;
        }
        if (rootCert.value().equals("system")) {
            throw context.fail(INVALID_VALUE, "sslrootcert=system " + rootCert.origin() + " is a libpq feature the "
                    + "JDBC driver does not support; give the path of the CA certificate file instead.");
        }
        return existingFile(rootCert);
    }

    private Map<String, String> resolveJdbcProperties() throws ConnectionInputException {
        Map<String, String> properties = new TreeMap<>();
        for (Keyword keyword : List.of(Keyword.SSLCERT, Keyword.SSLKEY)) {
            Setting file = find(keyword);
            if (file != null) {
                properties.put(keyword.jdbcName(), existingFile(file).toString());
            }
        }
        putOneOf(properties, Keyword.GSSENCMODE, "disable", "allow", "prefer", "require");
        putChoice(properties, Keyword.TARGET_SESSION_ATTRS, TARGET_SERVER_TYPES, "any, read-write, read-only, "
                + "primary, standby, prefer-standby, or pgjdbc's secondary, preferPrimary, preferSecondary");
        putOneOf(properties, Keyword.CHANNEL_BINDING, "disable", "prefer", "require");
        putOneOf(properties, Keyword.SSLNEGOTIATION, "postgres", "direct");
        putChoice(properties, Keyword.LOAD_BALANCE_HOSTS, LOAD_BALANCE, "disable, random, or pgjdbc's false, true");
        putOneOf(properties, Keyword.GSSLIB, "auto", "sspi", "gssapi");
        Setting requireAuth = find(Keyword.REQUIRE_AUTH);
        if (requireAuth != null) {
            properties.put(Keyword.REQUIRE_AUTH.jdbcName(), requireAuth(requireAuth));
        }
        Setting kerberos = find(Keyword.KRBSRVNAME);
        if (kerberos != null) {
            properties.put(Keyword.KRBSRVNAME.jdbcName(), kerberos.value().strip());
        }
        return properties;
    }

    private void putOneOf(Map<String, String> properties, Keyword keyword, String... values)
            throws ConnectionInputException {
        Map<String, String> choices = new LinkedHashMap<>();
        for (String value : values) {
            choices.put(value, value);
        }
        putChoice(properties, keyword, choices, String.join(", ", values));
    }

    /** {@code choices} maps lower-case input to the pgjdbc value. */
    private void putChoice(Map<String, String> properties, Keyword keyword, Map<String, String> choices,
            String expected) throws ConnectionInputException {
        Setting setting = find(keyword);
        if (setting == null) {
            return;
        }
        String value = choices.get(setting.value().strip().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw context.fail(INVALID_VALUE, "Invalid " + setting.key() + " '" + setting.value() + "' "
                    + setting.origin() + ": expected " + expected + ".");
        }
        properties.put(keyword.jdbcName(), value);
    }

    private String requireAuth(Setting setting) throws ConnectionInputException {
        List<String> methods = new ArrayList<>();
        int negated = 0;
        for (String part : setting.value().split(",", -1)) {
            String method = part.strip();
            boolean not = method.startsWith("!");
            String name = not ? method.substring(1) : method;
            if (!AUTH_METHODS.contains(name)) {
                throw context.fail(INVALID_VALUE, "Invalid " + setting.key() + " method '" + method + "' "
                        + setting.origin() + ": expected " + String.join(", ", AUTH_METHODS)
                        + ", each optionally prefixed with '!'.");
            }
            negated += not ? 1 : 0;
            methods.add(method);
        }
        if (negated != 0 && negated != methods.size()) {
            throw context.fail(INVALID_VALUE, setting.key() + " " + setting.origin()
                    + " mixes required and refused ('!') methods; use one kind only, as libpq requires.");
        }
        return String.join(",", methods);
    }

    private Duration resolveConnectTimeout() throws ConnectionInputException {
        Setting timeout = find(Keyword.CONNECT_TIMEOUT);
        if (timeout == null) {
            return null;
        }
        String text = timeout.value().strip();
        if (!TIMEOUT.matcher(text).matches()) {
            throw context.fail(INVALID_VALUE, "connect_timeout '" + text + "' " + timeout.origin()
                    + " is not a whole number of seconds.");
        }
        long seconds = Long.parseLong(text);
        if (seconds <= 0) {
            // libpq reads 0 as "wait forever"; the monitor never does, so it is the same as unset.
            return null;
        }
        Duration duration = Duration.ofSeconds(seconds);
        return duration.compareTo(MIN_CONNECT_TIMEOUT) < 0 ? MIN_CONNECT_TIMEOUT : duration;
    }

    private Path existingFile(Setting setting) throws ConnectionInputException {
        Path file = path(setting);
        if (!environment.exists(file)) {
            throw context.fail(INVALID_VALUE, "The " + setting.key() + " file '" + file + "' " + setting.origin()
                    + " does not exist.");
        }
        return file;
    }

    private Path path(Setting setting) throws ConnectionInputException {
        return path(setting.value(), setting.key() + " " + setting.origin());
    }

    private Path path(String text, String what) throws ConnectionInputException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw context.fail(INVALID_VALUE, "'" + text + "' (" + what + ") is not a valid file path.");
        }
    }

    private Setting find(Keyword keyword) {
        for (Layer layer : layers) {
            Setting setting = layer.get(keyword);
            if (setting != null) {
                return setting;
            }
        }
        return null;
    }

    private String valueOr(Keyword keyword, String fallback) {
        Setting setting = find(keyword);
        return setting == null ? fallback : setting.value();
    }

    private static Setting first(Setting preferred, Setting fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static List<String> split(String list) {
        return Arrays.asList(list.split(",", -1));
    }

    private static Map<String, String> caseInsensitive(Map<String, String> choices) {
        Map<String, String> map = new LinkedHashMap<>();
        choices.forEach((key, value) -> map.put(key.toLowerCase(Locale.ROOT), value));
        return map;
    }
}
