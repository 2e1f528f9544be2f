package io.pgpulse.core.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.analysis.SessionState;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.LockRow;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.ServerInfo;
import io.pgpulse.core.sampling.Snapshot;

/**
 * One alert's value in one snapshot, with the sentence and figures that explain it.
 *
 * <p>A section that is stale or unavailable yields no measurement rather than 0: an alert must not
 * clear because the monitor lost sight of the sessions.
 */
record Measurement(double value, String summary, Map<String, Object> evidence) {

    private static final int MAX_LISTED_PIDS = 20;

    static Optional<Measurement> of(AlertKind kind, Snapshot s) {
        return switch (kind) {
            case CONNECTIONS_USED -> connections(s);
            case IDLE_IN_TRANSACTION -> idleInTransaction(s);
            case LONGEST_TRANSACTION -> longestTransaction(s);
            case BLOCKED_SESSIONS -> blocked(s);
        };
    }

    private static Optional<Measurement> connections(Snapshot s) {
        if (!s.isFresh(Section.SERVER) || s.server() == null) {
            return Optional.empty();
        }
        ServerInfo server = s.server();
        int used = server.clientBackends();
        int usable = server.usableConnections();
        double percent = usable > 0 ? used * 100.0 / usable : 100.0;
        int free = Math.max(0, usable - used);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("used_connections", used);
        evidence.put("usable_connections", usable);
        evidence.put("available_connections", free);
        evidence.put("max_connections", server.maxConnections());
        evidence.put("used_percent", Math.round(percent * 10) / 10.0);
        StringBuilder summary = new StringBuilder()
                .append(Humanize.count(used)).append(" of ").append(Humanize.count(usable))
                .append(" usable connections in use (").append(Humanize.percent(percent)).append("), ")
                .append(Humanize.count(free)).append(" free");
        if (s.isFresh(Section.ACTIVITY)) {
            Map<String, Integer> byApp = new HashMap<>();
            for (ActivityRow row : s.activity()) {
                if (row.isClientBackend()) {
                    byApp.merge(row.application() == null ? "" : row.application(), 1, Integer::sum);
                }
            }
            byApp.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .ifPresent(top -> {
                        evidence.put("top_application", top.getKey());
                        evidence.put("top_application_connections", top.getValue());
                        summary.append("; ").append(application(top.getKey())).append(" holds ")
                                .append(Humanize.count(top.getValue()));
                    });
        }
        return Optional.of(new Measurement(percent, summary.toString(), evidence));
    }

