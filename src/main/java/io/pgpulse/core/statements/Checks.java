package io.pgpulse.core.statements;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Counters are cumulative sums on the server and can never be negative; a negative value here is
 * a mapping bug that would otherwise surface much later as a nonsensical rate.
 */
final class Checks {
    private Checks() {
    }

    static void nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    static void nonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and not negative: " + value);
        }
    }

    static void nonNegative(OptionalLong value, String name) {
        if (value.isPresent()) {
            nonNegative(value.getAsLong(), name);
        }
    }

    static void nonNegative(OptionalDouble value, String name) {
        if (value.isPresent()) {
            nonNegative(value.getAsDouble(), name);
        }
    }
}
