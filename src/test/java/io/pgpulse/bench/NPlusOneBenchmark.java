package io.pgpulse.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.pgpulse.core.analysis.NPlusOneDetector;
import io.pgpulse.core.analysis.ReferenceNPlusOneDetector;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.analysis.SyntheticLoops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time of one N+1 detection over a full detection window: 5,000 statements, 30 polls, an activity
 * sample of 300 sessions per poll. The detector side by side, in the same run, with the quadratic
 * algorithm it replaced (kept as a test reference), which compares every lookup with every
 * statement and searches every poll's deltas again for each possible pair. Prints medians; asserts
 * nothing about time. Run: {@code mvn -B verify -Pbench -Dtest=NPlusOneBenchmark}.
 */
@Tag("benchmark")
class NPlusOneBenchmark {
    private static final int STATEMENTS = 5_000;
    private static final int POLLS = 30;
    private static final int SESSIONS = 300;

    @Test
    void detectionOverFiveThousandStatements() {
        SyntheticLoops data = SyntheticLoops.generate(42, STATEMENTS, POLLS, SESSIONS);
        NPlusOneDetector detector = new NPlusOneDetector();
        ReferenceNPlusOneDetector reference = new ReferenceNPlusOneDetector();
        Supplier<List<RepeatedQuery>> fast = () -> detector.detect(data.intervals(), data.labels(), data.samples());
        Supplier<List<RepeatedQuery>> slow = () -> reference.detect(data.intervals(), data.labels(), data.samples());

        System.out.printf(Locale.ROOT, "%nN+1 detection, %,d statements (%,d deltas) over %d polls, %d sessions per"
                + " activity sample; load average %.1f on %d cores%n", STATEMENTS, data.deltas(), POLLS, SESSIONS,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        List<RepeatedQuery> found = fast.get();
        List<RepeatedQuery> expected = slow.get();
        long loops = found.stream().filter(RepeatedQuery::isNPlusOne).count();
        System.out.printf(Locale.ROOT, "findings: %d (%d N+1 loops, %d hot lookups); reference: %d (%d loops);"
                + " same lookups and loops: %s%n", found.size(), loops, found.size() - loops, expected.size(),
                expected.stream().filter(RepeatedQuery::isNPlusOne).count(), sameVerdicts(found, expected));

        double detectorMs = median(fast, 5, 25);
        // The reference takes seconds a run: the run above is its warm-up.
        double referenceMs = median(slow, 0, 3);
        System.out.printf(Locale.ROOT, "detector   median %9.2f ms (25 runs after 5 warm-up)%n", detectorMs);
        System.out.printf(Locale.ROOT, "reference  median %9.2f ms (3 runs after 1 warm-up)%n", referenceMs);
        System.out.printf(Locale.ROOT, "reference / detector: %.0f×%n%n", referenceMs / detectorMs);
    }

    /** The same lookups, each a loop in both or a hot lookup in both. */
    private static boolean sameVerdicts(List<RepeatedQuery> a, List<RepeatedQuery> b) {
        return a.stream().map(r -> r.lookup() + "/" + r.isNPlusOne()).sorted().toList()
                .equals(b.stream().map(r -> r.lookup() + "/" + r.isNPlusOne()).sorted().toList());
    }

    private static double median(Supplier<List<RepeatedQuery>> run, int warmup, int measured) {
        int sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += run.get().size();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            long t0 = System.nanoTime();
            sink += run.get().size();
            times.add((System.nanoTime() - t0) / 1e6);
        }
        if (sink < 0) {
            System.out.println(sink);
        }
        Collections.sort(times);
        return times.size() % 2 == 1 ? times.get(times.size() / 2)
                : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
    }
}
