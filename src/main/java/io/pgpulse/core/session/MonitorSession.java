package io.pgpulse.core.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.capability.ProbeResult;
import io.pgpulse.core.capability.UnsupportedServer;
import io.pgpulse.core.connection.ConnectFailures;
import io.pgpulse.core.connection.MonitorConnectException;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.history.HistoryConfig;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.Sampler;
import io.pgpulse.core.sampling.SamplerConfig;
import io.pgpulse.core.sampling.SamplerListener;
import io.pgpulse.core.sampling.Snapshot;

/**
 * One monitored server, as the app and the CLI use it: the connection, what the probe found, the
 * sampler and the history it fills. Opening it connects and probes; nothing polls until
 * {@link #start()}.
 */
@CoreService
public final class MonitorSession implements AutoCloseable {
    private final MonitorConnection connection;
    private final Capabilities capabilities;
    private final Sampler sampler;
    private final HistoryStore history;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();

    private MonitorSession(MonitorConnection connection, Capabilities capabilities, SamplerConfig config,
            HistoryConfig historyConfig) {
        this.connection = connection;
        this.capabilities = capabilities;
        this.history = new HistoryStore(historyConfig);
        this.sampler = new Sampler(connection, capabilities, config, Clock.systemUTC());
        HistoryRecorder recorder = new HistoryRecorder(history);
        sampler.addListener(new SamplerListener() {
            @Override
            public void onSnapshot(Snapshot snapshot) {
                recorder.record(snapshot);
                latest.set(snapshot);
            }
        });
    }

    public static MonitorSession open(ConnectionTarget target, MonitorSettings settings, SamplerConfig config,
            HistoryConfig historyConfig) throws MonitorConnectException, UnsupportedServerException {
        MonitorConnection connection = MonitorConnection.open(target, settings);
        try {
            ProbeResult probe;
            try (Connection c = connection.borrow()) {
                probe = CapabilityProbe.probe(c);
            }
            if (probe instanceof UnsupportedServer unsupported) {
                throw new UnsupportedServerException(unsupported);
            }
            return new MonitorSession(connection, (Capabilities) probe, config, historyConfig);
        } catch (SQLException e) {
            connection.close();
            throw ConnectFailures.classify(e, target, settings);
        } catch (UnsupportedServerException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    public static MonitorSession open(ConnectionTarget target, MonitorSettings settings)
            throws MonitorConnectException, UnsupportedServerException {
        return open(target, settings, SamplerConfig.defaults(), HistoryConfig.withDefaults(settings.refreshInterval()));
    }

    public void start() {
        sampler.start();
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public Sampler sampler() {
        return sampler;
    }

    public HistoryStore history() {
        return history;
    }

    public MonitorConnection connection() {
        return connection;
    }

    public ConnectionTarget target() {
        return connection.target();
    }

    /**
     * The complete text of one statement (the sampler keeps only the first characters), for a
     * detail view or EXPLAIN. Runs on the caller's thread, on the pool's second session, under
     * its own statement timeout; never call it on the UI thread. Empty if the entry is gone.
     */
    public java.util.Optional<String> fullText(long queryId) throws SQLException {
        io.pgpulse.core.catalog.SqlCatalog catalog = io.pgpulse.core.catalog.SqlCatalog.forServer(
                capabilities.versionNum(), capabilities.pgssSchema());
        String sql = "SET LOCAL /* pgpulse */ statement_timeout = 5000;\n"
                + catalog.sql(io.pgpulse.core.catalog.CatalogQuery.STATEMENT_TEXTS);
        try (Connection c = connection.borrow(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, FULL_TEXT_LIMIT);
            ps.setArray(2, c.createArrayOf("bigint", new Long[] {queryId}));
            ps.execute();
            ps.getMoreResults();
            try (java.sql.ResultSet rs = ps.getResultSet()) {
                return rs.next() ? java.util.Optional.ofNullable(io.pgpulse.core.sampling.SqlSecrets.redact(rs.getString("query")))
                        : java.util.Optional.empty();
            }
        }
    }

    /** Texts beyond a megabyte are cut even in the detail view: nobody reads them, memory does. */
    static final int FULL_TEXT_LIMIT = 1_000_000;

    /** The newest snapshot, or null before the first poll completed. */
    public Snapshot latest() {
        return latest.get();
    }

    @Override
    public void close() {
        sampler.close();
        connection.close();
    }
}
