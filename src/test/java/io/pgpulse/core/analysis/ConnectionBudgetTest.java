package io.pgpulse.core.analysis;

import static io.pgpulse.core.analysis.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.Snapshot;

class ConnectionBudgetTest {

    @Test
    void usedCountsTheMonitorsOwnSessionsThatActivityLeavesOut() {
        List<ActivityRow> rows = Sessions.many(1000, 72, pid -> session(pid).idle());
        Snapshot snapshot = Sessions.snapshot(Sessions.server(100, 3, 0, 74), rows);

        ConnectionBudget budget = ConnectionBudget.of(snapshot);

        assertThat(budget.used()).isEqualTo(74);
        assertThat(budget.unlisted()).isEqualTo(2);
        assertThat(budget.byState().total()).isEqualTo(72);
        assertThat(budget.usable()).isEqualTo(97);
        assertThat(budget.available()).isEqualTo(23);
        assertThat(budget.usedPercentOfUsable()).isCloseTo(76.29, within(0.01));
        assertThat(budget.headroom()).isEqualTo("23 of 97 usable connections free");
    }

    @Test
    void usableSubtractsBothTheSuperuserAndTheReservedConnections() {
        Snapshot snapshot = Sessions.snapshot(Sessions.server(200, 3, 10, 50),
                Sessions.many(1, 50, pid -> session(pid)));

        ConnectionBudget budget = ConnectionBudget.of(snapshot);

        assertThat(budget.maxConnections()).isEqualTo(200);
        assertThat(budget.superuserReservedConnections()).isEqualTo(3);
        assertThat(budget.reservedConnections()).isEqualTo(10);
        assertThat(budget.reservedTotal()).isEqualTo(13);
        assertThat(budget.usable()).isEqualTo(187);
        assertThat(budget.available()).isEqualTo(137);
    }

    @Test
    void availableNeverGoesBelowZeroWhenSuperusersUseTheReservedSlots() {
        Snapshot snapshot = Sessions.snapshot(Sessions.server(20, 3, 2, 19), Sessions.many(1, 19, Sessions::session));

        ConnectionBudget budget = ConnectionBudget.of(snapshot);

        assertThat(budget.usable()).isEqualTo(15);
        assertThat(budget.available()).isZero();
        assertThat(budget.usedPercentOfUsable()).isCloseTo(126.67, within(0.01));
        assertThat(budget.headroom()).isEqualTo("0 of 15 usable connections free");
    }

    @Test
    void byStateCountsClientBackendsOnlyAndFoldsRareOrHiddenStatesIntoOther() {
        List<ActivityRow> rows = List.of(
                session(1).build(),
                session(2).idle().build(),
                session(3).state("idle in transaction", Duration.ofSeconds(3)).build(),
                session(4).state("idle in transaction (aborted)", Duration.ofSeconds(3)).build(),
                session(5).state("fastpath function call", Duration.ofSeconds(1)).build(),
                session(6).state(null, null).build(),
                session(7).background("autovacuum launcher").build(),
                session(8).background("walwriter").build());

        ConnectionBudget budget = ConnectionBudget.of(Sessions.snapshot(Sessions.server(8), rows));

        assertThat(budget.byState()).isEqualTo(new StateCounts(1, 1, 1, 1, 2));
        assertThat(budget.byState().byLabel()).containsExactly(
                entry("active", 1),
                entry("idle", 1),
                entry("idle in transaction", 1),
                entry("idle in transaction (aborted)", 1),
                entry("other", 2));
        assertThat(budget.unlisted()).isEqualTo(2);
    }

    @Test
    void breakdownPerApplicationCountsEachStateAndTheOldestOpenTransaction() {
        List<ActivityRow> rows = new ArrayList<>();
        rows.addAll(Sessions.many(1, 3, pid -> session(pid).app("web").idle()));
        rows.add(session(4).app("web").xact(Duration.ofSeconds(30)).build());
        rows.add(session(5).app("web").xact(Duration.ofSeconds(2)).build());
        rows.add(session(6).app("billing").state("idle in transaction", Duration.ofMinutes(12))
                .xact(Duration.ofMinutes(15)).build());
        rows.add(session(7).app("billing").state("idle in transaction (aborted)", Duration.ofMinutes(1))
                .xact(Duration.ofMinutes(2)).build());
        rows.add(session(8).app("").idle().build());

        ConnectionBudget budget = ConnectionBudget.of(Sessions.snapshot(Sessions.server(10), rows));

        assertThat(budget.byApplication()).extracting(ConnectionGroup::name).containsExactly("web", "billing", "");
        ConnectionGroup web = budget.byApplication().get(0);
        assertThat(web.total()).isEqualTo(5);
        assertThat(web.byState()).isEqualTo(new StateCounts(2, 3, 0, 0, 0));
        assertThat(web.oldestTransaction()).isEqualTo(Duration.ofSeconds(30));
        ConnectionGroup billing = budget.byApplication().get(1);
        assertThat(billing.byState()).isEqualTo(new StateCounts(0, 0, 1, 1, 0));
        assertThat(billing.oldestTransaction()).isEqualTo(Duration.ofMinutes(15));
        assertThat(budget.byApplication().get(2).oldestTransaction()).as("no transaction open").isNull();
    }

    @Test
    void breakdownsByUserDatabaseAndClientAddressGroupTheSameSessions() {
        List<ActivityRow> rows = List.of(
                session(1).user("app").db("shop").addr("10.0.0.1").build(),
                session(2).user("app").db("shop").addr("10.0.0.1").build(),
                session(3).user("report").db("dwh").addr(null).build());

        ConnectionBudget budget = ConnectionBudget.of(Sessions.snapshot(Sessions.server(3), rows));

        assertThat(budget.byUser()).extracting(ConnectionGroup::name, ConnectionGroup::total)
                .containsExactly(tuple("app", 2), tuple("report", 1));
        assertThat(budget.byDatabase()).extracting(ConnectionGroup::name).containsExactly("shop", "dwh");
        assertThat(budget.byClientAddress()).extracting(ConnectionGroup::name)
                .as("a Unix-socket session has no address").containsExactly("10.0.0.1", null);
    }

    @Test
    void limitIsNearCapAtEightyPercentOrWhenTwoOrFewerSlotsAreLeft() {
        List<ConnectionLimit> limits = List.of(
                new ConnectionLimit(ConnectionLimit.Kind.DATABASE, "shop", 100, 10),
                new ConnectionLimit(ConnectionLimit.Kind.ROLE, "app", 50, 40),
                new ConnectionLimit(ConnectionLimit.Kind.ROLE, "batch", 5, 3),
                new ConnectionLimit(ConnectionLimit.Kind.ROLE, "web", 50, 39));

        ConnectionBudget budget = ConnectionBudget.of(
                Sessions.snapshot(Sessions.server(0), List.of(), List.of(), limits));

        assertThat(budget.limits()).extracting(LimitUsage::name, LimitUsage::nearCap, LimitUsage::free)
                .containsExactly(
                        tuple("batch", true, 2),
                        tuple("app", true, 10),
                        tuple("web", false, 11),
                        tuple("shop", false, 90));
        assertThat(budget.limitsNearCap()).extracting(LimitUsage::name).containsExactly("batch", "app");
        assertThat(budget.limitsOf(ConnectionLimit.Kind.DATABASE)).singleElement()
                .extracting(LimitUsage::kindLabel).isEqualTo("database");
    }
}
