package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_URI;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * libpq's connection URI, {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?k=v&...]},
 * also under the {@code postgres://} and {@code jdbc:postgresql://} schemes. Written by hand
 * because {@link java.net.URI} rejects multi-host authorities and would quote the input in its
 * errors.
 */
final class UriParser {

    private static final String ORIGIN = "in the URI";
    private static final String[] PREFIXES = {"postgresql://", "postgres://", "jdbc:postgresql://"};
    private static final String JDBC_SHORT_PREFIX = "jdbc:postgresql:";

    private UriParser() {
    }

    static boolean isSupported(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return lower.startsWith(JDBC_SHORT_PREFIX);
    }

    /**
     * Where the userinfo ends (the index of its '@') in the text after {@code ://}, or -1. Users
     * paste passwords containing '@', '/' or '?' without percent-encoding them, so this takes the
     * last '@' rather than libpq's first — unless that '@' sits in the query string, e.g.
     * {@code ?user=alice@tenant}, which shows as a '=' between the first '?' and that '@'.
     */
    static int userinfoEnd(String afterScheme) {
        int lastAt = afterScheme.lastIndexOf('@');
        int query = afterScheme.indexOf('?');
        if (lastAt < 0 || query < 0 || lastAt < query) {
            return lastAt;
        }
        if (afterScheme.substring(query, lastAt).indexOf('=') < 0) {
            return lastAt;
        }
        return afterScheme.lastIndexOf('@', query);
    }

    static List<RawSetting> parse(String input, ParseContext context) throws ConnectionInputException {
        String lower = input.toLowerCase(Locale.ROOT);
        String rest = null;
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                rest = input.substring(prefix.length());
                break;
            }
        }
        if (rest == null) {
            // pgjdbc's short form jdbc:postgresql:dbname means localhost.
            rest = "/" + input.substring(JDBC_SHORT_PREFIX.length());
        }
        // pgjdbc decodes query values with URLDecoder, libpq keeps '+' literal.
        boolean plusIsSpace = lower.startsWith("jdbc:");

        String userinfo = null;
        int userinfoEnd = userinfoEnd(rest);
        if (userinfoEnd >= 0) {
            userinfo = rest.substring(0, userinfoEnd);
            rest = rest.substring(userinfoEnd + 1);
        }
        int authorityEnd = indexOfAny(rest, '/', '?');
        String authority = rest.substring(0, authorityEnd);
        String afterAuthority = rest.substring(authorityEnd);
        int queryStart = afterAuthority.indexOf('?');
        String path = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String query = queryStart < 0 ? "" : afterAuthority.substring(queryStart + 1);

        List<RawSetting> settings = new ArrayList<>();
        if (userinfo != null) {
            addUserinfo(userinfo, settings, context);
        }
        List<RawSetting> parameters = parseQuery(query, plusIsSpace, context);
        addHosts(authority, userinfo != null, settings, context);
        if (path.length() > 1) {
            settings.add(new RawSetting("dbname",
                    decode(path.substring(1), false, "the database name", context), ORIGIN));
        }
        settings.addAll(parameters);
        return settings;
    }

    private static void addUserinfo(String userinfo, List<RawSetting> settings, ParseContext context)
            throws ConnectionInputException {
        int colon = userinfo.indexOf(':');
        String rawUser = colon < 0 ? userinfo : userinfo.substring(0, colon);
        if (colon >= 0) {
            String rawPassword = userinfo.substring(colon + 1);
            context.addSecret(rawPassword);
            String password = decodeSecret(rawPassword, false, "The password in the URI", context);
            settings.add(new RawSetting("password", password, ORIGIN));
        }
        if (!rawUser.isEmpty()) {
            settings.add(new RawSetting("user", decode(rawUser, false, "the user name", context), ORIGIN));
        }
    }

    private static List<RawSetting> parseQuery(String query, boolean plusIsSpace, ParseContext context)
            throws ConnectionInputException {
        String[] parameters = query.split("&", -1);
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && Keyword.isSecretKey(parameter.substring(0, equals))) {
                context.addSecret(parameter.substring(equals + 1));
            }
        }
        List<RawSetting> settings = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            String parameter = parameters[i];
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                throw context.fail(MALFORMED_URI, "Query parameter " + (i + 1)
                        + " in the URI has no '=': write parameters as key=value, separated by '&'.");
            }
            if (equals == 0) {
                throw context.fail(MALFORMED_URI, "Query parameter " + (i + 1) + " in the URI has no name before '='.");
            }
            String key = decode(parameter.substring(0, equals), plusIsSpace, "a query parameter name", context);
            String rawValue = parameter.substring(equals + 1);
            String value = Keyword.isSecretKey(key)
                    ? decodeSecret(rawValue, plusIsSpace, "The " + key + " in the URI", context)
                    : decode(rawValue, plusIsSpace, "the value of '" + key + "'", context);
            settings.add(new RawSetting(key, value, ORIGIN));
        }
        return settings;
    }

    private static void addHosts(String authority, boolean hadUserinfo, List<RawSetting> settings,
            ParseContext context) throws ConnectionInputException {
        if (authority.isEmpty()) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String entry : authority.split(",", -1)) {
            String host;
            String port;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw context.fail(MALFORMED_URI, "An IPv6 address in the URI is missing its closing ']'.");
                }
                host = entry.substring(1, close);
                String afterAddress = entry.substring(close + 1);
                if (!afterAddress.isEmpty() && !afterAddress.startsWith(":")) {
                    throw context.fail(MALFORMED_URI, "Unexpected text after the IPv6 address [" + host
                            + "] in the URI: expected ':port', ',' or '/'.");
                }
                port = afterAddress.isEmpty() ? "" : afterAddress.substring(1);
            } else {
                int colon = entry.indexOf(':');
                host = decode(colon < 0 ? entry : entry.substring(0, colon), false, "a host name", context);
                port = colon < 0 ? "" : entry.substring(colon + 1);
                if (port.indexOf(':') >= 0) {
                    throw context.fail(MALFORMED_URI, "A host in the URI contains more than one ':'. Write IPv6 "
                            + "addresses in brackets, e.g. postgresql://[::1]:5432/db, and percent-encode a ':' "
                            + "in a password as %3A.");
                }
            }
            checkPort(host, port, hadUserinfo, context);
            hosts.add(host);
            ports.add(port);
        }
        if (hosts.stream().anyMatch(host -> !host.isEmpty())) {
            settings.add(new RawSetting("host", String.join(",", hosts), ORIGIN));
        }
        if (ports.stream().anyMatch(port -> !port.isEmpty())) {
            settings.add(new RawSetting("port", String.join(",", ports), ORIGIN));
        }
    }

    /**
     * Checked here rather than with the other ports because without userinfo, {@code bob:secret}
     * (a forgotten '@host') reads as host 'bob' with port 'secret', which must not be quoted.
     */
    private static void checkPort(String host, String port, boolean hadUserinfo, ParseContext context)
            throws ConnectionInputException {
        if (port.isEmpty() || TargetResolver.isValidPort(port)) {
            return;
        }
        if (hadUserinfo) {
            throw context.fail(MALFORMED_URI, "Port '" + port + "' in the URI is not a number between 1 and 65535.");
        }
        throw context.fail(MALFORMED_URI, "The port after '" + host + ":' in the URI is not a number between 1 "
                + "and 65535. If '" + host + "' is a user name, the password must be followed by '@' and the host, "
                + "and an '@', ':' or '/' inside the password must be percent-encoded (%40, %3A, %2F).");
    }

    private static String decodeSecret(String raw, boolean plusIsSpace, String what, ParseContext context)
            throws ConnectionInputException {
        String decoded = percentDecode(raw, plusIsSpace);
        if (decoded == null) {
            throw context.fail(MALFORMED_URI, what + " is not valid percent-encoding: write a literal '%' as %25 "
                    + "and make sure each '%' is followed by two hex digits of a UTF-8 byte.");
        }
        context.addSecret(decoded);
        return decoded;
    }

    private static String decode(String raw, boolean plusIsSpace, String what, ParseContext context)
            throws ConnectionInputException {
        String decoded = percentDecode(raw, plusIsSpace);
        if (decoded == null) {
            throw context.fail(MALFORMED_URI, "In the URI, " + what + " '" + raw + "' is not valid percent-encoding: "
                    + "write a literal '%' as %25 and make sure each '%' is followed by two hex digits of a "
                    + "UTF-8 byte.");
        }
        return decoded;
    }

    /** {@code null} for a bad escape, {@code %00}, or bytes that are not UTF-8. */
    private static String percentDecode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0 || (high == 0 && low == 0)) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int indexOfAny(String text, char first, char second) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == first || c == second) {
                return i;
            }
        }
        return text.length();
    }
}
