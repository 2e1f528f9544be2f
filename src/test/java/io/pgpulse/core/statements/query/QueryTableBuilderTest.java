package io.pgpulse.core.statements.query;

import static io.pgpulse.core.statements.query.SyntheticStatements.T0;
import static io.pgpulse.core.statements.query.SyntheticStatements.counters;
import static io.pgpulse.core.statements.query.SyntheticStatements.delta;
import static io.pgpulse.core.statements.query.SyntheticStatements.inputs;
import static io.pgpulse.core.statements.query.SyntheticStatements.interval;
import static io.pgpulse.core.statements.query.SyntheticStatements.key;
import static io.pgpulse.core.statements.query.SyntheticStatements.labels;
import static io.pgpulse.core.statements.query.SyntheticStatements.statements;
import static io.pgpulse.core.statements.query.SyntheticStatements.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.statements.DeltaEvent;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementCounters;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;

import org.junit.jupiter.api.Test;

class QueryTableBuilderTest {
    private static final StatementKey A = key(1);
    private static final StatementKey B = key(2);
    private static final Map<Long, QueryText> TEXTS = Map.of(
            1L, text(1, "SELECT *\n  FROM orders\n WHERE reference_code = $1"),
            2L, text(2, "UPDATE orders SET status = $1 WHERE id = $2"));

    private final QueryTableBuilder builder = new QueryTableBuilder();

