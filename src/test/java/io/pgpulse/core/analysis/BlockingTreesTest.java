package io.pgpulse.core.analysis;

import static io.pgpulse.core.analysis.Sessions.NOW;
import static io.pgpulse.core.analysis.Sessions.holds;
import static io.pgpulse.core.analysis.Sessions.session;
import static io.pgpulse.core.analysis.Sessions.waits;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.LockRow;

class BlockingTreesTest {

    private static List<BlockingTree> incident() {
        return BlockingTrees.of(Incident.snapshot());
    }

    @Test
    void idleTransactionHoldingUpAMigrationIsTheFirstRoot() {
        List<BlockingTree> trees = incident();

        assertThat(trees).extracting(t -> t.root().pid()).containsExactly(100, 400);
        BlockingNode root = trees.get(0).root();
        assertThat(root.state()).isEqualTo("idle in transaction");
        assertThat(root.isWaiting()).isFalse();
        assertThat(root.waiting()).isNull();
        assertThat(root.stateAge()).isEqualTo(Duration.ofMinutes(12));
        assertThat(root.transactionAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(root.totalWaiters()).isEqualTo(6);
        assertThat(trees.get(0).deadlock()).isFalse();
    }

    @Test
    void rootShowsTheStrongestModeItHoldsOnTheContestedTable() {
        BlockingNode root = incident().get(0).root();

        assertThat(root.lockMode()).isEqualTo("RowExclusiveLock");
        assertThat(root.lockGranted()).isTrue();
        assertThat(root.relation()).isEqualTo(Incident.ORDERS);
    }

    @Test
    void migrationWaitsForAccessExclusiveWithTheSelectsQueuedBeneathIt() {
        BlockingNode ddl = incident().get(0).root().children().get(0);

        assertThat(ddl.pid()).isEqualTo(200);
        assertThat(ddl.lockMode()).isEqualTo("AccessExclusiveLock");
        assertThat(ddl.lockGranted()).isFalse();
        assertThat(ddl.lockType()).isEqualTo("relation");
        assertThat(ddl.relation()).isEqualTo(Incident.ORDERS);
        assertThat(ddl.waiting()).isEqualTo(Duration.ofSeconds(42));
        assertThat(ddl.query()).isEqualTo(Incident.ALTER);
        assertThat(ddl.blockedBy()).containsExactly(100);
        assertThat(ddl.totalWaiters()).isEqualTo(5);
        assertThat(ddl.children()).extracting(BlockingNode::pid).containsExactly(301, 302, 303, 304, 305);
        assertThat(ddl.children()).allSatisfy(select -> {
            assertThat(select.lockMode()).isEqualTo("AccessShareLock");
            assertThat(select.totalWaiters()).isZero();
        });
        assertThat(ddl.children().get(0).waiting()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void rowLockChainIsThreeDeepAndNamesTheTableOfTheTupleLock() {
        BlockingTree chain = incident().get(1);

        BlockingNode holder = chain.root();
        BlockingNode first = holder.children().get(0);
        BlockingNode second = first.children().get(0);
        assertThat(List.of(holder.pid(), first.pid(), second.pid())).containsExactly(400, 401, 402);
        assertThat(holder.lockType()).isEqualTo("transactionid");
        assertThat(holder.lockMode()).isEqualTo("ExclusiveLock");
        assertThat(holder.lockGranted()).isTrue();
        assertThat(first.lockType()).isEqualTo("transactionid");
        assertThat(first.lockMode()).isEqualTo("ShareLock");
        assertThat(first.relation()).as("from the tuple lock it holds").isEqualTo(Incident.ACCOUNTS);
        assertThat(second.lockType()).isEqualTo("tuple");
        assertThat(second.relation()).isEqualTo(Incident.ACCOUNTS);
        assertThat(holder.totalWaiters()).isEqualTo(2);
        assertThat(first.totalWaiters()).isEqualTo(1);
        assertThat(second.children()).isEmpty();
    }

    @Test
    void rootsWithEqualWaitersAreOrderedByTheOldestWait() {
        List<ActivityRow> rows = List.of(
                session(1).build(), session(2).build(),
                session(11).waitsFor(1).build(),
                session(12).waitsFor(2).build());
        List<LockRow> locks = List.of(
                waits(11, "RowExclusiveLock", "public.a", 1, Duration.ofSeconds(3)),
                waits(12, "RowExclusiveLock", "public.b", 2, Duration.ofSeconds(30)));

        assertThat(BlockingTrees.of(rows, locks, NOW)).extracting(t -> t.root().pid()).containsExactly(2, 1);
    }

    @Test
    void waiterBlockedByTwoHoldersAppearsInBothTreesButIsCountedOnceOverall() {
        List<ActivityRow> rows = List.of(
                session(1).state("idle in transaction", Duration.ofMinutes(3)).build(),
                session(2).state("idle in transaction", Duration.ofMinutes(2)).build(),
                session(3).query("ALTER TABLE t ADD c int").waitsFor(1, 2).build(),
                session(4).waitsFor(3).build());

        List<BlockingTree> trees = BlockingTrees.of(rows, List.of(), NOW);

        assertThat(trees).extracting(t -> t.root().pid()).containsExactly(1, 2);
        assertThat(trees).allSatisfy(t -> {
            assertThat(t.totalWaiters()).isEqualTo(2);
            assertThat(t.root().children()).extracting(BlockingNode::pid).containsExactly(3);
        });
        assertThat(BlockingTrees.waitingSessions(trees)).isEqualTo(2);
    }

    @Test
    void sessionsQueuedForTheSameLockAppearOnceUnderTheBlockerNearestTheRoot() {
        // pg_blocking_pids names the holder and every conflicting waiter queued ahead.
        List<ActivityRow> rows = List.of(
                session(1).build(),
                session(2).waitsFor(1).build(),
                session(3).waitsFor(1, 2).build(),
                session(4).waitsFor(1, 2, 3).build(),
                session(5).waitsFor(1, 2, 3, 4).build());

        BlockingTree tree = BlockingTrees.of(rows, List.of(), NOW).get(0);

        assertThat(tree.root().children()).extracting(BlockingNode::pid).containsExactlyInAnyOrder(2, 3, 4, 5);
        assertThat(tree.root().walk()).hasSize(5);
        assertThat(tree.totalWaiters()).isEqualTo(4);
        assertThat(tree.node(4).orElseThrow().blockedBy()).containsExactly(1, 2, 3);
        assertThat(tree.queuedBehind(2)).containsExactlyInAnyOrder(3, 4, 5);
    }

    @Test
    void cycleIsRootedAtItsLowestPidAndFlaggedAsDeadlock() {
        List<ActivityRow> rows = List.of(
                session(602).waitsFor(601).build(),
                session(601).waitsFor(602).build(),
                session(603).waitsFor(602).build());

        List<BlockingTree> trees = BlockingTrees.of(rows, List.of(), NOW);

        assertThat(trees).singleElement().satisfies(tree -> {
            assertThat(tree.deadlock()).isTrue();
            assertThat(tree.root().pid()).isEqualTo(601);
            assertThat(tree.root().inCycle()).isTrue();
            assertThat(tree.root().isWaiting()).isTrue();
            assertThat(tree.totalWaiters()).isEqualTo(2);
            assertThat(tree.node(602).orElseThrow().inCycle()).isTrue();
            assertThat(tree.node(603).orElseThrow().inCycle()).isFalse();
        });
    }

    @Test
    void cycleThatAHolderAlsoBlocksGetsNoExtraRoot() {
        List<ActivityRow> rows = List.of(
                session(1).build(),
                session(2).waitsFor(1, 3).build(),
                session(3).waitsFor(2).build());

        List<BlockingTree> trees = BlockingTrees.of(rows, List.of(), NOW);

        assertThat(trees).singleElement().satisfies(tree -> {
            assertThat(tree.root().pid()).isEqualTo(1);
            assertThat(tree.deadlock()).isTrue();
            assertThat(tree.root().walk().filter(BlockingNode::inCycle)).extracting(BlockingNode::pid)
                    .containsExactly(2, 3);
        });
    }

    @Test
    void blockerMissingFromActivityIsAnUnlistedRoot() {
        List<ActivityRow> rows = List.of(session(5).waitsFor(0).build());

        BlockingNode root = BlockingTrees.of(rows, List.of(), NOW).get(0).root();

        assertThat(root.pid()).isZero();
        assertThat(root.listed()).isFalse();
        assertThat(root.state()).isNull();
        assertThat(root.totalWaiters()).isEqualTo(1);
    }

    @Test
    void waitFallsBackToTheStateChangeWhileWaitStartIsNotSetYet() {
        List<ActivityRow> rows = List.of(session(1).build(),
                session(2).state("active", Duration.ofSeconds(7)).waitsFor(1).build());
        List<LockRow> locks = List.of(holds(1, "AccessExclusiveLock", "public.t", 5),
                new LockRow(2, "relation", "AccessShareLock", false, 5L, "public.t", null, null, null));

        BlockingNode waiter = BlockingTrees.of(rows, locks, NOW).get(0).root().children().get(0);

        assertThat(waiter.waiting()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void nobodyWaitingMeansNoTrees() {
        assertThat(BlockingTrees.of(List.of(session(1).build(), session(2).idle().build()), List.of(), NOW)).isEmpty();
    }

    @Test
    void longWaitChainIsBuiltWithoutRecursion() {
        List<ActivityRow> rows = new ArrayList<>();
        rows.add(session(1).build());
        for (int pid = 2; pid <= 20_000; pid++) {
            rows.add(session(pid).waitsFor(pid - 1).build());
        }

        List<BlockingTree> trees = BlockingTrees.of(rows, List.of(), NOW);

        assertThat(trees).singleElement().satisfies(t -> {
            assertThat(t.totalWaiters()).isEqualTo(19_999);
            assertThat(t.root().walk()).hasSize(20_000);
        });
    }
}