    private static Optional<Measurement> idleInTransaction(Snapshot s) {
        if (!s.isFresh(Section.ACTIVITY)) {
            return Optional.empty();
        }
        Instant now = s.takenAt();
        ActivityRow oldest = null;
        Duration oldestAge = Duration.ZERO;
        int sessions = 0;
        for (ActivityRow row : s.activity()) {
            if (!row.isClientBackend() || !SessionState.of(row.state()).isIdleInTransaction()) {
                continue;
            }
            sessions++;
            Duration age = row.stateAge(now);
            if (age != null && (oldest == null || age.compareTo(oldestAge) > 0)) {
                oldest = row;
                oldestAge = age;
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("idle_in_transaction_sessions", sessions);
        if (oldest == null) {
            evidence.put("oldest_idle_seconds", 0);
            return Optional.of(new Measurement(0, "no session is idle in a transaction", evidence));
        }
        evidence.put("oldest_idle_seconds", seconds(oldestAge));
        evidence.put("oldest_pid", oldest.pid());
        evidence.put("oldest_application", oldest.application());
        evidence.put("oldest_user", oldest.user());
        evidence.put("oldest_database", oldest.database());
        Duration xact = oldest.transactionAge(now);
        if (xact != null) {
            evidence.put("oldest_xact_seconds", seconds(xact));
        }
        String summary = "pid " + oldest.pid() + " (" + application(oldest.application())
                + (oldest.user() == null ? "" : ", user " + oldest.user()) + ") has been " + oldest.state()
                + " for " + Humanize.duration(oldestAge)
                + (sessions > 1 ? "; " + Humanize.count(sessions) + " sessions are idle in a transaction" : "");
        return Optional.of(new Measurement(oldestAge.toMillis() / 1000.0, summary, evidence));
    }

    private static Optional<Measurement> longestTransaction(Snapshot s) {
        if (!s.isFresh(Section.ACTIVITY)) {
            return Optional.empty();
        }
        Instant now = s.takenAt();
        ActivityRow oldest = null;
        Duration oldestAge = Duration.ZERO;
        for (ActivityRow row : s.activity()) {
            if (!row.isClientBackend()) {
                continue;
            }
            Duration age = row.transactionAge(now);
            if (age != null && (oldest == null || age.compareTo(oldestAge) > 0)) {
                oldest = row;
                oldestAge = age;
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (oldest == null) {
            evidence.put("oldest_xact_seconds", 0);
            return Optional.of(new Measurement(0, "no transaction is open", evidence));
        }
        evidence.put("oldest_xact_seconds", seconds(oldestAge));
        evidence.put("oldest_pid", oldest.pid());
        evidence.put("oldest_application", oldest.application());
        evidence.put("oldest_state", oldest.state());
        evidence.put("oldest_query", abbreviate(oldest.query()));
        String summary = "pid " + oldest.pid() + " (" + application(oldest.application())
                + (oldest.state() == null ? "" : ", " + oldest.state()) + ") has had a transaction open for "
                + Humanize.duration(oldestAge);
        return Optional.of(new Measurement(oldestAge.toMillis() / 1000.0, summary, evidence));
    }

    private static Optional<Measurement> blocked(Snapshot s) {
        if (!s.isFresh(Section.ACTIVITY)) {
            return Optional.empty();
        }
        Instant now = s.takenAt();
        Map<Integer, Instant> waitStart = new HashMap<>();
        for (LockRow lock : s.locks()) {
            if (!lock.granted() && lock.waitStart() != null) {
                waitStart.merge(lock.pid(), lock.waitStart(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<ActivityRow> waiting = new ArrayList<>();
        Set<Integer> waitingPids = new HashSet<>();
        for (ActivityRow row : s.activity()) {
            if (row.isWaitingOnLock()) {
                waiting.add(row);
                waitingPids.add(row.pid());
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("blocked_sessions", waiting.size());
        if (waiting.isEmpty()) {
            return Optional.of(new Measurement(0, "no session is waiting for a lock", evidence));
        }
        ActivityRow longest = null;
        Duration longestWait = Duration.ZERO;
        Set<Integer> roots = new java.util.TreeSet<>();
        for (ActivityRow row : waiting) {
            Instant started = waitStart.getOrDefault(row.pid(), row.stateChange());
            Duration wait = started == null ? Duration.ZERO : Duration.between(started, now);
            if (wait.isNegative()) {
                wait = Duration.ZERO;
            }
            if (longest == null || wait.compareTo(longestWait) > 0) {
                longest = row;
                longestWait = wait;
            }
            for (int blocker : row.blockedBy()) {
                if (!waitingPids.contains(blocker)) {
                    roots.add(blocker);
                }
            }
        }
        evidence.put("longest_wait_seconds", seconds(longestWait));
        evidence.put("longest_waiting_pid", longest.pid());
        evidence.put("blocking_pids", roots.stream().limit(MAX_LISTED_PIDS).toList());
        evidence.put("pids", waiting.stream().limit(MAX_LISTED_PIDS).map(ActivityRow::pid).toList());
        String summary = Humanize.count(waiting.size(), "session is", "sessions are") + " waiting for a lock; the longest, pid "
                + longest.pid() + ", for " + Humanize.duration(longestWait)
                + (roots.isEmpty() ? "" : "; held up by pid " + roots.stream().limit(5).map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", pid ")));
        return Optional.of(new Measurement(waiting.size(), summary, evidence));
    }

    private static String application(String name) {
        return name == null || name.isEmpty() ? "no application_name" : "application \"" + name + "\"";
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }

    private static String abbreviate(String query) {
        if (query == null) {
            return null;
        }
        String flat = query.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 199) + "…";
    }
}
