package io.pgpulse.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An hour of points is drawn with about one point per pixel, without losing a peak or shimmering as it scrolls. */
class StackedDatasetTest {
    private final RollingDataset data = new RollingDataset(new SeriesKey("active", Tone.ACTIVE),
            new SeriesKey("idle", Tone.IDLE));
    private final StackedDataset stacked = new StackedDataset(data);

    /** A second of a server whose sessions wobble, with a burst of 500 active sessions at second 1,234. */
    private void second(int t) {
        data.append(t * 1000L, t == 1_234 ? 500 : 20 + t % 7, 60 + (t * 13) % 11);
    }

    private Map<Long, double[]> drawn() {
        Map<Long, double[]> out = new HashMap<>();
        for (int i = 0; i < stacked.getItemCount(0); i++) {
            out.put((long) stacked.getXValue(0, i), new double[] {stacked.getYValue(0, i), stacked.getYValue(1, i)});
        }
        return out;
    }

    @Test
    void anHourAtOneSecondIsDrawnWithAThousandPointsKeepingEveryPeak() {
        for (int t = 0; t < 3_600; t++) {
            second(t);
        }

        int items = stacked.getItemCount(0);
        assertThat(items).isBetween(900, StackedDataset.MAX_POINTS);
        assertThat(stacked.getXValue(1, items - 1)).as("the newest point stays at the edge").isEqualTo(3_599_000);
        double highest = 0;
        for (int i = 0; i < items; i++) {
            highest = Math.max(highest, stacked.getYValue(1, i));
            assertThat(stacked.getYValue(0, i)).isLessThanOrEqualTo(stacked.getYValue(1, i));
        }
        assertThat(highest).as("the burst").isEqualTo(500 + 60 + (1_234 * 13) % 11);
        // Every second lies in the run of the first point drawn at or after it, which is at least as high.
        int run = 0;
        for (int t = 0; t < 3_600; t++) {
            while (stacked.getXValue(0, run) < t * 1000L) {
                run++;
            }
            assertThat(stacked.getYValue(0, run)).as("active at second %d", t).isGreaterThanOrEqualTo(data.getYValue(0, t));
            assertThat(stacked.getYValue(1, run)).as("all at second %d", t)
                    .isGreaterThanOrEqualTo(data.getYValue(0, t) + data.getYValue(1, t));
        }
    }

    @Test
    void pointsDrawnStayPutAsTheWindowScrolls() {
        for (int t = 0; t < 3_600; t++) {
            second(t);
        }
        Map<Long, double[]> before = drawn();

        data.batch(() -> {
            second(3_600);
            data.trimBefore(1_000);
        });
        Map<Long, double[]> after = drawn();

        int same = 0;
        for (Map.Entry<Long, double[]> e : after.entrySet()) {
            double[] was = before.get(e.getKey());
            if (was != null && e.getKey() > 4_000 && e.getKey() < 3_599_000) {
                assertThat(e.getValue()).as("point at %d", e.getKey()).containsExactly(was);
                same++;
            }
        }
        assertThat(same).as("all but the runs at the two ends").isGreaterThanOrEqualTo(after.size() - 4);
    }

    @Test
    void fewPointsAreDrawnAsTheyAre() {
        for (int t = 0; t < 900; t++) {
            second(t);
        }

        assertThat(stacked.getItemCount(0)).isEqualTo(900);
        assertThat(stacked.getYValue(1, 10)).isEqualTo(data.getYValue(0, 10) + data.getYValue(1, 10));
        assertThat(stacked.getXValue(0, 10)).isEqualTo(10_000);
    }
}
