package io.pgpulse.core.statements;

import static io.pgpulse.core.statements.Counters.RESET;
import static io.pgpulse.core.statements.Counters.STARTED;
import static io.pgpulse.core.statements.Counters.at;
import static io.pgpulse.core.statements.Counters.key;
import static io.pgpulse.core.statements.Counters.of;
import static io.pgpulse.core.statements.Counters.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.pgpulse.core.statements.DeltaEvent.SampleTimeNotIncreasing;
import io.pgpulse.core.statements.DeltaEvent.ServerRestart;
import io.pgpulse.core.statements.DeltaEvent.StatsReset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeltaEngineTest {

    private final DeltaEngine engine = new DeltaEngine();

    @Test
    void firstSampleIsABaselineWithoutDeltas() {
        DeltaResult result = engine.accept(sample(0, of(1).calls(100).execMs(1000)));

        assertThat(result.kind()).isEqualTo(DeltaResult.Kind.BASELINE);
        assertThat(result.deltas()).isEmpty();
        assertThat(result.events()).isEmpty();
        assertThat(result.from()).isEqualTo(at(0));
        assertThat(result.to()).isEqualTo(at(0));
        assertThat(result.intervalSeconds()).isZero();
    }

    @Test
    void steadyIntervalYieldsExactComponentDifferences() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000).planMs(50).rows(500)
                .blocks(900, 100).temp(2, 4).wal(4096)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(160).execMs(1300).planMs(56).rows(740)
                .blocks(1400, 120).temp(10, 20).wal(8192)));

        assertThat(result.kind()).isEqualTo(DeltaResult.Kind.DELTA);
        assertThat(result.from()).isEqualTo(at(0));
        assertThat(result.to()).isEqualTo(at(10));
        assertThat(result.intervalSeconds()).isEqualTo(10.0);
        assertThat(result.deltas()).containsExactly(new StatementDelta(key(1), 10.0, 60, 300.0, 6.0, 240,
                500, 20, 8, 16, OptionalLong.of(4096)));
        StatementDelta delta = result.deltas().get(0);
        assertThat(delta.callsPerSecond()).isEqualTo(6.0);
        assertThat(delta.meanExecTimeMs()).hasValue(5.0);
        assertThat(delta.rowsPerCall()).hasValue(4.0);
        assertThat(delta.sharedHitRatio().getAsDouble()).isCloseTo(500.0 / 520.0, within(1e-12));
        assertThat(result.newEntries()).isZero();
        assertThat(result.reentries()).isZero();
        assertThat(result.evictions()).isZero();
        assertThat(result.events()).isEmpty();
    }

    @Test
    void unchangedEntriesAreOmitted() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000), of(2).calls(7).execMs(70)));

        DeltaResult result = engine.accept(sample(5, of(1).calls(100).execMs(1000), of(2).calls(9).execMs(90)));

        assertThat(result.deltas()).extracting(StatementDelta::key).containsExactly(key(2));
    }

    @Test
    void entryWhoseOnlyChangeIsPlanningTimeIsOmittedBecauseItsCallsDidNotGoUp() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000).planMs(10)));

        DeltaResult result = engine.accept(sample(5, of(1).calls(100).execMs(1000).planMs(12)));

        assertThat(result.deltas()).isEmpty();
        assertThat(result.reentries()).isZero();
    }

    @Test
    void newEntryWithoutStatsSinceCountsItsFullCountersAsTheIntervalsWork() {
        engine.accept(sample(0, of(1).calls(100)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(100), of(2).calls(30).execMs(90).rows(30)));

        assertThat(result.deltas()).containsExactly(new StatementDelta(key(2), 10.0, 30, 90.0, 0.0, 30,
                0, 0, 0, 0, OptionalLong.empty()));
        assertThat(result.newEntries()).isEqualTo(1);
        assertThat(result.unknownStartEntries()).isZero();
    }

    @Test
    void newEntryCreatedAfterThePreviousPollCountsItsFullCountersOnPg17() {
        engine.accept(sample(0, of(1).calls(100).since(at(-3600))));

        DeltaResult result = engine.accept(sample(10, of(1).calls(100).since(at(-3600)),
                of(2).calls(30).execMs(90).since(at(4))));

        assertThat(result.deltas()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo(key(2));
            assertThat(d.calls()).isEqualTo(30);
            assertThat(d.execTimeMs()).isEqualTo(90.0);
        });
        assertThat(result.newEntries()).isEqualTo(1);
    }

    @Test
    void newEntryThatProvablyExistedBeforeThePreviousPollIsOnlyTrackedFromThenOn() {
        engine.accept(sample(0, of(1).calls(100).since(at(-3600))));

        DeltaResult first = engine.accept(sample(10, of(1).calls(100).since(at(-3600)),
                of(2).calls(5000).execMs(9000).since(at(-60))));
        DeltaResult second = engine.accept(sample(20, of(1).calls(100).since(at(-3600)),
                of(2).calls(5010).execMs(9020).since(at(-60))));

        assertThat(first.deltas()).isEmpty();
        assertThat(first.unknownStartEntries()).isEqualTo(1);
        assertThat(first.newEntries()).isZero();
        assertThat(second.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(10);
            assertThat(d.execTimeMs()).isEqualTo(20.0);
        });
    }

    @Test
    void entryCreatedAtParseTimeWithoutCallsIsNotReported() {
        engine.accept(sample(0, of(1).calls(100)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(100), of(2).calls(0)));

        assertThat(result.deltas()).isEmpty();
        assertThat(result.newEntries()).isZero();
    }

    @Test
    void resetBetweenPollsNeverProducesNegativeDeltas() {
        engine.accept(sample(0, of(1).calls(1000).execMs(5000).rows(1000).blocks(800, 200),
                of(2).calls(100).execMs(100).rows(100), of(3).calls(50)));
        Instant resetAt = at(4);

        DeltaResult result = engine.accept(sample(10, Optional.of(resetAt), STARTED,
                of(1).calls(20).execMs(100).rows(20).blocks(15, 5),
                of(2).calls(150).execMs(120).rows(150)));

        assertThat(result.events()).containsExactly(new StatsReset(resetAt));
        assertThat(result.deltas()).allSatisfy(DeltaEngineTest::assertNotNegative);
        assertThat(result.deltas()).extracting(StatementDelta::key, StatementDelta::calls)
                .containsExactlyInAnyOrder(tuple(key(1), 20L),
                        tuple(key(2), 150L));
        assertThat(result.evictions()).as("entries wiped by the reset are not evictions").isZero();
        assertThat(result.reentries()).isZero();
    }

    @Test
    void resetIsNotDoubledOnTheFollowingPoll() {
        engine.accept(sample(0, of(1).calls(1000).execMs(5000)));
        DeltaResult acrossReset = engine.accept(sample(10, Optional.of(at(4)), STARTED,
                of(1).calls(20).execMs(100)));
        DeltaResult afterReset = engine.accept(sample(20, Optional.of(at(4)), STARTED,
                of(1).calls(50).execMs(250)));

        assertThat(acrossReset.deltas()).singleElement().extracting(StatementDelta::calls).isEqualTo(20L);
        assertThat(afterReset.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(30);
            assertThat(d.execTimeMs()).isEqualTo(150.0);
        });
        assertThat(afterReset.events()).isEmpty();
    }

    @Test
    void resetOlderThanThePreviousPollIsNotCountedTwice() {
        // The previous poll read post-reset counters but the old stats_reset; counting the full
        // counters now would count those post-reset calls a second time.
        engine.accept(sample(10, Optional.of(RESET), STARTED, of(1).calls(40).execMs(400)));

        DeltaResult result = engine.accept(sample(20, Optional.of(at(8)), STARTED,
                of(1).calls(70).execMs(700)));

        assertThat(result.events()).containsExactly(new StatsReset(at(8)));
        assertThat(result.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(30);
            assertThat(d.execTimeMs()).isEqualTo(300.0);
        });
    }

    @Test
    void statsResetBecomingReadableIsNotMistakenForAReset() {
        engine.accept(sample(0, Optional.empty(), STARTED, of(1).calls(100).execMs(100)));

        DeltaResult result = engine.accept(sample(10, Optional.of(at(5)), STARTED, of(1).calls(110).execMs(110)));

        assertThat(result.events()).isEmpty();
        assertThat(result.deltas()).singleElement().extracting(StatementDelta::calls).isEqualTo(10L);
    }

    @Test
    void restartThatKeptTheCountersContinuesTheDifference() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000)));
        Instant restartedAt = at(3);

        DeltaResult result = engine.accept(sample(10, Optional.of(RESET), restartedAt,
                of(1).calls(104).execMs(1040)));

        assertThat(result.events()).containsExactly(new ServerRestart(restartedAt));
        assertThat(result.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).as("counters saved at clean shutdown must not be counted again").isEqualTo(4);
            assertThat(d.execTimeMs()).isEqualTo(40.0);
        });
    }

    @Test
    void restartThatLostTheCountersCountsWhatRanSinceStartup() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000), of(2).calls(10)));
        Instant restartedAt = at(3);

        DeltaResult result = engine.accept(sample(10, Optional.of(restartedAt), restartedAt,
                of(1).calls(120).execMs(60), of(2).calls(4)));

        assertThat(result.events()).containsExactly(new ServerRestart(restartedAt), new StatsReset(restartedAt));
        assertThat(result.deltas()).extracting(StatementDelta::key, StatementDelta::calls)
                .containsExactlyInAnyOrder(tuple(key(1), 120L),
                        tuple(key(2), 4L));
        assertThat(result.deltas()).allSatisfy(DeltaEngineTest::assertNotNegative);
    }

    @Test
    void restartWithoutStatsResetFallsBackToPerEntryRules() {
        engine.accept(sample(0, Optional.empty(), STARTED, of(1).calls(100).execMs(1000), of(2).calls(10)));
        Instant restartedAt = at(3);

        DeltaResult result = engine.accept(sample(10, Optional.empty(), restartedAt,
                of(1).calls(30).execMs(60), of(2).calls(12)));

        assertThat(result.events()).containsExactly(new ServerRestart(restartedAt));
        assertThat(result.deltas()).extracting(StatementDelta::key, StatementDelta::calls)
                .containsExactlyInAnyOrder(tuple(key(1), 30L),
                        tuple(key(2), 2L));
        assertThat(result.reentries()).isEqualTo(1);
    }

    @Test
    void reenteredEntryWithLowerCountersCountsOnlyTheNewIncarnationBeforePg17() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000).rows(100)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(30).execMs(90).rows(30)));

        assertThat(result.deltas()).containsExactly(new StatementDelta(key(1), 10.0, 30, 90.0, 0.0, 30,
                0, 0, 0, 0, OptionalLong.empty()));
        assertThat(result.reentries()).isEqualTo(1);
    }

    @Test
    void changedStatsSinceMarksAReentryEvenWhenCountersClimbedPastTheOldOnes() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000).since(at(-600))));

        DeltaResult result = engine.accept(sample(10, of(1).calls(150).execMs(1200).since(at(2))));

        assertThat(result.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(150);
            assertThat(d.execTimeMs()).isEqualTo(1200.0);
        });
        assertThat(result.reentries()).isEqualTo(1);
    }

    @Test
    void reenteredEntryWithLowerCountersOnPg17CountsTheNewIncarnation() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000).since(at(-600))));

        DeltaResult result = engine.accept(sample(10, of(1).calls(8).execMs(16).since(at(6))));

        assertThat(result.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(8);
            assertThat(d.execTimeMs()).isEqualTo(16.0);
        });
        assertThat(result.reentries()).isEqualTo(1);
    }

    @Test
    void callsUpButRowsDownIsTreatedAsAReentryInsteadOfANegativeDelta() {
        engine.accept(sample(0, of(1).calls(100).execMs(1000).rows(1000).wal(500)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(120).execMs(1100).rows(40).wal(600)));

        assertThat(result.deltas()).containsExactly(new StatementDelta(key(1), 10.0, 120, 1100.0, 0.0, 40,
                0, 0, 0, 0, OptionalLong.of(600)));
        assertThat(result.reentries()).isEqualTo(1);
    }

    @Test
    void walBytesGoingDownIsTreatedAsAReentry() {
        engine.accept(sample(0, of(1).calls(100).wal(10_000)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(110).wal(300)));

        assertThat(result.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(110);
            assertThat(d.walBytes()).hasValue(300);
        });
    }

    @Test
    void entriesMissingFromTheCurrentSampleAreCountedAsEvictions() {
        engine.accept(sample(0, of(1).calls(10), of(2).calls(20), of(3).calls(30)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(11)));

        assertThat(result.evictions()).isEqualTo(2);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void walBytesAbsentStaysAbsent() {
        engine.accept(sample(0, of(1).calls(10), of(2).calls(10).wal(100)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(20), of(2).calls(20), of(3).calls(5)));

        assertThat(result.deltas()).hasSize(3)
                .allSatisfy(d -> assertThat(d.walBytes()).as("wal of %s", d.key()).isEmpty());
    }

    @Test
    void sampleNotLaterThanThePreviousOneStartsOver() {
        engine.accept(sample(10, of(1).calls(100)));

        DeltaResult stepBack = engine.accept(sample(5, of(1).calls(110)));
        DeltaResult next = engine.accept(sample(15, of(1).calls(130)));

        assertThat(stepBack.kind()).isEqualTo(DeltaResult.Kind.BASELINE);
        assertThat(stepBack.deltas()).isEmpty();
        assertThat(stepBack.events()).containsExactly(new SampleTimeNotIncreasing(at(10), at(5)));
        assertThat(next.from()).isEqualTo(at(5));
        assertThat(next.deltas()).singleElement().satisfies(d -> {
            assertThat(d.calls()).isEqualTo(20);
            assertThat(d.callsPerSecond()).isEqualTo(2.0);
        });
    }

    @Test
    void clearMakesTheNextSampleABaseline() {
        engine.accept(sample(0, of(1).calls(100)));
        engine.clear();

        assertThat(engine.accept(sample(10, of(1).calls(200))).kind()).isEqualTo(DeltaResult.Kind.BASELINE);
    }

    @Test
    void deltasAreOrderedByTotalExecutionTimeHeaviestFirst() {
        engine.accept(sample(0, of(1).calls(0), of(2).calls(0), of(3).calls(0)));

        DeltaResult result = engine.accept(sample(10, of(1).calls(5).execMs(50), of(2).calls(1).execMs(900),
                of(3).calls(100).execMs(200)));

        assertThat(result.deltas()).extracting(StatementDelta::key).containsExactly(key(2), key(3), key(1));
    }

    @Test
    void fractionalIntervalsKeepSubSecondPrecision() {
        StatementSample first = StatementSample.of(at(0), Optional.of(RESET), STARTED, List.of(of(1).calls(0).build()));
        StatementSample second = StatementSample.of(at(0).plusMillis(1500), Optional.of(RESET), STARTED,
                List.of(of(1).calls(3).build()));
        engine.accept(first);

        DeltaResult result = engine.accept(second);

        assertThat(result.intervalSeconds()).isEqualTo(1.5);
        assertThat(result.deltas().get(0).callsPerSecond()).isEqualTo(2.0);
    }

    private static void assertNotNegative(StatementDelta d) {
        assertThat(d.calls()).isNotNegative();
        assertThat(d.execTimeMs()).isNotNegative();
        assertThat(d.planTimeMs()).isNotNegative();
        assertThat(d.rows()).isNotNegative();
        assertThat(d.sharedBlksHit()).isNotNegative();
        assertThat(d.sharedBlksRead()).isNotNegative();
        assertThat(d.tempBlksRead()).isNotNegative();
        assertThat(d.tempBlksWritten()).isNotNegative();
        d.walBytes().ifPresent(w -> assertThat(w).isNotNegative());
    }
}
