package io.pgpulse.core.statements.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;

import io.pgpulse.core.analysis.Humanize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Queries view writes its figures exactly as the rest of PgPulse (and a formatter) would. */
class QueryUnitsTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 123_456_789, -1, -999, -1_000, -12_345_678,
            Long.MAX_VALUE, Long.MIN_VALUE})
    void countsReadAsEverywhereElse(long n) {
        assertThat(QueryUnits.count(n)).isEqualTo(Humanize.count(n));
        assertThat(QueryUnits.blocks(n)).isEqualTo(Humanize.count(n) + " blk");
    }

    /** Values of every magnitude, the halves that rounding must settle, and the odd ones. */
    private static List<Double> values() {
        List<Double> out = new ArrayList<>(List.of(0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.005, 0.015, 1.005, 1.045, 9.995,
                9.9949999, 99.95, 999.95, 999.5, 1000.5, 59_999.95, 0.0005, 123_456_789.5, 1e15 + 0.5, 4.35, 2.675,
                -0.001, -1.5, -1234.5, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            double v = Math.pow(10, -7 + random.nextDouble() * 20);
            out.add(random.nextInt(10) == 0 ? -v : v);
            // a value that ends in 5 just after the last digit shown
            out.add(Math.round(v * 1000) / 1000.0 + 0.0005);
            out.add(random.nextInt(100_000) / 1000.0);
        }
        return out;
    }

    @Test
    void decimalsReadAsAFormatterWritesThem() {
        for (double v : values()) {
            for (int decimals = 0; decimals <= 2; decimals++) {
                assertThat(QueryUnits.fixed(v, decimals, false)).as("%s, %d decimals", v, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
                assertThat(QueryUnits.fixed(v, decimals, true)).as("%s, %d decimals, grouped", v, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%,." + decimals + "f", v));
            }
        }
    }

    @Test
    void figuresReadAsEverywhereElse() {
        for (double v : values()) {
            assertThat(QueryUnits.millis(v)).as("millis %s", v).isEqualTo(Humanize.millis(v));
            assertThat(QueryUnits.rate(v)).as("rate %s", v).isEqualTo(Humanize.rate(v));
            assertThat(QueryUnits.percent(v)).as("percent %s", v).isEqualTo(Humanize.percent(v));
            assertThat(QueryUnits.rate(OptionalDouble.of(v))).isEqualTo(Humanize.rate(v));
            assertThat(QueryUnits.percent(OptionalDouble.of(v))).isEqualTo(Humanize.percent(v));
            double r = v;
            String rows = r < 10 ? String.format(Locale.ROOT, "%.2f", r)
                    : r < 1000 ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%,.0f", r);
            assertThat(QueryUnits.rowsPerCall(OptionalDouble.of(v))).as("rows per call %s", v).isEqualTo(rows);
            if (Double.isFinite(v) && v >= 0 && v < 1e12) {
                String total = v == 0 ? "0 ms" : v < 1000 ? Humanize.millis(v)
                        : v < 60_000 ? String.format(Locale.ROOT, "%.1f s", v / 1000) : Humanize.seconds(v / 1000);
                assertThat(QueryUnits.totalTime(v)).as("total %s", v).isEqualTo(total);
            }
        }
    }
}
