package io.pgpulse.core.report;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import io.pgpulse.core.analysis.AnalysisInput;
import io.pgpulse.core.analysis.BlockingNode;
import io.pgpulse.core.analysis.BlockingTree;
import io.pgpulse.core.analysis.BlockingTrees;
import io.pgpulse.core.analysis.ConnectionBudget;
import io.pgpulse.core.analysis.ConnectionGroup;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.FindingSource;
import io.pgpulse.core.analysis.LimitUsage;
import io.pgpulse.core.analysis.StatementStat;
import io.pgpulse.core.analysis.TopStatements;
import io.pgpulse.core.capability.Advice;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.HypotheticalIndexes;
import io.pgpulse.core.capability.ProbeResult;
import io.pgpulse.core.capability.QueryIds;
import io.pgpulse.core.capability.QueryTextSize;
import io.pgpulse.core.capability.StatementsAvailability;
import io.pgpulse.core.capability.StatsVisibility;
import io.pgpulse.core.capability.UnsupportedServer;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.StatementWindow;

/**
 * Builds a {@link Report} from one run: what the probe found, the snapshots taken, and the
 * statement totals over the run. Connections and locks describe the last snapshot (the state the
 * run ended in); statements cover the whole run.
 *
 * <pre>{@code
 * Report report = ReportBuilder.of(probe, snapshots, window)
 *         .analyzer(nPlusOne)          // more findings, e.g. kind "n_plus_one"
 *         .indexHealth(IndexHealthSection.read(connection::borrow, role, database, timeout))
 *         .generatedAt(clock.instant())
 *         .build();
 * }</pre>
 */
public final class ReportBuilder {

    private final ProbeResult probe;
    private final List<Snapshot> snapshots;
    private final StatementWindow window;
    private final List<FindingSource> sources = new ArrayList<>(FindingSource.standard());
    private final List<Finding> extraFindings = new ArrayList<>();
    private int topStatements = TopStatements.DEFAULT_LIMIT;
    private Instant generatedAt;
    private Report.IndexHealth indexHealth = IndexHealthSection.notChecked();

