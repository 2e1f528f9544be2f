package io.pgpulse.core.explain;

/**
 * How far the planner's row estimate was from what the node produced, per loop.
 * {@code factor = max(1, actual, estimated) / max(1, min(actual, estimated))}, so 1 is exact and 10
 * means ten times off in either direction.
 *
 * @param underestimate true when more rows came than the planner expected (the usual source of bad
 *                      join choices); false when fewer
 */
public record Misestimate(double estimatedRows, double actualRows, double factor, boolean underestimate) {

    static Misestimate of(double estimated, double actual) {
        double factor = Math.max(1.0, Math.max(actual, estimated)) / Math.max(1.0, Math.min(actual, estimated));
        return new Misestimate(estimated, actual, factor, actual > estimated);
    }

    /** Positive for an underestimate, negative for an overestimate: +25 or −25. */
    public double signedFactor() {
        return underestimate ? factor : -factor;
    }
}
