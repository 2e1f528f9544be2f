package io.pgpulse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.sampling.Sampler;
import io.pgpulse.core.sampling.SamplerConfig;
import io.pgpulse.core.sampling.SamplerListener;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cost of one refresh at scale, PgPulse's poll side by side with a naive poll in the same run.
 * Prints figures (medians over the measured refreshes); asserts nothing about time.
 * Run: {@code mvn -B verify -Pbench -Dtest=RefreshBenchmark}.
 */
@Tag("benchmark")
class RefreshBenchmark {
    private static final int WARMUP = 3;
    private static final int MEASURED = 15;

    @Test
    void refreshCostAtScale() throws Exception {
        try (BenchServer bench = new BenchServer(); TcpProxy proxy = TcpProxy.forwardingTo(bench.server.port())) {
            System.out.printf(Locale.ROOT, "%nServer: %d client backends (idle %d, idle in transaction %d, active %d,"
                    + " lock waiters %d), %d pg_stat_statements entries with 2–4 KB texts%n",
                    BenchServer.IDLE + BenchServer.IDLE_IN_TRANSACTION + BenchServer.ACTIVE + BenchServer.LOCK_WAITERS + 1,
                    BenchServer.IDLE, BenchServer.IDLE_IN_TRANSACTION + 1, BenchServer.ACTIVE, BenchServer.LOCK_WAITERS,
                    entries(bench));
            Figures pgpulse = measurePgPulse(bench, proxy);
            Figures naive = measureNaive(bench, proxy);
            System.out.println();
            System.out.println("Per refresh (median of " + MEASURED + ")  | PgPulse   | naive poll | naive / PgPulse");
            System.out.println("-------------------------------------|-----------|------------|----------------");
            row("server execution time (ms)", pgpulse.serverMs, naive.serverMs);
            row("round trips", pgpulse.roundTrips, naive.roundTrips);
            row("bytes received (KB)", pgpulse.kb, naive.kb);
            row("client CPU (ms)", pgpulse.cpuMs, naive.cpuMs);
            row("wall time (ms)", pgpulse.wallMs, naive.wallMs);
            System.out.printf(Locale.ROOT, "PgPulse statement texts read in steady state: %d (total over %d refreshes)%n",
                    pgpulse.textsRead, MEASURED);
            System.out.printf(Locale.ROOT, "PgPulse first refresh (baseline, every entry and text): %.0f KB%n%n", pgpulse.firstKb);
            System.out.println("PgPulse server time by statement (mean ms per call, all calls of the run):");
            try (Connection c = bench.server.superuserConnection("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT calls, mean_exec_time, regexp_replace(left(query, 70), '\\s+', ' ', 'g')"
                         + " FROM pg_stat_statements WHERE query LIKE '%/* pgpulse */%' ORDER BY total_exec_time DESC LIMIT 8")) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "  %8.3f ms  x%-4d %s%n", rs.getDouble(2), rs.getLong(1), rs.getString(3));
                }
            }
        }
    }

    private static void row(String name, double ours, double theirs) {
        System.out.printf(Locale.ROOT, "%-37s| %9.2f | %10.2f | %8.1f×%n", name, ours, theirs, theirs / Math.max(ours, 1e-9));
    }

    private record Figures(double serverMs, double roundTrips, double kb, double cpuMs, double wallMs, long textsRead,
            double firstKb) {
    }

    private static Figures measurePgPulse(BenchServer bench, TcpProxy proxy) throws Exception {
        MonitorSettings settings = MonitorSettings.withInterval(Duration.ofSeconds(2));
        try (MonitorConnection connection = MonitorConnection.open(Targets.parse(bench.monitorUri(proxy.port())), settings)) {
            Capabilities caps;
            try (Connection c = connection.borrow()) {
                caps = (Capabilities) CapabilityProbe.probe(c);
            }
            try (Sampler sampler = new Sampler(connection, caps, SamplerConfig.defaults(), Clock.systemUTC())) {
                List<Snapshot> snaps = new ArrayList<>();
                sampler.addListener(new SamplerListener() {
                    @Override
                    public void onSnapshot(Snapshot s) {
                        snaps.add(s);
                    }
                });
                long b0 = proxy.bytesToClient();
                sampler.pollNow().get(60, TimeUnit.SECONDS);
                double firstKb = (proxy.bytesToClient() - b0) / 1024.0;
                for (int i = 1; i < WARMUP; i++) {
                    sampler.pollNow().get(60, TimeUnit.SECONDS);
                }
                List<Double> server = new ArrayList<>();
                List<Double> kb = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                List<Double> wall = new ArrayList<>();
                List<Double> trips = new ArrayList<>();
                long texts = 0;
                for (int i = 0; i < MEASURED; i++) {
                    double before = ownServerMs(bench, "%/* pgpulse */%");
                    long bytes = proxy.bytesToClient();
                    sampler.pollNow().get(60, TimeUnit.SECONDS);
                    kb.add((proxy.bytesToClient() - bytes) / 1024.0);
                    server.add(ownServerMs(bench, "%/* pgpulse */%") - before);
                    Snapshot s = snaps.get(snaps.size() - 1);
                    cpu.add(s.stats().clientCpu().toNanos() / 1e6);
                    wall.add(s.stats().elapsed().toNanos() / 1e6);
                    trips.add((double) s.stats().roundTrips());
                    texts += s.stats().textsFetched();
                }
                return new Figures(median(server), median(trips), median(kb), median(cpu), median(wall), texts, firstKb);
            }
        }
    }

    private static Figures measureNaive(BenchServer bench, TcpProxy proxy) throws Exception {
        String url = "jdbc:postgresql://localhost:" + proxy.port() + "/postgres?sslmode=disable";
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        try (Connection c = DriverManager.getConnection(url, "mon", "mon-pw"); Statement s = c.createStatement()) {
            List<Double> server = new ArrayList<>();
            List<Double> kb = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                double before = ownServerMs(bench, "%/* naive */%");
                long bytes = proxy.bytesToClient();
                long cpu0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (String q : List.of("SELECT /* naive */ * FROM pg_stat_statements", "SELECT /* naive */ * FROM pg_stat_activity",
                        "SELECT /* naive */ * FROM pg_locks")) {
                    try (ResultSet rs = s.executeQuery(q)) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int k = 1; k <= n; k++) {
                                rs.getObject(k);
                            }
                        }
                    }
                }
                if (i >= WARMUP) {
                    wall.add((System.nanoTime() - t0) / 1e6);
                    cpu.add((mx.getCurrentThreadCpuTime() - cpu0) / 1e6);
                    kb.add((proxy.bytesToClient() - bytes) / 1024.0);
                    server.add(ownServerMs(bench, "%/* naive */%") - before);
                }
            }
            return new Figures(median(server), 3, median(kb), median(cpu), median(wall), 0, 0);
        }
    }

    /** Total execution time the server recorded for statements whose text carries a tag. */
    private static double ownServerMs(BenchServer bench, String like) throws Exception {
        try (Connection c = bench.server.superuserConnection("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements WHERE query LIKE '"
                     + like + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static long entries(BenchServer bench) throws Exception {
        try (Connection c = bench.server.superuserConnection("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
