package io.pgpulse.app.queries;

import static io.pgpulse.core.statements.query.SyntheticStatements.delta;
import static io.pgpulse.core.statements.query.SyntheticStatements.key;
import static io.pgpulse.core.statements.query.SyntheticStatements.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.QueryFigures;
import io.pgpulse.core.statements.query.QueryWindow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rows of the table across refreshes: kept and updated in place, dropped when their statement
 * leaves the window, and shown filtered and in the order asked, also when the order changes while
 * a refresh is being computed. The test thread plays the UI thread: it runs what the background
 * hands to the UI, when it chooses to.
 */
class QueriesViewModelRowsTest {
    private static final Map<Long, QueryText> TEXTS = Map.of(
            1L, text(1, "SELECT * FROM orders WHERE status = $1"),
            2L, text(2, "SELECT name FROM customers WHERE id = $1"),
            3L, text(3, "UPDATE orders SET status = $1 WHERE id = $2"),
            4L, text(4, "SELECT count(*) FROM customers"));

    /** Tasks for the UI thread, run by the test when it says so. */
    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final SyntheticQueries data = new SyntheticQueries(ui::add, TEXTS, id -> Optional.empty());
    private final QueriesViewModel vm = data.viewModel();

    @AfterEach
    void close() {
        data.close();
    }

    /** Runs UI tasks as they arrive until {@code done}, for at most 10 s. */
    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            Runnable task = ui.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (task == null) {
                throw new AssertionError("the UI thread was given nothing more to do within 10 s");
            }
            task.run();
        }
    }

    private void refresh(List<StatementDelta> deltas) throws InterruptedException {
        Snapshot snapshot = data.poll(deltas);
        vm.onSnapshot(snapshot);
        runUiUntil(() -> vm.appliedSequence() >= snapshot.sequence());
    }

    private static List<StatementDelta> poll(long callsOf1, long callsOf2, long callsOf3) {
        List<StatementDelta> out = new ArrayList<>();
        if (callsOf1 > 0) {
            out.add(delta(key(1), 2, callsOf1, callsOf1 * 8.0, callsOf1 * 20));
        }
        if (callsOf2 > 0) {
            out.add(delta(key(2), 2, callsOf2, callsOf2 * 0.05, callsOf2));
        }
        if (callsOf3 > 0) {
            out.add(delta(key(3), 2, callsOf3, callsOf3 * 1.0, callsOf3));
        }
        return out;
    }

    private List<StatementKey> shown() {
        return vm.visibleRows().stream().map(QueryRow::key).toList();
    }

    @Test
    void rowsAreUpdatedInPlaceAndDroppedWhenTheirStatementLeavesTheWindow() throws InterruptedException {
        vm.windowProperty().set(QueryWindow.LAST_REFRESH);
        refresh(poll(10, 300, 5));
        refresh(poll(10, 300, 5));
        QueryRow first = vm.rows().stream().filter(r -> r.key().equals(key(1))).findFirst().orElseThrow();
        QueryFigures before = first.figures();

        refresh(poll(40, 300, 0));

        assertThat(vm.rows()).extracting(QueryRow::key).containsExactlyInAnyOrder(key(1), key(2));
        assertThat(vm.rows()).as("the same row object, with new figures").contains(first);
        assertThat(first.figures()).isNotSameAs(before);
        assertThat(first.figures().calls()).isEqualTo(40);
        assertThat(shown()).as("heaviest first by default").containsExactly(key(1), key(2));

        refresh(poll(0, 300, 7));
        refresh(poll(12, 300, 7));

        assertThat(vm.rows()).extracting(QueryRow::key).containsExactlyInAnyOrder(key(1), key(2), key(3));
        assertThat(vm.rows()).as("a statement that came back has a new row").doesNotContain(first);
        assertThat(vm.rows().stream().filter(r -> r.key().equals(key(1))).findFirst().orElseThrow().figures().calls())
                .isEqualTo(12);
    }

    @Test
    void refreshesArriveFilteredAndInTheOrderSet() throws InterruptedException {
        vm.windowProperty().set(QueryWindow.LAST_REFRESH);
        refresh(poll(10, 300, 5));
        vm.setOrder(Comparator.comparingLong(QueryFigures::calls));
        assertThat(shown()).containsExactly(key(3), key(1), key(2));

        refresh(poll(400, 300, 5));
        assertThat(shown()).containsExactly(key(3), key(2), key(1));

        vm.filterTextProperty().set("ORDERS");
        assertThat(shown()).containsExactly(key(3), key(1));
        refresh(poll(1, 300, 50));
        assertThat(shown()).containsExactly(key(1), key(3));
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void anOrderChangedWhileARefreshIsComputedIsTheOneShown() throws InterruptedException {
        vm.windowProperty().set(QueryWindow.LAST_REFRESH);
        refresh(poll(10, 300, 5));
        Snapshot next = data.poll(poll(20, 30, 25));
        vm.onSnapshot(next);
        // The background computes with the order in force now; the reader re-sorts before it lands.
        Runnable arrived = ui.poll(10, TimeUnit.SECONDS);
        assertThat(arrived).isNotNull();
        vm.setOrder(Comparator.comparingLong(QueryFigures::calls).reversed());
        arrived.run();
        runUiUntil(() -> vm.appliedSequence() >= next.sequence());

        assertThat(shown()).containsExactly(key(2), key(3), key(1));
        assertThat(vm.visibleRows()).extracting(r -> r.figures().calls()).containsExactly(30L, 25L, 20L);
    }
}
