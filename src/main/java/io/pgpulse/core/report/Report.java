package io.pgpulse.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.pgpulse.core.analysis.Severity;

/**
 * The report as it is written: every record here is one JSON object of the contract in
 * docs/report-json.md, its components in output order, named in camelCase and written in
 * snake_case. Values are already rounded and converted for output (seconds, milliseconds,
 * percent), so the JSON and the Markdown show the same numbers.
 *
 * <p>Nullable components are written as JSON {@code null}, never left out: a consumer can tell
 * "not known" from "renamed".
 *
 * @param generatedAt    ISO-8601 UTC instant
 * @param sampledSeconds time between the first and the last snapshot
 * @param samples        number of snapshots taken
 */
public record Report(
        String generatedAt,
        double sampledSeconds,
        int samples,
        Server server,
        CapabilitiesSection capabilities,
        Connections connections,
        Statements statements,
        Locks locks,
        IndexHealth indexHealth,
        List<FindingEntry> findings) {

    public Report {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(statements, "statements");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(indexHealth, "indexHealth");
        findings = List.copyOf(findings);
    }

    /**
     * Whether any finding is at least {@code threshold}: what {@code --fail-on} turns into exit
     * status 5.
     */
    public boolean hasFindingAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> Severity.parse(f.severity()).isAtLeast(threshold));
    }

    public record Server(int versionNum, String version) {
    }

    public record CapabilitiesSection(List<CapabilityCheck> findings) {
        public CapabilitiesSection {
            findings = List.copyOf(findings);
        }
    }

    /**
     * @param topic what was checked: pg_stat_statements, stats_visibility, query_ids,
     *              query_text_size, hypopg or server_version
     * @param fix   the SQL or configuration line that fixes it; null when ok
     */
    public record CapabilityCheck(String topic, boolean ok, String explanation, String fix) {
    }

    /**
     * @param reserved    both reserves together: {@code max_connections - usable}
     * @param usedPercent of usable; can exceed 100 when superusers use the reserved slots
     * @param peakUsed    the highest {@code used} over the run's snapshots
     * @param unlisted    slots in use by sessions the breakdowns do not cover (the monitor's own)
     * @param byState     every state present, 0 when nobody is in it
     */
    public record Connections(
            int used,
            int maxConnections,
            int reserved,
            int superuserReservedConnections,
            int reservedConnections,
            int usable,
            int available,
            double usedPercent,
            int peakUsed,
            int unlisted,
            String headroom,
            Map<String, Integer> byState,
            List<ApplicationConnections> byApplication,
            List<Limit> limits) {

        public Connections {
            byState = ordered(byState);
            byApplication = List.copyOf(byApplication);
            limits = List.copyOf(limits);
        }
    }

    /** @param oldestXactSeconds null when none of its sessions has a transaction open */
    public record ApplicationConnections(
            String application,
            int total,
            Map<String, Integer> byState,
            Double oldestXactSeconds) {

        public ApplicationConnections {
            byState = ordered(byState);
        }
    }

    /** @param kind "role" or "database" */
    public record Limit(String kind, String name, int limit, int inUse, int free, boolean nearCap) {
    }

    /**
     * Either the top statements or why there are none; {@code available} tells them apart in
     * JSON.
     */
    public sealed interface Statements permits StatementsAvailable, StatementsUnavailable {
        boolean available();
    }

    /**
     * @param windowSeconds   time the figures cover
     * @param totalExecTimeMs all top-level execution time in the window (the base of share_percent)
     */
    public record StatementsAvailable(
            boolean available,
            double windowSeconds,
            double totalExecTimeMs,
            int statementsSeen,
            List<StatementEntry> topByTotalTime,
            List<StatementEntry> topByCalls) implements Statements {

        public StatementsAvailable {
            if (!available) {
                throw new IllegalArgumentException("StatementsAvailable must say available: true");
            }
            topByTotalTime = List.copyOf(topByTotalTime);
            topByCalls = List.copyOf(topByCalls);
        }
    }

    /** @param fix null when nothing the user can do would help (e.g. a failed poll) */
    public record StatementsUnavailable(boolean available, String reason, String fix) implements Statements {
        public StatementsUnavailable {
            if (available) {
                throw new IllegalArgumentException("StatementsUnavailable must say available: false");
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param queryid         pg_stat_statements.queryid as a decimal string: it is a signed 64-bit
     *                        value and most exceed 2^53, which JSON parsers that read numbers as
     *                        doubles (JavaScript, jq 1.6) would silently round
     * @param query           normalised text; null while not yet fetched
     * @param meanExecTimeMs  null when the statement made no calls
     * @param sharePercent    null when the window saw no execution time
     */
    public record StatementEntry(
            String queryid,
            String query,
            long calls,
            double totalExecTimeMs,
            Double meanExecTimeMs,
            long rows,
            double callsPerSecond,
            Double sharePercent,
            boolean queryTruncated,
            boolean toplevel,
            String database,
            String role) {
    }

    /** @param waitingSessions distinct sessions waiting for a lock */
    public record Locks(int waitingSessions, List<LockNode> blockingTrees) {
        public Locks {
            blockingTrees = List.copyOf(blockingTrees);
        }
    }

    /**
     * One session of a blocking tree; roots are the top-level list.
     *
     * @param lockGranted     true: {@code lockMode} is held (roots); false: wanted; null when no lock
     *                        row names the session
     * @param waitingSeconds  null when the session is not waiting for a lock
     * @param totalWaiters    sessions beneath this one, at any depth
     * @param waiters         sessions shown beneath this one, most impact first
     */
    public record LockNode(
            int pid,
            String state,
            String waitEventType,
            String waitEvent,
            String lockType,
            String lockMode,
            Boolean lockGranted,
            String relation,
            String query,
            String application,
            String user,
            String database,
            String backendType,
            Double waitingSeconds,
            Double stateSeconds,
            Double xactSeconds,
            List<Integer> blockedBy,
            boolean inCycle,
            int totalWaiters,
            List<LockNode> waiters) {

        public LockNode {
            blockedBy = List.copyOf(blockedBy);
            waiters = List.copyOf(waiters);
        }
    }

    /**
     * Index health of the database the report connected to, or why it could not be read;
     * {@code available} tells them apart in JSON. Its items are advice for a maintenance window,
     * not incidents: they never become {@link FindingEntry findings} and never change the
     * {@code --fail-on} exit status.
     */
    public sealed interface IndexHealth permits IndexHealthAvailable, IndexHealthUnavailable {
        boolean available();
    }

    /**
     * @param database           the database checked: index health covers one database
     * @param statsReset         ISO-8601 instant of this database's last statistics reset; null when never
     * @param statsAgeSeconds    whole seconds since then on the server's clock; null when never reset
     * @param standby            read from a standby: idx_scan counts only this server's scans
     * @param items              written by {@link io.pgpulse.core.explain.report.IndexHealthOutput#item},
     *                           the same objects as {@code pgpulse indexes --format json}
     */
    public record IndexHealthAvailable(
            boolean available,
            String database,
            String statsReset,
            Long statsAgeSeconds,
            boolean standby,
            int indexesChecked,
            int foreignKeysChecked,
            List<io.pgpulse.core.indexes.IndexHealthItem> items) implements IndexHealth {

        public IndexHealthAvailable {
            if (!available) {
                throw new IllegalArgumentException("IndexHealthAvailable must say available: true");
            }
            Objects.requireNonNull(database, "database");
            items = List.copyOf(items);
        }
    }

    /** @param fix what to run or change; null when nothing the user can do would help */
    public record IndexHealthUnavailable(boolean available, String reason, String fix) implements IndexHealth {
        public IndexHealthUnavailable {
            if (available) {
                throw new IllegalArgumentException("IndexHealthUnavailable must say available: false");
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** @param severity "info", "warning" or "critical" */
    public record FindingEntry(String kind, String severity, String summary, Map<String, Object> evidence,
            AdviceEntry advice) {
        public FindingEntry {
            evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        }
    }

    /** @param nextTime null when there is nothing to change for next time */
    public record AdviceEntry(String now, String nextTime) {
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
