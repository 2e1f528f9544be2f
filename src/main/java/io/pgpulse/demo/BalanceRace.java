package io.pgpulse.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Payments that read a balance, "call the payment provider", then write the balance they computed,
 * as in {@code findUnique} followed by {@code update}. Several payers hit the same two accounts, so
 * at READ COMMITTED one payment regularly overwrites another that committed in between.
 *
 * <p>Lost updates are counted exactly: every write also bumps {@code accounts.updates}, and a write
 * that returns more than the value read plus one has overwritten that many committed payments.
 * With {@link RaceFix#SELECT_FOR_UPDATE} the second payer waits for the row lock; with
 * {@link RaceFix#SERIALIZABLE} the loser fails with SQLSTATE 40001 and is retried. Either way the
 * count stops growing.
 */
final class BalanceRace extends ScenarioRun {
    static final int PAYERS = 3;
    /** Few accounts, so that payments collide within a second or two. */
    static final int HOT_ACCOUNTS = 2;
    private static final long PAYMENT_CENTS = 80_00;
    private static final long TOP_UP_CENTS = 1_000_00;
    private static final SessionSpec SPEC = SessionSpec.app("payments", Duration.ofSeconds(5));

    private final Supplier<RaceFix> fix;
    private final AtomicLong lostUpdates;
    private final AtomicLong retries = new AtomicLong();

    BalanceRace(SessionFactory sessions, ScenarioCounters counters, StatusSink sink,
                Supplier<RaceFix> fix, AtomicLong lostUpdates) {
        super(Scenario.BALANCE_RACE, sessions, counters, sink);
        this.fix = fix;
        this.lostUpdates = lostUpdates;
    }

    @Override
    void start() {
        describe(fix.get());
        for (int i = 0; i < PAYERS; i++) {
            spawn(() -> repeat(SPEC, new Payer()::pay));
        }
    }

    private void describe(RaceFix current) {
        status(PAYERS + " payers on " + HOT_ACCOUNTS + " accounts, " + current.displayName() + ": "
                + lostUpdates.get() + " lost updates, " + retries.get() + " serialization retries");
    }

    /** One payer's loop state: the isolation level is a session setting, sent only when it changes. */
    private final class Payer {
        private DemoSession session;
        private int isolation = -1;

        void pay(DemoSession s) throws SQLException {
            RaceFix current = fix.get();
            if (s != session) {
                session = s;
                isolation = -1;
            }
            long account = 1 + ThreadLocalRandom.current().nextInt(HOT_ACCOUNTS);
            try {
                long lost = s.call(c -> payment(c, current, account));
                counters.queries(2);
                if (lost > 0) {
                    lostUpdates.addAndGet(lost);
                    describe(current);
                }
            } catch (SQLException e) {
                if (!"40001".equals(e.getSQLState())) {
                    throw e;
                }
                retries.incrementAndGet();
                describe(current);
            }
            pause(10, 40);
        }

        private long payment(Connection c, RaceFix current, long account) throws SQLException {
            int wanted = current == RaceFix.SERIALIZABLE ? Connection.TRANSACTION_SERIALIZABLE
                    : Connection.TRANSACTION_READ_COMMITTED;
            if (isolation != wanted) {
                c.setTransactionIsolation(wanted);
                isolation = wanted;
            }
            return inTransaction(c, tx -> {
                long balance;
                long updatesSeen;
                String read = "SELECT balance_cents, updates FROM accounts WHERE id = ?"
                        + (current == RaceFix.SELECT_FOR_UPDATE ? " FOR UPDATE" : "");
                try (PreparedStatement ps = tx.prepareStatement(read)) {
                    ps.setLong(1, account);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        balance = rs.getLong(1);
                        updatesSeen = rs.getLong(2);
                    }
                }
                // The payment provider's round trip: the window in which another payment commits.
                pause(20, 50);
                long newBalance = balance >= PAYMENT_CENTS ? balance - PAYMENT_CENTS : balance + TOP_UP_CENTS;
                try (PreparedStatement ps = tx.prepareStatement(
                        "UPDATE accounts SET balance_cents = ?, updates = updates + 1 WHERE id = ? RETURNING updates")) {
                    ps.setLong(1, newBalance);
                    ps.setLong(2, account);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1) - updatesSeen - 1;
                    }
                }
            });
        }
    }
}
