package io.pgpulse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.ServerInfo;
import io.pgpulse.core.sampling.Snapshot;

/**
 * How many connection slots are left and who holds the others: the first question when an
 * application reports "too many clients".
 *
 * <p>{@code used} is the server's own count of client backends, the monitor's sessions included,
 * because they occupy slots too. The breakdowns can only cover the sessions listed in
 * pg_stat_activity, which excludes the monitor (and, at very high session counts, rows beyond the
 * sampler's limit); {@link #unlisted()} says how many slots the breakdowns do not explain.
 *
 * @param used                       client backends now, the monitor's own included
 * @param superuserReservedConnections slots only superusers may use
 * @param reservedConnections        slots for roles with pg_use_reserved_connections (16+; 0 before)
 * @param usable                     {@code max_connections} minus both reserves: what applications can get
 * @param available                  {@code usable - used}, never below 0 (superusers can eat into the
 *                                   reserves, so used can exceed usable)
 * @param usedPercentOfUsable        may exceed 100 for the same reason; 100 when nothing is usable
 * @param byState                    client sessions listed in pg_stat_activity, per state
 */
public record ConnectionBudget(
        Instant at,
        int used,
        int maxConnections,
        int superuserReservedConnections,
        int reservedConnections,
        int usable,
        int available,
        double usedPercentOfUsable,
        int unlisted,
        StateCounts byState,
        List<ConnectionGroup> byApplication,
        List<ConnectionGroup> byUser,
        List<ConnectionGroup> byDatabase,
        List<ConnectionGroup> byClientAddress,
        List<LimitUsage> limits) {

    public ConnectionBudget {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(byState, "byState");
        byApplication = List.copyOf(byApplication);
        byUser = List.copyOf(byUser);
        byDatabase = List.copyOf(byDatabase);
        byClientAddress = List.copyOf(byClientAddress);
        limits = List.copyOf(limits);
    }

    public static ConnectionBudget of(Snapshot snapshot) {
        ServerInfo server = snapshot.server();
        Instant now = snapshot.takenAt();
        List<ActivityRow> clients = snapshot.activity().stream().filter(ActivityRow::isClientBackend).toList();

        int used = server.clientBackends();
        int usable = server.usableConnections();
        int available = Math.max(0, usable - used);
        double percent = usable > 0 ? used * 100.0 / usable : 100.0;

        StateCounts byState = StateCounts.NONE;
        for (ActivityRow row : clients) {
            byState = byState.plus(StateCounts.one(SessionState.of(row.state())));
        }
        List<LimitUsage> limits = snapshot.limits().stream()
                .map(LimitUsage::of)
                .sorted(Comparator.comparing(LimitUsage::nearCap).reversed()
                        .thenComparing(Comparator.comparingInt(LimitUsage::free))
                        .thenComparing(LimitUsage::kind)
                        .thenComparing(LimitUsage::name))
                .toList();
        return new ConnectionBudget(now, used, server.maxConnections(), server.superuserReservedConnections(),
                server.reservedConnections(), usable, available, percent,
                Math.max(0, used - clients.size()), byState,
                group(clients, ActivityRow::application, now),
                group(clients, ActivityRow::user, now),
                group(clients, ActivityRow::database, now),
                group(clients, ActivityRow::clientAddr, now),
                limits);
    }

    /** Both reserves together: {@code max_connections - usable}. */
    public int reservedTotal() {
        return superuserReservedConnections + reservedConnections;
    }

    /** "23 of 97 usable connections free". */
    public String headroom() {
        return Humanize.count(available) + " of " + Humanize.count(usable) + " usable connections free";
    }

    public List<LimitUsage> limitsNearCap() {
        return limits.stream().filter(LimitUsage::nearCap).toList();
    }

    public List<LimitUsage> limitsOf(ConnectionLimit.Kind kind) {
        return limits.stream().filter(l -> l.kind() == kind).toList();
    }

    private static List<ConnectionGroup> group(List<ActivityRow> rows, Function<ActivityRow, String> by, Instant now) {
        Map<String, StateCounts> counts = new HashMap<>();
        Map<String, Duration> oldest = new HashMap<>();
        for (ActivityRow row : rows) {
            String name = by.apply(row);
            counts.merge(name, StateCounts.one(SessionState.of(row.state())), StateCounts::plus);
            Duration age = row.transactionAge(now);
            if (age != null) {
                oldest.merge(name, age, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<ConnectionGroup> groups = new ArrayList<>(counts.size());
        counts.forEach((name, c) -> groups.add(new ConnectionGroup(name, c, oldest.get(name))));
        groups.sort(ConnectionGroup.LARGEST_FIRST);
        return List.copyOf(groups);
    }
}