    private ReportBuilder(ProbeResult probe, List<Snapshot> snapshots, StatementWindow window) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.snapshots = List.copyOf(snapshots);
        this.window = window;
        if (this.snapshots.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one snapshot");
        }
    }

    /**
     * @param snapshots oldest first
     * @param window    statement totals covering the run; null when pg_stat_statements is unavailable
     */
    public static ReportBuilder of(ProbeResult probe, List<Snapshot> snapshots, StatementWindow window) {
        return new ReportBuilder(probe, snapshots, window);
    }

    /** Adds an analyzer run after the standard ones (connections, locks). */
    public ReportBuilder analyzer(FindingSource source) {
        sources.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    /** Adds findings computed elsewhere. */
    public ReportBuilder findings(List<Finding> findings) {
        extraFindings.addAll(findings);
        return this;
    }

    public ReportBuilder topStatements(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.topStatements = limit;
        return this;
    }

    /**
     * The index health section, e.g. from {@link IndexHealthSection#read}. Without it the section
     * says it was not checked. Its items never become findings.
     */
    public ReportBuilder indexHealth(Report.IndexHealth section) {
        this.indexHealth = Objects.requireNonNull(section, "section");
        return this;
    }

    /** Defaults to the server's clock at the last snapshot, which keeps reports reproducible. */
    public ReportBuilder generatedAt(Instant at) {
        this.generatedAt = Objects.requireNonNull(at, "at");
        return this;
    }

    public Report build() {
        AnalysisInput input = AnalysisInput.of(snapshots, window);
        Snapshot first = snapshots.get(0);
        Snapshot last = input.latest();
        List<Finding> findings = new ArrayList<>(FindingSource.runAll(sources, input));
        findings.addAll(extraFindings);
        findings.sort((a, b) -> b.severity().compareTo(a.severity()));

        Instant at = generatedAt != null ? generatedAt : last.takenAt();
        return new Report(
                DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)),
                seconds(Duration.between(first.takenAt(), last.takenAt())),
                snapshots.size(),
                new Report.Server(probe.versionNum(), probe.version()),
                capabilities(),
                connections(input.budget()),
                statements(input, last),
                locks(input.blockingTrees()),
                indexHealth,
                findings.stream().map(ReportBuilder::finding).toList());
    }

    private Report.CapabilitiesSection capabilities() {
        List<Advice> advice = probe instanceof Capabilities c ? c.findings()
                : List.of((UnsupportedServer) probe);
        return new Report.CapabilitiesSection(advice.stream()
                .map(a -> new Report.CapabilityCheck(topic(a), a.ok(), a.explanation(), a.fix().orElse(null)))
                .toList());
    }

    private static String topic(Advice advice) {
        if (advice instanceof StatementsAvailability) {
            return "pg_stat_statements";
        }
        if (advice instanceof StatsVisibility) {
            return "stats_visibility";
        }
        if (advice instanceof QueryIds) {
            return "query_ids";
        }
        if (advice instanceof QueryTextSize) {
            return "query_text_size";
        }
        if (advice instanceof HypotheticalIndexes) {
            return "hypopg";
        }
        if (advice instanceof UnsupportedServer) {
            return "server_version";
        }
        return "other";
    }

    private Report.Connections connections(ConnectionBudget b) {
        int peak = snapshots.stream().mapToInt(s -> s.server().clientBackends()).max().orElse(b.used());
        List<Report.ApplicationConnections> apps = new ArrayList<>();
        for (ConnectionGroup g : b.byApplication()) {
            apps.add(new Report.ApplicationConnections(g.name(), g.total(), g.byState().byLabel(),
                    secondsOrNull(g.oldestTransaction())));
        }
        List<Report.Limit> limits = new ArrayList<>();
        for (LimitUsage l : b.limits()) {
            limits.add(new Report.Limit(l.kindLabel(), l.name(), l.limit(), l.inUse(), l.free(), l.nearCap()));
        }
        return new Report.Connections(b.used(), b.maxConnections(), b.reservedTotal(),
                b.superuserReservedConnections(), b.reservedConnections(), b.usable(), b.available(),
                round(b.usedPercentOfUsable(), 1), peak, b.unlisted(), b.headroom(), b.byState().byLabel(),
                apps, limits);
    }

    private Report.Statements statements(AnalysisInput input, Snapshot last) {
        if (probe instanceof Capabilities c && !c.statementsReady()) {
            return new Report.StatementsUnavailable(false, c.statements().explanation(),
                    c.statements().fix().orElse(null));
        }
        if (probe instanceof UnsupportedServer u) {
            return new Report.StatementsUnavailable(false, u.explanation(), u.fix().orElse(null));
        }
        SectionState state = last.state(Section.STATEMENTS);
        if (state instanceof SectionState.Unavailable u) {
            return new Report.StatementsUnavailable(false, u.reason(), null);
        }
        if (window == null) {
            String reason = state instanceof SectionState.Stale s ? s.reason()
                    : "No statement statistics were collected during the run.";
            return new Report.StatementsUnavailable(false, reason, null);
        }
        TopStatements top = TopStatements.of(window, input.labels(), topStatements);
        return new Report.StatementsAvailable(true, round(top.windowSeconds(), 3), round(top.totalExecTimeMs(), 3),
                top.statements(), entries(top.byTotalTime()), entries(top.byCalls()));
    }

    private static List<Report.StatementEntry> entries(List<StatementStat> stats) {
        return stats.stream().map(s -> new Report.StatementEntry(
                Long.toString(s.queryId()), s.text(), s.calls(), round(s.totalExecTimeMs(), 3),
                orNull(s.meanExecTimeMs(), 3), s.rows(), round(s.callsPerSecond(), 3), orNull(s.sharePercent(), 2),
                s.textTruncated(), s.key().topLevel(), s.database(), s.role())).toList();
    }

    private static Report.Locks locks(List<BlockingTree> trees) {
        return new Report.Locks(BlockingTrees.waitingSessions(trees),
                trees.stream().map(t -> node(t.root())).toList());
    }

    /** Recursion depth is the depth of a wait chain, which PostgreSQL's lock queues keep short. */
    private static Report.LockNode node(BlockingNode n) {
        return new Report.LockNode(n.pid(), n.state(), n.waitEventType(), n.waitEvent(), n.lockType(), n.lockMode(),
                n.lockMode() == null ? null : n.lockGranted(), n.relation(), n.query(), n.application(), n.user(),
                n.database(), n.backendType(), secondsOrNull(n.waiting()), secondsOrNull(n.stateAge()),
                secondsOrNull(n.transactionAge()), n.blockedBy(), n.inCycle(), n.totalWaiters(),
                n.children().stream().map(ReportBuilder::node).toList());
    }

    private static Report.FindingEntry finding(Finding f) {
        return new Report.FindingEntry(f.kind(), f.severity().label(), f.summary(), f.evidence(),
                new Report.AdviceEntry(f.advice().now(), f.advice().nextTime()));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Double secondsOrNull(Duration d) {
        return d == null ? null : seconds(d);
    }

    private static Double orNull(OptionalDouble v, int decimals) {
        return v.isPresent() ? round(v.getAsDouble(), decimals) : null;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
