package io.pgpulse.app.activity;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import io.pgpulse.core.activity.Backend;
import io.pgpulse.testing.TestServer;

/**
 * The incident, for real: an application session idle in transaction after reading orders; a
 * migration's ALTER TABLE waiting for it; three SELECTs queued behind the ALTER; and, unrelated,
 * a row-lock chain three deep on accounts. Every session is the plain application role, so a
 * pg_monitor-only monitor may see them but not signal them.
 */
final class LockChain implements AutoCloseable {
    static final String DATABASE = "activity_chain";
    static final String ALTER = "ALTER TABLE orders ADD COLUMN note text";

    final Backend holder;
    final Backend alter;
    final List<Backend> readers = new ArrayList<>();
    final Backend rowHolder;
    final Backend rowWaiter;
    final Backend rowTail;
    final Future<Void> alterDone;
    final List<Future<Void>> readersDone = new ArrayList<>();
    private final TestServer pg;
    private final List<Backend> all = new ArrayList<>();

    private LockChain(TestServer pg) throws SQLException {
        this.pg = pg;
        holder = open("billing");
        holder.connection().setAutoCommit(false);
        holder.execute("SELECT status FROM orders WHERE id = 1");

        alter = open("migrate");
        alterDone = alter.start(ALTER);
        awaitLockWait(alter);
        for (int i = 0; i < 3; i++) {
            Backend reader = open("shop-api");
            readers.add(reader);
            readersDone.add(reader.start("SELECT status FROM orders WHERE id = " + (i + 2)));
            awaitLockWait(reader);
        }

        rowHolder = open("worker");
        rowHolder.connection().setAutoCommit(false);
        rowHolder.execute("UPDATE accounts SET balance = balance - 5 WHERE id = 1");
        rowWaiter = open("worker");
        rowWaiter.start("UPDATE accounts SET balance = balance + 5 WHERE id = 1");
        awaitLockWait(rowWaiter);
        rowTail = open("worker");
        rowTail.start("UPDATE accounts SET balance = balance + 7 WHERE id = 1");
        awaitLockWait(rowTail);
    }

    static LockChain start(TestServer pg) throws SQLException {
        pg.createDatabase(DATABASE);
        try (Connection c = pg.superuser(DATABASE); var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders, accounts");
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, status text)");
            s.execute("INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 10) g");
            s.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int)");
            s.execute("INSERT INTO accounts VALUES (1, 100)");
            s.execute("ALTER TABLE orders OWNER TO " + TestServer.PLAIN_ROLE);
            s.execute("ALTER TABLE accounts OWNER TO " + TestServer.PLAIN_ROLE);
        }
        return new LockChain(pg);
    }

    /** The monitor's URI for a role, on the chain's database so relation names resolve. */
    static String uri(TestServer pg, String role, String password) {
        return "postgresql://" + role + (password == null ? "" : ":" + password) + "@localhost:" + pg.port() + "/"
                + DATABASE;
    }

    private Backend open(String application) throws SQLException {
        Backend b = Backend.open(pg.port(), DATABASE, TestServer.PLAIN_ROLE, TestServer.PLAIN_PASSWORD, application);
        all.add(b);
        return b;
    }

    private void awaitLockWait(Backend b) {
        await().atMost(Duration.ofSeconds(10)).until(() -> "Lock".equals(waitEventType(b.pid())));
    }

    private String waitEventType(int pid) throws SQLException {
        try (Connection c = pg.superuser();
             PreparedStatement ps = c.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Ends every session of the chain from outside: a waiting statement would not notice a closed socket. */
    @Override
    public void close() {
        try (Connection c = pg.superuser();
             PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE datname = ? AND pid <> pg_backend_pid() AND application_name <> 'pgpulse'")) {
            ps.setString(1, DATABASE);
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        all.forEach(Backend::close);
    }
}
