package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_CONNINFO;

import java.util.ArrayList;
import java.util.List;

/**
 * libpq's {@code key=value} connection string: blanks around '=' allowed, values in single quotes
 * may contain blanks, and a backslash escapes the next character in quoted and unquoted values
 * alike. Errors give positions instead of quoting the text, since a stray word may be a password
 * typed without {@code password=}.
 */
final class ConninfoParser {

    private static final String ORIGIN = "in the connection string";

    private ConninfoParser() {
    }

    static List<RawSetting> parse(String input, ParseContext context) throws ConnectionInputException {
        List<RawSetting> settings = new ArrayList<>();
        int length = input.length();
        int i = skipBlanks(input, 0);
        while (i < length) {
            int keyStart = i;
            while (i < length && !Character.isWhitespace(input.charAt(i)) && input.charAt(i) != '=') {
                i++;
            }
            String key = input.substring(keyStart, i);
            i = skipBlanks(input, i);
            if (i >= length || input.charAt(i) != '=') {
                throw context.fail(MALFORMED_CONNINFO, "Expected key=value at position " + (keyStart + 1)
                        + " of the connection string, but the word there is not followed by '='.");
            }
            if (key.isEmpty()) {
                throw context.fail(MALFORMED_CONNINFO,
                        "There is no key before the '=' at position " + (i + 1) + " of the connection string.");
            }
            i = skipBlanks(input, i + 1);
            boolean secret = Keyword.isSecretKey(key);
            StringBuilder value = new StringBuilder();
            if (i < length && input.charAt(i) == '\'') {
                int quoteStart = i;
                i++;
                boolean closed = false;
                while (i < length) {
                    char c = input.charAt(i++);
                    if (c == '\\' && i < length) {
                        value.append(input.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    if (secret) {
                        context.addSecret(value.toString());
                    }
                    throw context.fail(MALFORMED_CONNINFO, "The quoted value of '" + key + "' starting at position "
                            + (quoteStart + 1) + " of the connection string has no closing quote.");
                }
            } else {
                while (i < length && !Character.isWhitespace(input.charAt(i))) {
                    char c = input.charAt(i++);
                    if (c == '\\' && i < length) {
                        value.append(input.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            if (secret) {
                context.addSecret(value.toString());
            }
            settings.add(new RawSetting(key, value.toString(), ORIGIN));
            i = skipBlanks(input, i);
        }
        return settings;
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
