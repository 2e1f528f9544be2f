package io.pgpulse.app.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RollingDatasetTest {
    private final RollingDataset data = new RollingDataset(new SeriesKey("a", Tone.ACTIVE), new SeriesKey("b", Tone.IDLE));

    @Test
    void keepsAWindowThatMovesThroughManyMoreAppendsThanItsArraysHold() {
        for (int x = 0; x < 10_000; x++) {
            data.append(x, x, -x);
            data.trimBefore(x - 99);
        }

        assertThat(data.size()).isEqualTo(100);
        assertThat(data.firstX()).isEqualTo(9_900);
        assertThat(data.lastX()).isEqualTo(9_999);
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.y(0, i)).isEqualTo(9_900 + i);
            assertThat(data.getYValue(1, i)).isEqualTo(-(9_900 + i));
        }
    }

    @Test
    void aPointNotAfterTheNewestIsIgnoredSoOverlappingUpdatesAddNothingTwice() {
        data.append(10, 1, 1);

        assertThat(data.append(10, 2, 2)).isFalse();
        assertThat(data.append(5, 2, 2)).isFalse();
        assertThat(data.size()).isEqualTo(1);
    }

    @Test
    void changesInABatchReachListenersOnce() {
        AtomicInteger events = new AtomicInteger();
        data.addChangeListener(e -> events.incrementAndGet());

        data.batch(() -> {
            for (int x = 0; x < 50; x++) {
                data.append(x, 1, 2);
            }
            data.trimBefore(25);
        });
        data.batch(() -> data.trimBefore(0));

        assertThat(events.get()).isEqualTo(1);
    }

    @Test
    void nearestFindsTheClosestTimestampOnEitherSide() {
        data.append(100, 1, 1);
        data.append(200, 2, 2);
        data.append(300, 3, 3);

        assertThat(data.nearest(0)).isZero();
        assertThat(data.nearest(149)).isZero();
        assertThat(data.nearest(151)).isEqualTo(1);
        assertThat(data.nearest(300)).isEqualTo(2);
        assertThat(data.nearest(9_999)).isEqualTo(2);
    }

    @Test
    void gapsAreNullForJFreeChartAndZeroInRunningTotals() {
        data.append(1, 4, Double.NaN);
        StackedDataset stacked = new StackedDataset(data);

        assertThat(data.getY(1, 0)).isNull();
        assertThat(stacked.getYValue(0, 0)).isEqualTo(4);
        assertThat(stacked.getYValue(1, 0)).isEqualTo(4);
    }

    @Test
    void runningTotalsFollowTheirSource() {
        StackedDataset stacked = new StackedDataset(data);
        AtomicInteger events = new AtomicInteger();
        stacked.addChangeListener(e -> events.incrementAndGet());

        data.append(1, 3, 5);

        assertThat(stacked.getYValue(0, 0)).isEqualTo(3);
        assertThat(stacked.getYValue(1, 0)).isEqualTo(8);
        assertThat(stacked.getItemCount(1)).isEqualTo(1);
        assertThat(events.get()).isEqualTo(1);
    }

    @Test
    void aPointNeedsOneValuePerSeries() {
        assertThatThrownBy(() -> data.append(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2, got 1");
    }
}
