package io.pgpulse.core.sampling;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.testing.Targets;

/** A real sampler on a real server, polled on demand so tests decide when an interval ends. */
final class SamplerHarness implements AutoCloseable {
    final MonitorConnection connection;
    final Capabilities capabilities;
    final Sampler sampler;
    final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
    final List<SamplerStatus> statuses = new CopyOnWriteArrayList<>();

    SamplerHarness(String uri, MonitorSettings settings, SamplerConfig config) throws Exception {
        connection = MonitorConnection.open(Targets.parse(uri), settings);
        try (Connection c = connection.borrow()) {
            capabilities = (Capabilities) CapabilityProbe.probe(c);
        }
        sampler = new Sampler(connection, capabilities, config, Clock.systemUTC());
        sampler.addListener(new SamplerListener() {
            @Override
            public void onSnapshot(Snapshot snapshot) {
                snapshots.add(snapshot);
            }

            @Override
            public void onStatus(SamplerStatus status) {
                statuses.add(status);
            }
        });
    }

    /** Texts are read on every poll that needs them, so tests see them at once. */
    SamplerHarness(String uri) throws Exception {
        this(uri, MonitorSettings.defaults(), withTextInterval(Duration.ZERO));
    }

    static SamplerConfig withTextInterval(Duration interval) {
        SamplerConfig d = SamplerConfig.defaults();
        return new SamplerConfig(d.maxActivityRows(), d.maxLockRows(), d.activityTextChars(), d.statementTextChars(),
                d.maxCachedTexts(), interval, d.textTimeout());
    }

    /** Polls now and returns the snapshot that poll produced. */
    Snapshot poll() throws Exception {
        int before = snapshots.size();
        sampler.pollNow().get(30, TimeUnit.SECONDS);
        if (snapshots.size() == before) {
            throw new AssertionError("the poll produced no snapshot; status " + sampler.status());
        }
        return snapshots.get(snapshots.size() - 1);
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    @Override
    public void close() {
        sampler.close();
        connection.close();
    }
}
