package io.pgpulse.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.Test;

class MonitorSessionTest {

    @Test
    void fullTextIsReadOnDemandBeyondTheCachedPrefix() throws Exception {
        TestServer pg = PgServers.newest();
        String longSql = "SELECT " + "coalesce(relname, 'x') AS c, ".repeat(200) + "1 AS last FROM pg_class WHERE oid = 1";
        try (MonitorSession session = MonitorSession.open(Targets.parse(pg.monitorUri()), MonitorSettings.defaults());
             Connection c = pg.superuser(); Statement s = c.createStatement()) {
            session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            s.execute(longSql);
            session.sampler().requestAllTexts();
            session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            Snapshot snap = session.latest();
            QueryText cached = snap.statements().texts().values().stream()
                    .filter(t -> t.text().startsWith("SELECT coalesce(relname, $1) AS c")).findFirst().orElseThrow();
            assertThat(cached.truncated()).isTrue();
            String full = session.fullText(cached.queryId()).orElseThrow();
            assertThat(full).hasSize(cached.fullLength()).endsWith("WHERE oid = $202");
        }
    }

    @Test
    void historyRecordsConnectionSeriesAndStatementDeltas() throws Exception {
        TestServer pg = PgServers.newest();
        try (MonitorSession session = MonitorSession.open(Targets.parse(pg.monitorUri()), MonitorSettings.defaults())) {
            for (int i = 0; i < 3; i++) {
                session.sampler().pollNow().get(30, TimeUnit.SECONDS);
            }
            assertThat(session.history().series(Series.CLIENT_BACKENDS)).hasValueSatisfying(v -> assertThat(v.size()).isEqualTo(3));
            assertThat(session.history().series(Series.USABLE_LIMIT)).isPresent();
            assertThat(session.history().series(Series.COMMITS_PER_SECOND)).hasValueSatisfying(v -> assertThat(v.size()).isEqualTo(2));
            assertThat(session.history().deltaResults()).hasSize(2);
        }
    }
}
