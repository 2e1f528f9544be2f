package io.pgpulse.core.connection.input;

import java.util.Arrays;
import java.util.Objects;

/**
 * A password or key passphrase. It renders as {@value #MASK} everywhere so that it can sit in
 * records, collections and log arguments without leaking; only {@link #reveal()} gives it out,
 * for the JDBC driver.
 */
public final class Secret {

    public static final String MASK = "********";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.clone());
    }

    /** The plain text, for {@code java.util.Properties} handed to the driver and nothing else. */
    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
