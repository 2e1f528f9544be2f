package io.pgpulse.core.statements;

import static io.pgpulse.core.statements.Counters.at;
import static io.pgpulse.core.statements.Counters.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WindowAggregatorTest {

    private static StatementDelta delta(long queryId, double seconds, long calls, double execMs, long rows,
            OptionalLong wal) {
        return new StatementDelta(key(queryId), seconds, calls, execMs, 1.0, rows, 10, 2, 0, 0, wal);
    }

    private static DeltaResult result(Instant from, Instant to, StatementDelta... deltas) {
        return new DeltaResult(from, to, DeltaResult.Kind.DELTA, List.of(deltas), List.of(), 0, 0, 0, 0);
    }

    /** Ten minutes of 10 s polls; query 1 runs 10 times per poll, query 2 only in the first minute. */
    private static List<DeltaResult> tenMinutes() {
        List<DeltaResult> history = new ArrayList<>();
        history.add(DeltaResult.baseline(at(0), List.of()));
        for (int i = 0; i < 60; i++) {
            Instant from = at(i * 10L);
            Instant to = at(i * 10L + 10);
            List<StatementDelta> deltas = new ArrayList<>();
            deltas.add(delta(1, 10, 10, 20.0, 10, OptionalLong.of(100)));
            if (i < 6) {
                deltas.add(delta(2, 10, 1, 500.0, 1, OptionalLong.of(7)));
            }
            history.add(result(from, to, deltas.toArray(StatementDelta[]::new)));
        }
        return history;
    }

    @Test
    void oneMinuteWindowSumsTheIntervalsOfTheLastMinute() {
        StatementWindow window = WindowAggregator.aggregate(tenMinutes(), Duration.ofMinutes(1), at(600));

        assertThat(window.intervals()).isEqualTo(6);
        assertThat(window.secondsCovered()).isEqualTo(60.0);
        assertThat(window.coverage()).isEqualTo(1.0);
        assertThat(window.statements()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo(key(1));
            assertThat(s.calls()).isEqualTo(60);
            assertThat(s.execTimeMs()).isEqualTo(120.0);
            assertThat(s.rows()).isEqualTo(60);
            assertThat(s.sharedBlksHit()).isEqualTo(60);
            assertThat(s.walBytes()).hasValue(600);
            assertThat(s.intervalSeconds()).isEqualTo(60.0);
            assertThat(s.callsPerSecond()).isEqualTo(1.0);
            assertThat(s.meanExecTimeMs()).hasValue(2.0);
        });
    }

    @Test
    void fiveMinuteWindowSumsThirtyIntervals() {
        StatementWindow window = WindowAggregator.aggregate(tenMinutes(), Duration.ofMinutes(5), at(600));

        assertThat(window.intervals()).isEqualTo(30);
        assertThat(window.secondsCovered()).isEqualTo(300.0);
        assertThat(window.statements()).singleElement().satisfies(s -> {
            assertThat(s.calls()).isEqualTo(300);
            assertThat(s.callsPerSecond()).isEqualTo(1.0);
        });
    }

    @Test
    void windowLongerThanHistoryReportsTheShorterCoverage() {
        StatementWindow window = WindowAggregator.aggregate(tenMinutes(), Duration.ofMinutes(15), at(600));

        assertThat(window.secondsCovered()).isEqualTo(600.0);
        assertThat(window.coverage()).isCloseTo(600.0 / 900.0, within(1e-12));
        assertThat(window.statements()).extracting(StatementDelta::key)
                .as("query 2 spent more time in total, so it comes first")
                .containsExactly(key(2), key(1));
        assertThat(window.statements().get(0).callsPerSecond()).isEqualTo(6.0 / 600.0);
    }

    @Test
    void intervalStraddlingTheWindowStartIsLeftOut() {
        List<DeltaResult> history = List.of(
                result(at(0), at(40), delta(1, 40, 40, 40, 0, OptionalLong.empty())),
                result(at(40), at(70), delta(1, 30, 3, 3, 0, OptionalLong.empty())));

        StatementWindow window = WindowAggregator.aggregate(history, Duration.ofMinutes(1), at(70));

        assertThat(window.secondsCovered()).isEqualTo(30.0);
        assertThat(window.statements()).singleElement().extracting(StatementDelta::calls).isEqualTo(3L);
    }

    @Test
    void walTotalIsUnavailableWhenAnyIntervalLackedIt() {
        List<DeltaResult> history = List.of(
                result(at(0), at(10), delta(1, 10, 1, 1, 0, OptionalLong.of(50))),
                result(at(10), at(20), delta(1, 10, 1, 1, 0, OptionalLong.empty())));

        StatementWindow window = WindowAggregator.aggregate(history, Duration.ofMinutes(1), at(20));

        assertThat(window.statements()).singleElement().satisfies(s -> assertThat(s.walBytes()).isEmpty());
    }

    @Test
    void emptyHistoryGivesAnEmptyWindowWithNoCoverage() {
        StatementWindow window = WindowAggregator.aggregate(List.of(), Duration.ofMinutes(1), at(0));

        assertThat(window.statements()).isEmpty();
        assertThat(window.secondsCovered()).isZero();
        assertThat(window.coverage()).isZero();
        assertThat(window.start()).isEqualTo(at(-60));
    }

    @Test
    void standardWindowsAreComputedInOrder() {
        Map<Duration, StatementWindow> windows =
                WindowAggregator.aggregate(tenMinutes(), WindowAggregator.STANDARD_WINDOWS, at(600));

        assertThat(windows).containsOnlyKeys(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        assertThat(windows.keySet()).containsExactlyElementsOf(WindowAggregator.STANDARD_WINDOWS);
        assertThat(windows.values()).extracting(StatementWindow::intervals).containsExactly(6, 30, 60);
    }
}
