package io.pgpulse.app.overview;

/**
 * New points for one chart, read from the history off the FX thread.
 *
 * @param xs      epoch millis, ascending
 * @param values  {@code values[i]} holds one value per series for {@code xs[i]}
 * @param replace whether these points replace what the chart shows (a new window) rather than extend it
 */
record ChartPoints(long[] xs, double[][] values, boolean replace) {
    static final ChartPoints NONE = new ChartPoints(new long[0], new double[0][], false);

    int size() {
        return xs.length;
    }
}
