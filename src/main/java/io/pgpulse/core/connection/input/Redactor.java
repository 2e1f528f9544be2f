package io.pgpulse.core.connection.input;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in any text that may contain connection strings: URI userinfo
 * ({@code postgresql://bob:secret@host}), {@code password=} / {@code sslpassword=} query
 * parameters, and libpq {@code password=...} settings, quoted or not. Use it before logging or
 * showing text that came from the user or from a driver. It errs towards masking too much.
 */
public final class Redactor {

    private static final Pattern URI = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern URI_QUERY_SECRET = Pattern.compile("(?i)([?&;](?:ssl|pg)?password=)[^&#]*");
    private static final Pattern SETTING_SECRET = Pattern.compile(
            "(?i)(?<![\\w.-])((?:ssl|pg)?password\\s*[=:]\\s*)('(?:[^'\\\\]|\\\\.)*(?:'|$)|(?:[^\\s\\\\]|\\\\.?)+)",
            Pattern.DOTALL);

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher uri = URI.matcher(text);
        int copied = 0;
        while (uri.find()) {
            out.append(redactSettings(text.substring(copied, uri.start())));
            out.append(redactUri(uri.group()));
            copied = uri.end();
        }
        out.append(redactSettings(text.substring(copied)));
        return out.toString();
    }

    private static String redactUri(String uri) {
        int authorityStart = uri.indexOf("://") + 3;
        String rest = uri.substring(authorityStart);
        int userinfoEnd = UriParser.userinfoEnd(rest);
        if (userinfoEnd >= 0) {
            int colon = rest.indexOf(':');
            if (colon >= 0 && colon < userinfoEnd) {
                rest = rest.substring(0, colon + 1) + Secret.MASK + rest.substring(userinfoEnd);
            }
        }
        String masked = uri.substring(0, authorityStart) + rest;
        return URI_QUERY_SECRET.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(Secret.MASK));
    }

    private static String redactSettings(String text) {
        return SETTING_SECRET.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(Secret.MASK));
    }
}
