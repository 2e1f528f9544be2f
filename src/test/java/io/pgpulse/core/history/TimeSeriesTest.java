package io.pgpulse.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private static long millis(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).toEpochMilli();
    }

    @Test
    void wrapsAroundKeepingTheNewestPointsOldestFirst() {
        TimeSeries series = new TimeSeries("connections", 5);
        for (int i = 0; i < 12; i++) {
            series.append(millis(i), i * 10.0);
        }

        SeriesSnapshot snapshot = series.snapshot();

        assertThat(series.size()).isEqualTo(5);
        assertThat(snapshot.values()).containsExactly(70, 80, 90, 100, 110);
        assertThat(snapshot.epochMillis()).containsExactly(millis(7), millis(8), millis(9), millis(10), millis(11));
        assertThat(snapshot.latestValue()).hasValue(110);
        assertThat(snapshot.name()).isEqualTo("connections");
    }

    @Test
    void valuesSinceReturnsPointsAtOrAfterTheInstantAcrossTheWrap() {
        TimeSeries series = new TimeSeries("tps", 6);
        for (int i = 0; i < 10; i++) {
            series.append(millis(i), i);
        }

        assertThat(series.valuesSince(T0.plusSeconds(7)).values()).containsExactly(7, 8, 9);
        assertThat(series.valuesSince(T0.plusMillis(6500)).values()).containsExactly(7, 8, 9);
        assertThat(series.valuesSince(T0).values()).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(series.valuesSince(T0.plusSeconds(60)).isEmpty()).isTrue();
    }

    @Test
    void pointOlderThanTheNewestIsDroppedAndHistoryKept() {
        TimeSeries series = new TimeSeries("tps", 10);
        series.append(millis(10), 1);

        assertThat(series.append(millis(9), 2)).isFalse();
        assertThat(series.append(millis(10), 3)).as("same timestamp is allowed").isTrue();
        assertThat(series.snapshot().values()).containsExactly(1, 3);
    }

    @Test
    void notAvailableIsNotRecordedAsNaN() {
        TimeSeries series = new TimeSeries("tps", 10);

        assertThatIllegalArgumentException().isThrownBy(() -> series.append(millis(0), Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> series.append(millis(0), Double.POSITIVE_INFINITY));
        assertThat(series.size()).isZero();
        assertThat(series.snapshot().latestValue()).isEmpty();
    }

    @Test
    void snapshotIsNotAffectedByLaterAppends() {
        TimeSeries series = new TimeSeries("tps", 3);
        series.append(millis(0), 1);
        SeriesSnapshot snapshot = series.snapshot();
        double[] values = snapshot.values();
        values[0] = 99;

        series.append(millis(1), 2);

        assertThat(snapshot.size()).isEqualTo(1);
        assertThat(snapshot.valueAt(0)).isEqualTo(1);
    }

    @Test
    void storageGrowsOnlyUpToTheCapacity() {
        TimeSeries series = new TimeSeries("tps", 1000);
        long empty = series.approximateBytes();
        for (int i = 0; i < 1000; i++) {
            series.append(i, i);
        }
        long full = series.approximateBytes();
        for (int i = 1000; i < 100_000; i++) {
            series.append(i, i);
        }

        assertThat(empty).isLessThan(full);
        assertThat(series.approximateBytes()).isEqualTo(full);
        assertThat(full).isLessThan(1000L * (Long.BYTES + Double.BYTES) + 256);
        assertThat(series.valuesSince(Instant.ofEpochMilli(99_998)).values()).containsExactly(99_998, 99_999);
    }
}
