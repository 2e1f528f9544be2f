package io.pgpulse.core.statements;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Per-statement totals over the last {@code length} before {@code end}.
 *
 * <p>Each entry of {@code statements} is a {@link StatementDelta} whose interval is
 * {@code secondsCovered}: the sum of consecutive deltas is the delta over their union, so the
 * same rate and mean helpers apply.
 *
 * @param secondsCovered time actually measured inside the window. It is less than the window when
 *                       history is shorter, a poll failed, the engine re-baselined, or old results
 *                       were dropped to bound memory; the UI should say so rather than show the
 *                       numbers as a full window.
 * @param intervals      number of poll intervals summed
 * @param statements     heaviest total execution time first
 */
public record StatementWindow(
        Duration length,
        Instant end,
        double secondsCovered,
        int intervals,
        List<StatementDelta> statements) {

    public StatementWindow {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(end, "end");
        statements = List.copyOf(statements);
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("window length must be positive: " + length);
        }
        if (!(secondsCovered >= 0) || intervals < 0) {
            throw new IllegalArgumentException("coverage must not be negative");
        }
    }

    public Instant start() {
        return end.minus(length);
    }

    /** Share of the window backed by measurements, from 0 to 1. */
    public double coverage() {
        return Math.min(1.0, secondsCovered / DeltaResult.secondsBetween(start(), end));
    }
}
