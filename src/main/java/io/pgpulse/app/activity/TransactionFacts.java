package io.pgpulse.app.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.pgpulse.core.activity.PreparedTransaction;
import io.pgpulse.core.activity.TransactionHorizon;
import io.pgpulse.core.analysis.SessionState;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.Snapshot;

/** The transactions card: four figures, each with what it means for the server right now. */
final class TransactionFacts {
    static final Duration OLD_TRANSACTION = Duration.ofMinutes(5);
    static final Duration ANCIENT_TRANSACTION = Duration.ofHours(1);
    /** A snapshot this many transactions old holds back cleanup noticeably, however old in time. */
    static final long XMIN_AGE_WORTH_NAMING = 1_000_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private TransactionFacts() {
    }

    /**
     * @param horizon      the latest read of prepared transactions and xmin holders; null before
     *                     the first read completed
     * @param horizonError why the last read failed, or null
     */
    static List<TransactionFact> of(Snapshot snapshot, Thresholds thresholds, TransactionHorizon horizon,
            String horizonError, DeadlockWatch deadlocks, ZoneId zone) {
        Instant now = snapshot.takenAt();
        List<TransactionFact> facts = new ArrayList<>(4);
        facts.add(oldest(snapshot.activity(), now, horizon));
        facts.add(idle(snapshot.activity(), now, thresholds));
        facts.add(prepared(horizon, horizonError, now, zone));
        facts.add(deadlocks(deadlocks, zone));
        return facts;
    }

    private static TransactionFact oldest(List<ActivityRow> rows, Instant now, TransactionHorizon horizon) {
        String title = "Oldest transaction";
        ActivityRow oldest = rows.stream().filter(r -> r.xactStart() != null)
                .min(Comparator.comparing(ActivityRow::xactStart).thenComparingInt(ActivityRow::pid)).orElse(null);
        String slot = slot(horizon);
        if (oldest == null) {
            return TransactionFact.ok(title, "none open", "No session has a transaction open." + slot);
        }
        Duration age = oldest.transactionAge(now);
        boolean old = age.compareTo(OLD_TRANSACTION) >= 0;
        StringBuilder meaning = new StringBuilder("pid ").append(oldest.pid()).append(who(oldest));
        if (oldest.state() != null) {
            meaning.append(", ").append(oldest.state());
        }
        meaning.append(". ");
        if (old) {
            meaning.append("Until it ends, VACUUM cannot remove rows deleted or updated after it began (the xmin")
                    .append(" horizon), so tables and indexes bloat; it also keeps every lock it took.");
        } else {
            meaning.append("Transactions are short; VACUUM can clean up behind them.");
        }
        if (horizon != null && horizon.xminPid() != null && horizon.xminPid() != oldest.pid() && horizon.xminAge() != null
                && (old || horizon.xminAge() >= XMIN_AGE_WORTH_NAMING)) {
            meaning.append(" The oldest snapshot is held by pid ").append(horizon.xminPid()).append(" (")
                    .append(String.format(Locale.ROOT, "%,d", horizon.xminAge())).append(" transactions old).");
        }
        meaning.append(slot);
        String value = Texts.age(age);
        if (age.compareTo(ANCIENT_TRANSACTION) >= 0) {
            return TransactionFact.critical(title, value, meaning.toString());
        }
        return old ? TransactionFact.warning(title, value, meaning.toString())
                : TransactionFact.ok(title, value, meaning.toString());
    }

    private static String slot(TransactionHorizon horizon) {
        if (horizon == null || horizon.slotName() == null || horizon.slotXminAge() == null
                || (horizon.xminAge() != null && horizon.slotXminAge() <= horizon.xminAge())) {
            return "";
        }
        return " Replication slot " + horizon.slotName() + " holds the horizon back further ("
                + String.format(Locale.ROOT, "%,d", horizon.slotXminAge()) + " transactions); an abandoned slot"
                + " must be dropped.";
    }

