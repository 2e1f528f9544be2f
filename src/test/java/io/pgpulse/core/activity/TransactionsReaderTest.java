package io.pgpulse.core.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.embedded.EmbeddedServer;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.Targets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransactionsReaderTest {
    /** Prepared transactions need max_prepared_transactions > 0, which the shared servers leave at 0. */
    private static EmbeddedServer twoPhase;

    @BeforeAll
    static void start() throws Exception {
        twoPhase = EmbeddedServer.builder()
                .serverConfig("max_prepared_transactions", "4").start();
        twoPhase.execute("CREATE TABLE prepared_demo (id int)");
    }

    @AfterAll
    static void stop() {
        if (twoPhase != null) {
            twoPhase.close();
        }
    }

    private static MonitorConnection monitor(int port) throws Exception {
        return MonitorConnection.open(Targets.parse("postgresql://postgres@localhost:" + port + "/postgres"),
                MonitorSettings.defaults());
    }

    @Test
    void preparedTransactionsAreListedOldestFirstWithOwnerAndDatabase() throws Exception {
        try (MonitorConnection connection = monitor(twoPhase.port());
             Backend first = Backend.open(twoPhase.port(), "postgres", "postgres", null);
             Backend second = Backend.open(twoPhase.port(), "postgres", "postgres", null)) {
            Instant before = Instant.now().minusSeconds(1);
            first.connection().setAutoCommit(false);
            first.execute("INSERT INTO prepared_demo VALUES (1)", "PREPARE TRANSACTION 'pay-1'");
            second.connection().setAutoCommit(false);
            second.execute("INSERT INTO prepared_demo VALUES (2)", "PREPARE TRANSACTION 'pay-2'");
            try {
                TransactionHorizon horizon = new TransactionsReader(connection).read();

                assertThat(horizon.maxPreparedTransactions()).isEqualTo(4);
                assertThat(horizon.preparedTotal()).isEqualTo(2);
                assertThat(horizon.prepared()).extracting(PreparedTransaction::gid).containsExactly("pay-1", "pay-2");
                PreparedTransaction oldest = horizon.prepared().get(0);
                assertThat(oldest.owner()).isEqualTo("postgres");
                assertThat(oldest.database()).isEqualTo("postgres");
                assertThat(oldest.prepared()).isAfter(before).isBeforeOrEqualTo(horizon.readAt());
                assertThat(oldest.xidAge()).isPositive();
            } finally {
                twoPhase.execute("ROLLBACK PREPARED 'pay-1'", "ROLLBACK PREPARED 'pay-2'");
            }
        }
    }

    @Test
    void theOldestSnapshotHolderIsNamed() throws Exception {
        try (MonitorConnection connection = monitor(twoPhase.port());
             Backend holder = Backend.open(twoPhase.port(), "postgres", "postgres", null)) {
            holder.connection().setAutoCommit(false);
            holder.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SELECT count(*) FROM prepared_demo");
            twoPhase.execute("INSERT INTO prepared_demo VALUES (3)", "INSERT INTO prepared_demo VALUES (4)");

            TransactionHorizon horizon = new TransactionsReader(connection).read();

            assertThat(horizon.xminPid()).isEqualTo(holder.pid());
            assertThat(horizon.xminAge()).isGreaterThanOrEqualTo(2);
            assertThat(horizon.preparedTotal()).isZero();
            assertThat(horizon.slotName()).isNull();
        }
    }

    @Test
    void aServerWithoutTwoPhaseCommitSaysSoAndAMonitorOnlyRoleCanReadIt() throws Exception {
        var pg = PgServers.newest();
        try (MonitorConnection connection = MonitorConnection.open(Targets.parse(pg.monitorUri()),
                MonitorSettings.defaults())) {
            long t0 = System.nanoTime();
            TransactionHorizon horizon = new TransactionsReader(connection).read();

            assertThat(horizon.maxPreparedTransactions()).isZero();
            assertThat(horizon.preparedTotal()).isZero();
            assertThat(horizon.prepared()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
