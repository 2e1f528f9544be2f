package io.pgpulse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementKey;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The detector reaches the verdicts of the plain quadratic algorithm it replaced
 * ({@link ReferenceNPlusOneDetector}) on workloads that hold every case it must tell apart.
 */
class NPlusOneDetectorEquivalenceTest {

    @ParameterizedTest(name = "seed {0}: {1} statements, {2} polls")
    @CsvSource({"1, 300, 12", "2, 300, 30", "3, 600, 8", "4, 200, 2", "5, 400, 20", "6, 150, 40"})
    void findsWhatTheReferenceFinds(long seed, int statements, int polls) {
        SyntheticLoops data = SyntheticLoops.generate(seed, statements, polls, 60);

        List<RepeatedQuery> expected = new ReferenceNPlusOneDetector().detect(data.intervals(), data.labels(), data.samples());
        List<RepeatedQuery> found = new NPlusOneDetector().detect(data.intervals(), data.labels(), data.samples());

        assertSameVerdicts(found, expected);
        if (polls >= 8) {
            assertThat(expected).as("the workload holds loops, hot lookups, loops tied to an application, and loops"
                    + " whose polls do not all agree")
                    .anyMatch(RepeatedQuery::isNPlusOne)
                    .anyMatch(r -> !r.isNPlusOne())
                    .anyMatch(r -> r.isNPlusOne() && r.application().isPresent())
                    .anyMatch(r -> r.isNPlusOne() && r.correlation() < 1);
        }
    }

    @ParameterizedTest(name = "tolerance {0}, correlation {1}")
    @CsvSource({"0.0, 0.6", "0.05, 0.9", "0.5, 0.3", "1.0, 0.6", "3.0, 0.0"})
    void findsWhatTheReferenceFindsWithOtherThresholds(double tolerance, double correlation) {
        SyntheticLoops data = SyntheticLoops.generate(7, 300, 16, 30);
        NPlusOneDetector.Thresholds t = new NPlusOneDetector.Thresholds(50, 2, 5, 1.5, tolerance, correlation);

        assertSameVerdicts(new NPlusOneDetector(t).detect(data.intervals(), data.labels(), data.samples()),
                new ReferenceNPlusOneDetector(t).detect(data.intervals(), data.labels(), data.samples()));
    }

    @ParameterizedTest(name = "{0} intervals")
    @CsvSource({"0", "1"})
    void withoutWorkNothingIsFound(int keep) {
        SyntheticLoops data = SyntheticLoops.generate(8, 100, 6, 10);
        List<DeltaResult> intervals = new ArrayList<>(data.intervals().subList(0, keep));

        assertSameVerdicts(new NPlusOneDetector().detect(intervals, data.labels(), List.of()),
                new ReferenceNPlusOneDetector().detect(intervals, data.labels(), List.of()));
    }

    /**
     * The same findings in the detector's order (loops first, most calls first). Where two parents
     * are equally close to one call per row, the reference keeps whichever its hash map visits
     * first, so there the parent may differ but not how close it is.
     */
    private static void assertSameVerdicts(List<RepeatedQuery> found, List<RepeatedQuery> expected) {
        assertThat(found).extracting(RepeatedQuery::lookup)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(RepeatedQuery::lookup).toList());
        Map<StatementKey, RepeatedQuery> byLookup = new HashMap<>();
        expected.forEach(r -> byLookup.put(r.lookup(), r));
        int identical = 0;
        for (RepeatedQuery r : found) {
            RepeatedQuery e = byLookup.get(r.lookup());
            if (r.parent().equals(e.parent())) {
                assertThat(r).isEqualTo(e);
                identical++;
            } else {
                assertThat(r.isNPlusOne()).as("%s has a parent in both", r.lookup()).isTrue();
                assertThat(e.isNPlusOne()).isTrue();
                assertThat(Math.abs(r.ratio() - 1)).as("a tie between parents of %s", r.lookup())
                        .isEqualTo(Math.abs(e.ratio() - 1));
            }
        }
        assertThat(identical).as("ties are the exception").isGreaterThanOrEqualTo(found.size() / 2);
        for (int i = 1; i < found.size(); i++) {
            RepeatedQuery a = found.get(i - 1);
            RepeatedQuery b = found.get(i);
            assertThat(a.isNPlusOne() && !b.isNPlusOne() || a.isNPlusOne() == b.isNPlusOne() && a.calls() >= b.calls())
                    .as("loops first, then most calls first: %s before %s", a, b).isTrue();
        }
    }
}
