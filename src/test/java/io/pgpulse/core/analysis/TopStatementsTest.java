package io.pgpulse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.StatementWindow;

class TopStatementsTest {

    private static final long APP = 10;
    private static final long SHOP = 16384;
    private static final Instant END = Sessions.NOW;

    private static StatementDelta delta(long queryId, boolean topLevel, long calls, double execMs, long rows) {
        return new StatementDelta(new StatementKey(APP, SHOP, queryId, topLevel), 60, calls, execMs, 0, rows,
                0, 0, 0, 0, OptionalLong.empty());
    }

    private static StatementWindow window(StatementDelta... deltas) {
        return new StatementWindow(Duration.ofMinutes(1), END, 60, 6, List.of(deltas));
    }

    private static StatementLabels labels() {
        return new StatementLabels(
                Map.of(1L, new QueryText(1, "SELECT * FROM orders WHERE customer_id = $1", 43),
                        2L, new QueryText(2, "SELECT * FROM order_items WHERE order_id = $1", 44),
                        3L, new QueryText(3, "UPDATE accounts SET", 200)),
                Map.of(APP, "app"), Map.of(SHOP, "shop"));
    }

    @Test
    void heaviestAndMostFrequentAreRankedSeparately() {
        StatementWindow window = window(
                delta(1, true, 60, 6000, 60),
                delta(2, true, 12_000, 2400, 12_000),
                delta(3, true, 600, 1600, 600));

        TopStatements top = TopStatements.of(window, labels(), 10);

        assertThat(top.byTotalTime()).extracting(StatementStat::queryId).containsExactly(1L, 2L, 3L);
        assertThat(top.byCalls()).extracting(StatementStat::queryId).containsExactly(2L, 3L, 1L);
        assertThat(top.windowSeconds()).isEqualTo(60.0);
        assertThat(top.statements()).isEqualTo(3);
    }

    @Test
    void eachStatementCarriesRatesMeanAndShareOfTotalTime() {
        TopStatements top = TopStatements.of(window(
                delta(1, true, 60, 6000, 60),
                delta(2, true, 12_000, 2400, 12_000),
                delta(3, true, 600, 1600, 600)), labels(), 10);

        StatementStat heaviest = top.byTotalTime().get(0);
        assertThat(top.totalExecTimeMs()).isEqualTo(10_000.0);
        assertThat(heaviest.sharePercent()).hasValue(60.0);
        assertThat(heaviest.meanExecTimeMs()).hasValue(100.0);
        assertThat(heaviest.callsPerSecond()).isEqualTo(1.0);
        assertThat(heaviest.rows()).isEqualTo(60);
        StatementStat storm = top.byCalls().get(0);
        assertThat(storm.callsPerSecond()).isEqualTo(200.0);
        assertThat(storm.meanExecTimeMs().getAsDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(storm.sharePercent().getAsDouble()).isCloseTo(24.0, within(1e-9));
    }

    @Test
    void nestedStatementsAreNotCountedTwiceInTheShareBase() {
        // A function (top level, 1000 ms) whose inner statement (nested, 800 ms) is part of that time.
        TopStatements top = TopStatements.of(window(
                delta(1, true, 10, 1000, 10),
                delta(2, false, 10, 800, 10)), labels(), 10);

        assertThat(top.totalExecTimeMs()).isEqualTo(1000.0);
        assertThat(top.byTotalTime()).extracting(s -> s.sharePercent().getAsDouble()).containsExactly(100.0, 80.0);
    }

    @Test
    void textsRoleAndDatabaseNamesAreResolvedAndUnknownOnesStayNull() {
        StatementDelta unknown = new StatementDelta(new StatementKey(99, 77, 42, true), 60, 1, 1, 0, 1, 0, 0, 0, 0,
                OptionalLong.empty());
        TopStatements top = TopStatements.of(window(delta(3, true, 1, 5, 1), unknown), labels(), 10);

        StatementStat known = top.byTotalTime().get(0);
        assertThat(known.text()).isEqualTo("UPDATE accounts SET");
        assertThat(known.textTruncated()).isTrue();
        assertThat(known.role()).isEqualTo("app");
        assertThat(known.database()).isEqualTo("shop");
        StatementStat other = top.byTotalTime().get(1);
        assertThat(other.text()).as("text not fetched yet").isNull();
        assertThat(other.textTruncated()).isFalse();
        assertThat(other.role()).isNull();
        assertThat(other.database()).isNull();
    }

    @Test
    void limitCutsBothListsButNotTheShareBase() {
        TopStatements top = TopStatements.of(window(
                delta(1, true, 1, 300, 1), delta(2, true, 3, 200, 1), delta(3, true, 2, 500, 1)), labels(), 1);

        assertThat(top.byTotalTime()).extracting(StatementStat::queryId).containsExactly(3L);
        assertThat(top.byCalls()).extracting(StatementStat::queryId).containsExactly(2L);
        assertThat(top.byTotalTime().get(0).sharePercent()).hasValue(50.0);
        assertThatThrownBy(() -> TopStatements.of(window(), labels(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMonitorsOwnStatementsAreNeverListedOrCounted() {
        StatementLabels labels = new StatementLabels(
                Map.of(9L, new QueryText(9, "/* pgpulse */ SELECT pid FROM pg_stat_activity", 45)), Map.of(), Map.of());

        TopStatements top = TopStatements.of(window(delta(1, true, 1, 100, 1), delta(9, true, 60, 300, 60)), labels, 10);

        assertThat(top.byTotalTime()).extracting(StatementStat::queryId).containsExactly(1L);
        assertThat(top.totalExecTimeMs()).isEqualTo(100.0);
    }

    @Test
    void aSingleIntervalWorksLikeAWindowAndABaselineHasNothingToRank() {
        DeltaResult interval = new DeltaResult(END.minusSeconds(60), END, DeltaResult.Kind.DELTA,
                List.of(delta(1, true, 60, 600, 60)), List.of(), 0, 0, 0, 0);
        DeltaResult baseline = new DeltaResult(END, END, DeltaResult.Kind.BASELINE, List.of(), List.of(), 0, 0, 0, 0);

        assertThat(TopStatements.of(interval, labels(), 5).byCalls()).singleElement()
                .satisfies(s -> assertThat(s.callsPerSecond()).isEqualTo(1.0));
        TopStatements none = TopStatements.of(baseline, labels(), 5);
        assertThat(none.byTotalTime()).isEmpty();
        assertThat(none.windowSeconds()).isZero();
    }

    @Test
    void shareIsAbsentRatherThanZeroWhenTheWindowSawNoExecutionTime() {
        TopStatements top = TopStatements.of(window(delta(1, true, 5, 0, 5)), labels(), 5);

        assertThat(top.byTotalTime().get(0).sharePercent()).isEmpty();
    }
}
