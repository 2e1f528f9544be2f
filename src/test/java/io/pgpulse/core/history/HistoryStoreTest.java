package io.pgpulse.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.StatementWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    private static StatementKey key(long queryId) {
        return new StatementKey(10, 5, queryId, true);
    }

    private static StatementDelta delta(long queryId, double seconds, long calls, double execMs, long rows) {
        return new StatementDelta(key(queryId), seconds, calls, execMs, 0, rows, 0, 0, 0, 0, OptionalLong.empty());
    }

    /** A one-second poll ending at {@code second}, with each query called {@code calls} times. */
    private static DeltaResult poll(long second, long calls, long... queryIds) {
        List<StatementDelta> deltas = new ArrayList<>();
        for (long id : queryIds) {
            deltas.add(delta(id, 1, calls, calls * 2.0, calls * 3));
        }
        return new DeltaResult(at(second - 1), at(second), DeltaResult.Kind.DELTA, deltas, List.of(), 0, 0, 0, 0);
    }

    private static HistoryStore store(int retentionSeconds, int maxStatements) {
        return new HistoryStore(new HistoryConfig(Duration.ofSeconds(retentionSeconds), Duration.ofSeconds(1),
                maxStatements));
    }

    @Test
    void memoryStaysBoundedAfterAHundredThousandPolls() {
        HistoryStore store = new HistoryStore(HistoryConfig.withDefaults(Duration.ofSeconds(1)));
        long[] queries = new long[20];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = q;
        }
        long afterOneRetention = 0;
        for (int second = 1; second <= 100_000; second++) {
            store.record(poll(second, 5, queries));
            store.record("connections.active", at(second), second % 300);
            store.record("tps", at(second), second % 7);
            if (second == 3601) {
                afterOneRetention = store.approximateBytes();
            }
        }

        long afterHundredThousand = store.approximateBytes();
        int capacity = store.config().capacity();
        assertThat(afterHundredThousand).isEqualTo(afterOneRetention);
        assertThat(afterHundredThousand).isLessThan(32L * 1024 * 1024);
        assertThat(store.deltaResults()).hasSize(capacity);
        assertThat(store.series("tps")).hasValueSatisfying(s -> assertThat(s.size()).isEqualTo(capacity));
        assertThat(store.statementHistory(key(3)))
                .hasValueSatisfying(h -> assertThat(h.size()).isEqualTo(capacity));
    }

    @Test
    void memoryStaysBoundedWhenStatementsKeepChanging() {
        HistoryStore store = store(60, 50);
        long peak = 0;
        for (int second = 1; second <= 100_000; second++) {
            store.record(poll(second, 1, second, second + 100_000L));
            if (second > 1000) {
                peak = Math.max(peak, store.approximateBytes());
            }
        }

        assertThat(store.trackedStatements()).hasSize(50);
        long bound = 50 * (56 + new StatementHistory(key(0), 61).approximateBytes())
                + 61 * (96 + 2 * HistoryStore.BYTES_PER_RETAINED_DELTA) + 2048;
        assertThat(peak).isLessThan(bound);
    }

    @Test
    void leastRecentlyActiveStatementIsForgottenFirst() {
        HistoryStore store = store(60, 3);
        store.record(poll(1, 1, 1, 2, 3));
        store.record(poll(2, 1, 1));

        store.record(poll(3, 1, 4));

        assertThat(store.trackedStatements()).containsExactly(key(3), key(1), key(4));
        assertThat(store.statementHistory(key(2))).isEmpty();
        assertThat(store.statementHistory(key(1))).hasValueSatisfying(h -> assertThat(h.size()).isEqualTo(2));
    }

    @Test
    void pollWithMoreActiveStatementsThanTrackedRecordsTheHeaviest() {
        HistoryStore store = store(60, 2);
        DeltaResult busy = new DeltaResult(at(0), at(1), DeltaResult.Kind.DELTA,
                List.of(delta(1, 1, 10, 5, 0), delta(2, 1, 1, 900, 0), delta(3, 1, 3, 300, 0)),
                List.of(), 0, 0, 0, 0);

        store.record(busy);

        assertThat(store.trackedStatements()).containsExactlyInAnyOrder(key(2), key(3));
    }

    @Test
    void statementHistoryRecordsRateMeanAndRowsPerPoll() {
        HistoryStore store = store(60, 10);
        DeltaResult result = new DeltaResult(at(0), at(4), DeltaResult.Kind.DELTA,
                List.of(delta(1, 4, 8, 20, 40)), List.of(), 0, 0, 0, 0);

        store.record(result);

        StatementHistorySnapshot history = store.statementHistory(key(1)).orElseThrow();
        assertThat(history.key()).isEqualTo(key(1));
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.epochMillisAt(0)).isEqualTo(at(4).toEpochMilli());
        assertThat(history.callsPerSecondAt(0)).isEqualTo(2.0);
        assertThat(history.meanExecTimeMsAt(0)).isEqualTo(2.5);
        assertThat(history.rowsAt(0)).isEqualTo(40.0);
    }

    @Test
    void baselineIsNotRetainedBecauseItCoversNoInterval() {
        HistoryStore store = store(60, 10);

        DeltaResult baseline = new DeltaResult(at(0), at(0), DeltaResult.Kind.BASELINE, List.of(), List.of(),
                0, 0, 0, 0);

        assertThat(store.record(baseline)).isFalse();
        assertThat(store.deltaResults()).isEmpty();
        assertThat(store.window(Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void resultOverlappingTheNewestIsRejectedSoNoTimeIsCountedTwice() {
        HistoryStore store = store(60, 10);
        store.record(poll(10, 1, 1));

        assertThat(store.record(poll(10, 1, 1))).isFalse();
        assertThat(store.record(poll(11, 1, 1))).isTrue();
        assertThat(store.deltaResults()).extracting(DeltaResult::to).containsExactly(at(10), at(11));
    }

    @Test
    void deltaRowLimitDropsTheOldestResultsFirst() {
        HistoryStore store = new HistoryStore(new HistoryConfig(Duration.ofHours(1), Duration.ofSeconds(1),
                10, 10, 10));
        for (int second = 1; second <= 6; second++) {
            store.record(poll(second, 1, 1, 2, 3));
        }

        assertThat(store.deltaResults()).extracting(DeltaResult::to).containsExactly(at(4), at(5), at(6));
        assertThat(store.window(Duration.ofMinutes(1))).hasValueSatisfying(
                w -> assertThat(w.secondsCovered()).isEqualTo(3.0));
    }

    @Test
    void windowEndsAtTheNewestResult() {
        HistoryStore store = store(3600, 10);
        for (int second = 1; second <= 120; second++) {
            store.record(poll(second, 2, 1));
        }

        StatementWindow window = store.window(Duration.ofMinutes(1)).orElseThrow();

        assertThat(window.end()).isEqualTo(at(120));
        assertThat(window.statements()).singleElement().satisfies(s -> {
            assertThat(s.calls()).isEqualTo(120);
            assertThat(s.callsPerSecond()).isEqualTo(2.0);
        });
        assertThat(store.deltaResultsSince(at(115))).extracting(DeltaResult::to)
                .containsExactly(at(116), at(117), at(118), at(119), at(120));
    }

    @Test
    void seriesLimitForgetsTheLeastRecentlyWrittenSeries() {
        HistoryStore store = new HistoryStore(new HistoryConfig(Duration.ofMinutes(1), Duration.ofSeconds(1),
                10, 2, 1000));
        store.record("a", at(1), 1);
        store.record("b", at(1), 1);
        store.record("a", at(2), 2);

        store.record("c", at(3), 3);

        assertThat(store.seriesNames()).containsExactly("a", "c");
        assertThat(store.series("b")).isEmpty();
        assertThat(store.series("a")).hasValueSatisfying(s -> assertThat(s.values()).containsExactly(1, 2));
        assertThat(store.seriesSince("a", at(2))).hasValueSatisfying(s -> assertThat(s.values()).containsExactly(2));
    }

    @Test
    void clearForgetsEverything() {
        HistoryStore store = store(60, 10);
        store.record(poll(1, 1, 1));
        store.record("tps", at(1), 5);

        store.clear();

        assertThat(store.deltaResults()).isEmpty();
        assertThat(store.seriesNames()).isEmpty();
        assertThat(store.trackedStatements()).isEmpty();
        assertThat(store.record(poll(1, 1, 1))).as("an earlier result is accepted after clear").isTrue();
    }

    @Test
    void readerOnAnotherThreadOnlySeesCompleteOrderedSnapshots() throws InterruptedException {
        HistoryStore store = store(100, 10);
        AtomicReference<AssertionError> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int second = 1; second <= 20_000; second++) {
                store.record("tps", at(second), second);
                store.record(poll(second, 1, 1));
            }
        });

        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            reads++;
            try {
                store.series("tps").ifPresent(s -> {
                    assertThat(s.size()).isLessThanOrEqualTo(101);
                    for (int i = 1; i < s.size(); i++) {
                        assertThat(s.epochMillisAt(i)).isGreaterThan(s.epochMillisAt(i - 1));
                        assertThat(s.valueAt(i)).isEqualTo(s.valueAt(i - 1) + 1);
                    }
                });
                List<DeltaResult> results = store.deltaResults();
                assertThat(results.size()).isLessThanOrEqualTo(101);
            } catch (AssertionError e) {
                failure.compareAndSet(null, e);
            }
        }
        writer.join();

        assertThat(failure.get()).isNull();
        assertThat(store.series("tps")).hasValueSatisfying(s -> assertThat(s.latestValue()).hasValue(20_000));
    }
}