    private static TransactionFact idle(List<ActivityRow> rows, Instant now, Thresholds thresholds) {
        String title = "Idle in transaction";
        List<ActivityRow> idle = rows.stream().filter(r -> SessionState.of(r.state()).isIdleInTransaction())
                .sorted(Comparator.comparing(ActivityRow::stateChange, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        if (idle.isEmpty()) {
            return TransactionFact.ok(title, "none", "No session holds a transaction open while doing nothing.");
        }
        long past = idle.stream().filter(r -> r.stateAge(now) != null
                && r.stateAge(now).compareTo(thresholds.idleInTransaction()) >= 0).count();
        ActivityRow longest = idle.get(0);
        String value = idle.size() + (past > 0 ? " (" + past + " over " + Texts.age(thresholds.idleInTransaction()) + ")" : "");
        String meaning = "They opened a transaction and stopped talking to the database, keeping their locks and"
                + " holding back VACUUM: usually an application that forgot to commit or waits on something else."
                + " Longest: pid " + longest.pid() + who(longest) + ", idle for " + Texts.age(longest.stateAge(now))
                + ". Cancel does nothing here; terminate ends the transaction. idle_in_transaction_session_timeout"
                + " stops it for good.";
        return past > 0 ? TransactionFact.warning(title, value, meaning) : TransactionFact.ok(title, value, meaning);
    }

    private static TransactionFact prepared(TransactionHorizon horizon, String error, Instant now, ZoneId zone) {
        String title = "Prepared transactions";
        if (horizon == null) {
            return error == null ? TransactionFact.ok(title, "checking…", "Reading pg_prepared_xacts.")
                    : TransactionFact.warning(title, "unknown", "Could not read pg_prepared_xacts: " + error);
        }
        if (horizon.preparedTotal() == 0) {
            return horizon.maxPreparedTransactions() == 0
                    ? TransactionFact.ok(title, "disabled", "max_prepared_transactions is 0: this server cannot hold"
                            + " two-phase transactions, so none can be forgotten.")
                    : TransactionFact.ok(title, "none", "No two-phase transaction is waiting for COMMIT PREPARED.");
        }
        PreparedTransaction first = horizon.prepared().get(0);
        Duration age = Duration.between(first.prepared(), now);
        String value = horizon.preparedTotal() + " (oldest " + Texts.age(age) + ")";
        String meaning = "A prepared transaction outlives its session and even a restart: it keeps its locks and holds"
                + " the xmin horizon until its transaction manager, or you, runs COMMIT PREPARED or ROLLBACK PREPARED."
                + " Oldest: '" + first.gid() + "' by " + first.owner() + " in " + first.database() + ", prepared at "
                + CLOCK.format(first.prepared().atZone(zone)) + ".";
        return age.compareTo(OLD_TRANSACTION) >= 0 ? TransactionFact.critical(title, value, meaning)
                : TransactionFact.warning(title, value, meaning);
    }

    private static TransactionFact deadlocks(DeadlockWatch watch, ZoneId zone) {
        String title = "Deadlocks";
        String since = watch.since() == null ? "" : CLOCK.format(watch.since().atZone(zone));
        if (watch.fresh() == 0) {
            return TransactionFact.ok(title, "none new", "No deadlock since watching began at " + since + " ("
                    + String.format(Locale.ROOT, "%,d", watch.total()) + " since statistics were reset).");
        }
        String value = "+" + watch.fresh() + " since " + since;
        String meaning = "PostgreSQL found " + Texts.count(watch.fresh(), "deadlock", "deadlocks") + " (last at "
                + CLOCK.format(watch.lastSeen().atZone(zone)) + ", in " + String.join(", ", watch.lastDatabases())
                + ") and broke each by cancelling one transaction with error 40P01; the application should retry it."
                + " Repeated deadlocks mean transactions lock the same rows in different orders.";
        return TransactionFact.warning(title, value, meaning);
    }

    private static String who(ActivityRow row) {
        return row.application() == null || row.application().isEmpty() ? "" : " (" + row.application() + ")";
    }
}
