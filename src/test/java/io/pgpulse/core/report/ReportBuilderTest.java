package io.pgpulse.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.FindingSource;
import io.pgpulse.core.analysis.Remedy;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.capability.UnsupportedServer;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.Snapshot;

class ReportBuilderTest {

    @Test
    void connectionsAndLocksDescribeTheLastSnapshotWhileStatementsCoverTheRun() {
        Report report = ReportFixture.incidentReport();

        assertThat(report.samples()).isEqualTo(2);
        assertThat(report.sampledSeconds()).isEqualTo(60.0);
        assertThat(report.generatedAt()).isEqualTo("2025-03-01T12:00:00Z");
        assertThat(report.connections().used()).isEqualTo(34);
        assertThat(report.connections().peakUsed()).as("the first snapshot had more").isEqualTo(40);
        assertThat(report.locks().waitingSessions()).isEqualTo(8);
        assertThat(report.statements()).isInstanceOfSatisfying(Report.StatementsAvailable.class,
                s -> assertThat(s.windowSeconds()).isEqualTo(60.0));
        assertThat(report.server()).isEqualTo(new Report.Server(160004, "16.4"));
    }

    @Test
    void findingsAreSortedMostSevereFirstWithLockFindingsLeadingTies() {
        assertThat(ReportFixture.incidentReport().findings()).extracting(Report.FindingEntry::kind, Report.FindingEntry::severity)
                .containsExactly(
                        tuple("migration_stall", "critical"),
                        tuple("idle_in_transaction", "critical"),
                        tuple("blocked_sessions", "warning"));
    }

    @Test
    void laterAnalyzersAddTheirFindingsThroughTheSameHook() {
        FindingSource nPlusOne = input -> List.of(new Finding("n_plus_one", Severity.CRITICAL,
                "SELECT * FROM order_items runs 500 times per second, once per order.",
                Map.of("calls_per_second", 500.0), new Remedy("Batch it.", "Use a join.")));

        Report report = ReportBuilder.of(ReportFixture.ready(), ReportFixture.incidentRun(), ReportFixture.window())
                .analyzer(nPlusOne)
                .findings(List.of(new Finding("note", Severity.INFO, "A note.", Map.of(), new Remedy("None.", null))))
                .build();

        assertThat(report.findings()).extracting(Report.FindingEntry::kind)
                .containsExactly("migration_stall", "idle_in_transaction", "n_plus_one", "blocked_sessions", "note");
        assertThat(report.findings().get(2).evidence()).containsEntry("calls_per_second", 500.0);
        assertThat(report.findings().get(4).advice().nextTime()).isNull();
    }

    @Test
    void failOnThresholdIsReachedByAnyFindingAtOrAboveIt() {
        Report report = ReportFixture.incidentReport();

        assertThat(report.hasFindingAtLeast(Severity.CRITICAL)).isTrue();
        assertThat(ReportBuilder.of(ReportFixture.ready(), List.of(ReportFixture.incidentRun().get(0)), null).build()
                .hasFindingAtLeast(Severity.INFO)).as("a calm server").isFalse();
    }

    @Test
    void topStatementsLimitAndGenerationTimeCanBeSet() {
        Report report = ReportBuilder.of(ReportFixture.ready(), ReportFixture.incidentRun(), ReportFixture.window())
                .topStatements(1).generatedAt(Instant.parse("2025-03-01T12:00:05.123456Z")).build();

        assertThat(report.generatedAt()).isEqualTo("2025-03-01T12:00:05.123Z");
        assertThat(report.statements()).isInstanceOfSatisfying(Report.StatementsAvailable.class, s -> {
            assertThat(s.topByTotalTime()).hasSize(1);
            assertThat(s.topByCalls()).hasSize(1);
            assertThat(s.statementsSeen()).isEqualTo(3);
        });
    }

    @Test
    void statementsThatStoppedBeingReadableSayWhy() {
        Snapshot last = ReportFixture.incidentRun().get(1);
        Snapshot unreadable = new Snapshot(last.sequence(), last.takenAt(), last.server(), last.activity(), last.locks(),
                last.databases(), last.limits(), null,
                Map.of(Section.STATEMENTS, new SectionState.Unavailable("permission denied for function pg_stat_statements")),
                null);

        Report report = ReportBuilder.of(ReportFixture.ready(), List.of(unreadable), ReportFixture.window()).build();

        assertThat(report.statements()).isEqualTo(new Report.StatementsUnavailable(false,
                "permission denied for function pg_stat_statements", null));
    }

    @Test
    void unsupportedServerIsReportedAsItsOnlyCapabilityFinding() {
        Report report = ReportBuilder.of(new UnsupportedServer(130012, "13.12"), ReportFixture.incidentRun(), null).build();

        assertThat(report.capabilities().findings()).singleElement().satisfies(c -> {
            assertThat(c.topic()).isEqualTo("server_version");
            assertThat(c.ok()).isFalse();
            assertThat(c.fix()).contains("Upgrade");
        });
        assertThat(report.statements().available()).isFalse();
    }

    @Test
    void aReportNeedsAtLeastOneSnapshot() {
        assertThatThrownBy(() -> ReportBuilder.of(ReportFixture.ready(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
