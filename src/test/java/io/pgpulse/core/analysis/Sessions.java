package io.pgpulse.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.DatabaseCounters;
import io.pgpulse.core.sampling.LockRow;
import io.pgpulse.core.sampling.ServerInfo;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.sampling.StatementsSnapshot;

/** Hand-built pg_stat_activity and pg_locks rows, and snapshots made of them. */
public final class Sessions {

    /** The server's clock when the test snapshots were taken. */
    public static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private int pid;
    private String state = "active";
    private Duration stateAge = Duration.ofSeconds(1);
    private Duration xactAge;
    private String backendType = "client backend";
    private String waitEventType;
    private String waitEvent;
    private String application = "web";
    private String user = "app";
    private String database = "shop";
    private String clientAddr = "10.0.0.5";
    private String query = "SELECT 1";
    private List<Integer> blockedBy = List.of();

    private Sessions() {
    }

    public static Sessions session(int pid) {
        Sessions s = new Sessions();
        s.pid = pid;
        return s;
    }

    public static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    public Sessions state(String value, Duration since) {
        state = value;
        stateAge = since;
        return this;
    }

    public Sessions idle() {
        return state("idle", Duration.ofSeconds(5));
    }

    public Sessions xact(Duration open) {
        xactAge = open;
        return this;
    }

    public Sessions app(String value) {
        application = value;
        return this;
    }

    public Sessions user(String value) {
        user = value;
        return this;
    }

    public Sessions db(String value) {
        database = value;
        return this;
    }

    public Sessions addr(String value) {
        clientAddr = value;
        return this;
    }

    public Sessions query(String value) {
        query = value;
        return this;
    }

    /** A session waiting for a heavyweight lock held (or queued for) by {@code blockers}. */
    public Sessions waitsFor(Integer... blockers) {
        waitEventType = "Lock";
        waitEvent = "relation";
        blockedBy = List.of(blockers);
        return this;
    }

    public Sessions waitEvent(String type, String event) {
        waitEventType = type;
        waitEvent = event;
        return this;
    }

    public Sessions background(String type) {
        backendType = type;
        state = null;
        application = "";
        user = null;
        database = null;
        clientAddr = null;
        query = null;
        return this;
    }

    public ActivityRow build() {
        return new ActivityRow(pid, NOW.minus(Duration.ofHours(2)), xactAge == null ? null : ago(xactAge),
                stateAge == null ? null : ago(stateAge), stateAge == null ? null : ago(stateAge), state, waitEventType, waitEvent, backendType,
                database, user, application, clientAddr, null, query, blockedBy);
    }

    public static LockRow holds(int pid, String mode, String relation, long oid) {
        return new LockRow(pid, "relation", mode, true, oid, relation, null, null, null);
    }

    public static LockRow waits(int pid, String mode, String relation, long oid, Duration waiting) {
        return new LockRow(pid, "relation", mode, false, oid, relation, null, null, ago(waiting));
    }

    public static LockRow holdsXid(int pid, String xid) {
        return new LockRow(pid, "transactionid", "ExclusiveLock", true, null, null, xid, null, null);
    }

    public static LockRow waitsXid(int pid, String xid, Duration waiting) {
        return new LockRow(pid, "transactionid", "ShareLock", false, null, null, xid, null, ago(waiting));
    }

    public static LockRow holdsTuple(int pid, String relation, long oid) {
        return new LockRow(pid, "tuple", "ExclusiveLock", true, oid, relation, null, null, null);
    }

    public static LockRow waitsTuple(int pid, String relation, long oid, Duration waiting) {
        return new LockRow(pid, "tuple", "ExclusiveLock", false, oid, relation, null, null, ago(waiting));
    }

    /** PostgreSQL 16 defaults: 100 connections, 3 for superusers, none reserved. */
    public static ServerInfo server(int clientBackends) {
        return server(100, 3, 0, clientBackends);
    }

    public static ServerInfo server(int max, int superuserReserved, int reserved, int clientBackends) {
        return new ServerInfo(160004, max, superuserReserved, reserved, NOW.minus(Duration.ofDays(3)), NOW,
                clientBackends);
    }

    public static Snapshot snapshot(ServerInfo server, List<ActivityRow> activity) {
        return snapshot(server, activity, List.of(), List.of());
    }

    public static Snapshot snapshot(ServerInfo server, List<ActivityRow> activity, List<LockRow> locks,
            List<ConnectionLimit> limits) {
        return snapshot(1, NOW, server, activity, locks, limits, null);
    }

    public static Snapshot snapshot(long sequence, Instant at, ServerInfo server, List<ActivityRow> activity,
            List<LockRow> locks, List<ConnectionLimit> limits, StatementsSnapshot statements) {
        return new Snapshot(sequence, at, server, activity, locks, List.of(database(16384, "shop")), limits,
                statements, Map.of(), null);
    }

    public static DatabaseCounters database(long oid, String name) {
        return new DatabaseCounters(oid, name, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    /** {@code n} client sessions with consecutive pids from {@code firstPid}, all built by {@code shape}. */
    public static List<ActivityRow> many(int firstPid, int n, IntFunction<Sessions> shape) {
        List<ActivityRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(shape.apply(firstPid + i).build());
        }
        return rows;
    }
}
