package io.pgpulse.core.connection.input;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** libpq's {@code sslmode}; pgjdbc uses the same names, so one enum serves both. */
public enum SslMode {
    DISABLE("disable"),
    ALLOW("allow"),
    PREFER("prefer"),
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full");

    private final String libpqName;

    SslMode(String libpqName) {
        this.libpqName = libpqName;
    }

    /** The name libpq and pgjdbc use, e.g. {@code verify-full}. */
    public String libpqName() {
        return libpqName;
    }

    /** True when the server certificate is checked against a root certificate. */
    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** Parses a libpq name, ignoring case and surrounding blanks. */
    public static SslMode parse(String text) throws ConnectionInputException {
        return parse(text, "");
    }

    /** @param where appended to the subject of the message, e.g. " in the URI" */
    static SslMode parse(String text, String where) throws ConnectionInputException {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (SslMode mode : values()) {
            if (mode.libpqName.equals(wanted)) {
                return mode;
            }
        }
        String described = wanted.isEmpty() ? "An empty sslmode" : "Unknown sslmode '" + text.strip() + "'";
        throw new ConnectionInputException(ConnectionInputException.Reason.INVALID_VALUE,
                described + where + ": expected one of " + validNames() + ".");
    }

    static String validNames() {
        return Arrays.stream(values()).map(SslMode::libpqName).collect(Collectors.joining(", "));
    }
}