    /** 30 polls, 2 s apart: A runs in every poll, B only in the last five. */
    private static List<DeltaResult> history() {
        List<DeltaResult> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<StatementDelta> deltas = new ArrayList<>();
            deltas.add(delta(A, 2, 10, 100, 10));
            if (i >= 25) {
                deltas.add(delta(B, 2, 4, 40, 4));
            }
            results.add(interval(i, 2, deltas));
        }
        return results;
    }

    @Test
    void lastRefreshShowsTheNewestIntervalOnly() {
        QueryTable t = builder.build(inputs(QueryWindow.LAST_REFRESH, history(), TEXTS, QueryThresholds.DEFAULT));
        assertThat(t.secondsCovered()).isEqualTo(2.0);
        assertThat(t.intervals()).isEqualTo(1);
        QueryFigures a = t.row(A).orElseThrow();
        assertThat(a.calls()).isEqualTo(10);
        assertThat(a.callsPerSecond().getAsDouble()).isEqualTo(5.0);
        assertThat(a.meanTimeMs().getAsDouble()).isEqualTo(10.0);
        assertThat(a.maxTimeMs()).isEmpty();
        assertThat(t.totalTimeMs()).isEqualTo(140.0);
        assertThat(a.sharePercent().getAsDouble()).isCloseTo(100 * 100 / 140.0, within(1e-9));
    }

    @Test
    void aSlidingWindowSumsTheIntervalsInsideIt() {
        QueryTable t = builder.build(inputs(QueryWindow.ONE_MINUTE, history(), TEXTS, QueryThresholds.DEFAULT));
        assertThat(t.secondsCovered()).isEqualTo(60.0);
        assertThat(t.intervals()).isEqualTo(30);
        assertThat(t.coverage()).isEqualTo(1.0);
        assertThat(t.row(A).orElseThrow().calls()).isEqualTo(300);
        assertThat(t.row(B).orElseThrow().calls()).isEqualTo(20);
        assertThat(t.row(B).orElseThrow().callsPerSecond().getAsDouble()).isCloseTo(20 / 60.0, within(1e-9));
        assertThat(t.rows()).extracting(QueryFigures::key).containsExactly(A, B);
    }

    @Test
    void aWindowLongerThanTheHistorySaysHowMuchItCovers() {
        QueryTable t = builder.build(inputs(QueryWindow.FIVE_MINUTES, history(), TEXTS, QueryThresholds.DEFAULT));
        assertThat(t.secondsCovered()).isEqualTo(60.0);
        assertThat(t.coverage()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void sinceResetUsesTheLifetimeCountersWithTheirMaximumAndRatesOverTheirLifetime() {
        List<DeltaResult> h = history();
        Instant end = h.get(h.size() - 1).to();
        Instant reset = end.minusSeconds(100);
        Map<StatementKey, StatementCounters> cumulative = new HashMap<>();
        cumulative.put(A, counters(A, 1_000, 5_000, 1_000, 250, Optional.empty()));
        // Created 20 s before the end, long after the reset: its rate is over its own 20 s.
        cumulative.put(B, counters(B, 40, 40, 40, 3, Optional.of(end.minusSeconds(20))));
        QueryInputs in = new QueryInputs(QueryWindow.SINCE_RESET,
                statements(h.get(h.size() - 1), cumulative, TEXTS, Optional.of(reset)), h, labels(TEXTS), List.of(),
                Map.of(), QueryThresholds.DEFAULT);

        QueryTable t = builder.build(in);

        assertThat(t.statsReset()).contains(reset);
        assertThat(t.secondsCovered()).isEqualTo(100.0);
        QueryFigures a = t.row(A).orElseThrow();
        assertThat(a.calls()).isEqualTo(1_000);
        assertThat(a.callsPerSecond().getAsDouble()).isEqualTo(10.0);
        assertThat(a.maxTimeMs().getAsDouble()).isEqualTo(250.0);
        assertThat(a.regression()).isEmpty();
        assertThat(t.row(B).orElseThrow().callsPerSecond().getAsDouble()).isEqualTo(2.0);
    }

    @Test
    void sinceResetWithoutAKnownResetTimeHasNoRates() {
        List<DeltaResult> h = history();
        QueryInputs in = new QueryInputs(QueryWindow.SINCE_RESET,
                statements(h.get(h.size() - 1), SyntheticStatements.cumulativeOf(h), TEXTS, Optional.empty()), h,
                labels(TEXTS), List.of(), Map.of(), QueryThresholds.DEFAULT);
        QueryTable t = builder.build(in);
        assertThat(t.row(A).orElseThrow().callsPerSecond()).isEmpty();
        assertThat(t.row(A).orElseThrow().calls()).isEqualTo(300);
    }

    @Test
    void theShareDenominatorCountsNestedStatementsOnlyOnceInsideTheirCaller() {
        StatementKey nested = new StatementKey(SyntheticStatements.USER, SyntheticStatements.DB, 3, false);
        List<DeltaResult> h = List.of(interval(0, 2, List.of(delta(A, 2, 1, 300, 1), delta(nested, 2, 5, 200, 5))));
        QueryTable t = builder.build(inputs(QueryWindow.LAST_REFRESH, h, TEXTS, QueryThresholds.DEFAULT));
        assertThat(t.totalTimeMs()).isEqualTo(300.0);
        assertThat(t.row(A).orElseThrow().sharePercent().getAsDouble()).isEqualTo(100.0);
        assertThat(t.row(nested).orElseThrow().sharePercent().getAsDouble()).isCloseTo(66.67, within(0.01));
    }

    @Test
    void theSlowMarkerFollowsTheThresholds() {
        QueryTable t = builder.build(inputs(QueryWindow.ONE_MINUTE, history(), TEXTS, QueryThresholds.DEFAULT.withSlow(10, 50)));
        assertThat(t.row(A).orElseThrow().slow()).isTrue();
        assertThat(t.row(B).orElseThrow().slow()).as("10 ms but only 20 calls").isFalse();
        QueryTable stricter = builder.build(inputs(QueryWindow.ONE_MINUTE, history(), TEXTS,
                QueryThresholds.DEFAULT.withSlow(10.5, 50)));
        assertThat(stricter.row(A).orElseThrow().slow()).isFalse();
    }

    @Test
    void aMeanFarAboveTheStatementsOwnHistoryIsMarkedRegressed() {
        List<DeltaResult> h = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double ms = i < 50 ? 20 : 800;
            h.add(interval(i, 2, List.of(delta(A, 2, 20, ms, 20), delta(B, 2, 20, 40, 20))));
        }
        QueryTable t = builder.build(inputs(QueryWindow.LAST_REFRESH, h, TEXTS, QueryThresholds.DEFAULT));
        Regression r = t.row(A).orElseThrow().regression().orElseThrow();
        assertThat(r.baseline()).isEqualTo(Regression.Baseline.RETAINED_HISTORY);
        // Before the last interval: 50 polls at 1 ms per call, 9 at 40 ms.
        assertThat(r.baselineCalls()).isEqualTo(1_180);
        assertThat(r.baselineMeanMs()).isCloseTo((1_000 * 1.0 + 180 * 40.0) / 1_180, within(1e-9));
        assertThat(r.factor()).isGreaterThan(3);
        assertThat(t.row(B).orElseThrow().regression()).isEmpty();

        // The minute before the last one is the baseline: 600 calls at 1 ms, against a window mean of 14 ms.
        Regression minute = builder.build(inputs(QueryWindow.ONE_MINUTE, h, TEXTS, QueryThresholds.DEFAULT)).row(A)
                .orElseThrow().regression().orElseThrow();
        assertThat(minute.baselineCalls()).isEqualTo(600);
        assertThat(minute.baselineMeanMs()).isEqualTo(1.0);
        assertThat(minute.windowMeanMs()).isEqualTo(14.0);
    }

    @Test
    void withoutEnoughHistoryTheBaselineIsTheLifetimeBeforeTheWindow() {
        List<DeltaResult> h = List.of(interval(0, 2, List.of(delta(A, 2, 30, 3_000, 30))));
        Map<StatementKey, StatementCounters> cumulative = Map.of(A, counters(A, 1_030, 4_000, 1_030, 900, Optional.empty()));
        QueryInputs in = new QueryInputs(QueryWindow.LAST_REFRESH, statements(h.get(0), cumulative, TEXTS,
                Optional.of(T0.minusSeconds(3600))), h, labels(TEXTS), List.of(), Map.of(), QueryThresholds.DEFAULT);
        Regression r = builder.build(in).row(A).orElseThrow().regression().orElseThrow();
        assertThat(r.baseline()).isEqualTo(Regression.Baseline.SINCE_RESET);
        assertThat(r.baselineCalls()).isEqualTo(1_000);
        assertThat(r.baselineMeanMs()).isEqualTo(1.0);
        assertThat(r.windowMeanMs()).isEqualTo(100.0);
    }

    @Test
    void fewCallsInTheWindowAreNoRegression() {
        List<DeltaResult> h = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            h.add(interval(i, 2, List.of(delta(A, 2, i < 59 ? 10 : 2, i < 59 ? 10 : 2_000, 10))));
        }
        assertThat(builder.build(inputs(QueryWindow.LAST_REFRESH, h, TEXTS, QueryThresholds.DEFAULT)).row(A)
                .orElseThrow().regression()).isEmpty();
    }

    @Test
    void theMonitorsOwnStatementsAreNeverShown() {
        Map<Long, QueryText> texts = new HashMap<>(TEXTS);
        texts.put(9L, text(9, "SELECT /* pgpulse */ s.userid FROM pg_stat_statements(false) s"));
        List<DeltaResult> h = List.of(interval(0, 2, List.of(delta(A, 2, 1, 1, 1), delta(key(9), 2, 1, 50, 1))));
        QueryTable t = builder.build(inputs(QueryWindow.LAST_REFRESH, h, texts, QueryThresholds.DEFAULT));
        assertThat(t.rows()).extracting(QueryFigures::key).containsExactly(A);
        assertThat(t.totalTimeMs()).isEqualTo(1.0);
    }

    @Test
    void textsAreShownOnOneLineAndATruncatedTextSaysSo() {
        Map<Long, QueryText> texts = Map.of(1L, new QueryText(1, "SELECT a,\n\t b FROM   t", 5_000));
        List<DeltaResult> h = List.of(interval(0, 2, List.of(delta(A, 2, 1, 1, 1), delta(B, 2, 1, 1, 1))));
        QueryTable t = builder.build(inputs(QueryWindow.LAST_REFRESH, h, texts, QueryThresholds.DEFAULT));
        assertThat(t.row(A).orElseThrow().text()).isEqualTo("SELECT a, b FROM t");
        assertThat(t.row(A).orElseThrow().textTruncated()).isTrue();
        assertThat(t.row(B).orElseThrow().text()).as("not fetched yet").isNull();
        assertThat(t.row(A).orElseThrow().database()).isEqualTo("shop");
        assertThat(t.row(A).orElseThrow().user()).isEqualTo("shop_app");
    }

    @Test
    void aResetAndEvictionsInsideTheWindowAreReported() {
        List<DeltaResult> h = new ArrayList<>(history());
        Instant resetAt = h.get(20).from().plusSeconds(1);
        h.set(20, new DeltaResult(h.get(20).from(), h.get(20).to(), DeltaResult.Kind.DELTA, h.get(20).deltas(),
                List.of(new DeltaEvent.StatsReset(resetAt)), 0, 0, 3, 0));
        QueryTable t = builder.build(inputs(QueryWindow.ONE_MINUTE, h, TEXTS, QueryThresholds.DEFAULT));
        assertThat(t.resetInWindow()).contains(resetAt);
        assertThat(t.evictions()).isEqualTo(3);
        QueryTable last = builder.build(inputs(QueryWindow.LAST_REFRESH, h, TEXTS, QueryThresholds.DEFAULT));
        assertThat(last.resetInWindow()).isEmpty();
    }

    /** A list query returning 20 rows, then 20 lookups, five times per 2 s poll. */
    private static List<StatementDelta> loop() {
        return List.of(delta(key(20), 2, 5, 5, 100), delta(key(21), 2, 100, 3, 100));
    }

    private static final Map<Long, QueryText> LOOP_TEXTS = Map.of(
            20L, text(20, "SELECT id, customer_id FROM orders WHERE status = $1 ORDER BY id LIMIT $2"),
            21L, text(21, "SELECT name FROM customers WHERE id = $1"));

    @Test
    void anNPlusOneLoopMarksBothEndsAndClearsOnceItLeavesTheDetectionWindow() {
        List<DeltaResult> h = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            h.add(interval(i, 2, loop()));
        }
        QueryThresholds t = QueryThresholds.DEFAULT.withDetectionWindow(Duration.ofSeconds(20));
        QueryTable looping = builder.build(inputs(QueryWindow.FIVE_MINUTES, h, LOOP_TEXTS, t));
        assertThat(looping.repeated()).hasSize(1);
        QueryFigures lookup = looping.row(key(21)).orElseThrow();
        assertThat(lookup.isNPlusOne()).isTrue();
        assertThat(lookup.repeated().orElseThrow().parent()).contains(key(20));
        assertThat(looping.row(key(20)).orElseThrow().drives()).containsExactly(key(21));
        assertThat(QueryMarker.of(looping.row(key(20)).orElseThrow())).containsExactly(QueryMarker.LOOP_PARENT);
        assertThat(looping.textOf(20)).startsWith("SELECT id, customer_id FROM orders");

        for (int i = 10; i < 21; i++) {
            h.add(interval(i, 2, List.of(delta(A, 2, 1, 1, 1))));
        }
        QueryTable stopped = builder.build(inputs(QueryWindow.FIVE_MINUTES, h, LOOP_TEXTS, t));
        assertThat(stopped.repeated()).isEmpty();
        assertThat(stopped.row(key(21)).orElseThrow().flagged())
                .as("still in the 5 min table, but no longer flagged").isFalse();
    }

    @Test
    void loopDetectionReachesTheDetectorsOwnVerdictsOnEveryStatement() {
        // Two loops, a hot lookup, a batched lookup and noise whose rows happen to match the
        // lookups' calls: the table's findings are the detector's on the same polls (the detector's
        // own speed, and its equality with the plain algorithm, are NPlusOneDetectorEquivalenceTest's).
        Map<Long, QueryText> texts = new HashMap<>(LOOP_TEXTS);
        texts.put(30L, text(30, "SELECT id, sku FROM order_items WHERE order_id = $1"));
        texts.put(31L, text(31, "SELECT id FROM orders WHERE status = $1 LIMIT $2"));
        texts.put(40L, text(40, "SELECT price FROM products WHERE id = $1"));
        texts.put(41L, text(41, "SELECT name FROM users WHERE id = ANY($1)"));
        List<DeltaResult> h = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<StatementDelta> deltas = new ArrayList<>(loop());
            deltas.add(delta(key(31), 2, 4, 4, 40 + i % 3));
            deltas.add(delta(key(30), 2, 40 + i % 3, 2, 40 + i % 3));
            deltas.add(delta(key(40), 2, 60, 1, 60));
            deltas.add(delta(key(41), 2, 60, 6, 60));
            for (int n = 100; n < 400; n++) {
                long calls = 1 + (n * 7L + i * 3L) % 40;
                deltas.add(delta(key(n), 2, calls, calls * 0.5, calls * (2 + n % 5)));
                texts.putIfAbsent((long) n, text(n, "SELECT a FROM t" + n + " WHERE b = $1"));
            }
            h.add(interval(i, 2, deltas));
        }
        QueryInputs in = inputs(QueryWindow.ONE_MINUTE, h, texts, QueryThresholds.DEFAULT);
        List<io.pgpulse.core.analysis.RepeatedQuery> expected =
                new io.pgpulse.core.analysis.NPlusOneDetector().detect(h, in.labels(), List.of());

        List<io.pgpulse.core.analysis.RepeatedQuery> found = builder.build(in).repeated();

        assertThat(expected).extracting(r -> r.lookup().queryId()).contains(21L, 30L, 40L);
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(found.get(0).isNPlusOne()).isTrue();
    }
}
