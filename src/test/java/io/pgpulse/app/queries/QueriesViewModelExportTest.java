package io.pgpulse.app.queries;

import static io.pgpulse.core.statements.query.SyntheticStatements.delta;
import static io.pgpulse.core.statements.query.SyntheticStatements.key;
import static io.pgpulse.core.statements.query.SyntheticStatements.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.statements.query.QueryFigures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaves the view-model (the table as CSV, a statement as Markdown or for EXPLAIN), and its
 * filters, on hand-made polls.
 */
class QueriesViewModelExportTest {
    private static final String FULL = "SELECT id, total FROM orders WHERE reference_code = $1 AND status <> $2";
    private static final Map<Long, QueryText> TEXTS = Map.of(
            1L, new QueryText(1, "SELECT id, total FROM orders WHERE reference_code = $1", FULL.length()),
            2L, text(2, "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.id = $1"));

    private final SyntheticQueries data = new SyntheticQueries(UiExecutor.direct(), TEXTS,
            id -> id == 1 ? Optional.of(FULL) : Optional.empty());
    private final QueriesViewModel vm = data.viewModel();

    @AfterEach
    void close() {
        data.close();
    }

    private void polls(int n) {
        for (int i = 0; i < n; i++) {
            var snapshot = data.poll(List.of(delta(key(1), 2, 20, 900, 20), delta(key(2), 2, 300, 6, 300)));
            vm.onSnapshot(snapshot);
            await().atMost(Duration.ofSeconds(10)).until(() -> vm.appliedSequence() >= snapshot.sequence());
        }
    }

    @Test
    void theTableIsWrittenAsCsvInTheBackground(@TempDir Path dir) throws Exception {
        polls(3);
        Path file = dir.resolve(vm.suggestedCsvName());
        assertThat(file.getFileName().toString()).matches("pgpulse-queries-one-minute-\\d{8}-\\d{6}\\.csv");

        vm.exportCsv(file, vm.table().rows());

        await().atMost(Duration.ofSeconds(10)).until(() -> vm.messageProperty().get().startsWith("Exported"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("1,shop,shop_app,true,60,").endsWith(",slow,,\"SELECT id, total FROM orders"
                + " WHERE reference_code = $1\"");
        assertThat(vm.messageProperty().get()).isEqualTo("Exported 2 statements to " + file.getFileName() + ".");
    }

    @Test
    void theSelectedStatementIsCopiedAsMarkdownWithItsFullTextAndHandedToExplain() {
        polls(2);
        vm.select(key(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.fullTextLoadedProperty().get());

        String md = vm.markdownForSelected();
        assertThat(md).startsWith("### Query 1 — ").contains("on synthetic:5432/shop.")
                .contains("| Calls | 40 (10.0 /s) |")
                .contains("WHERE reference_code = $1\n  AND status <> $2\n```");
        assertThat(vm.sqlForSelected()).isEqualTo("SELECT id, total\nFROM orders\nWHERE reference_code = $1\n"
                + "  AND status <> $2");

        StringBuilder handed = new StringBuilder();
        vm.explain();
        assertThat(handed).as("no EXPLAIN view wired yet: nothing happens").isEmpty();
        vm.onExplainProperty().set(handed::append);
        vm.explain();
        assertThat(handed.toString()).isEqualTo(FULL);
    }

    @Test
    void filtersNarrowTheVisibleRowsWithoutTouchingTheRows() {
        polls(2);
        assertThat(vm.visibleRows()).hasSize(2);
        vm.filterTextProperty().set("CUSTOMERS");
        assertThat(vm.visibleRows()).extracting(QueryRow::key).containsExactly(key(2));
        vm.filterTextProperty().set("");
        vm.flaggedOnlyProperty().set(true);
        assertThat(vm.visibleRows()).extracting(r -> r.figures().queryId()).containsExactly(1L);
        vm.flaggedOnlyProperty().set(false);
        vm.userFilterProperty().set("nobody");
        assertThat(vm.visibleRows()).isEmpty();
        polls(1);
        assertThat(vm.visibleRows()).isEmpty();
        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.users()).as("a chosen value stays offered while no row has it").containsExactly("nobody", "shop_app");
        QueryFigures slow = vm.table().row(key(1)).orElseThrow();
        assertThat(slow.slow()).isTrue();
    }
}
