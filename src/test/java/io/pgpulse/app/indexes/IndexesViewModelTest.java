package io.pgpulse.app.indexes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;
import io.pgpulse.testing.TcpProxy;
import io.pgpulse.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Indexes view-model against a real server: what it lists, how it filters, and how it fails. */
class IndexesViewModelTest {
    static final String DATABASE = "pgpulse_indexes_vm";
    private final Background background = new Background(UiExecutor.direct());

    @BeforeAll
    static void build() {
        IndexesFixture.build(DATABASE);
    }

    @AfterEach
    void close() {
        background.close();
    }

    private static void awaitSettled(IndexesViewModel vm) {
        await().atMost(Duration.ofSeconds(30)).until(() -> vm.status() == IndexesViewModel.Status.LOADED
                || vm.status() == IndexesViewModel.Status.FAILED);
    }

    private static IndexRow row(IndexesViewModel vm, String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + vm.rows()));
    }

    @Test
    void listsEachProblemWithItsSizeMeaningAndDdl() throws Exception {
        try (MonitorConnection monitor = IndexesFixture.monitor(DATABASE)) {
            IndexesViewModel vm = new IndexesViewModel(monitor::borrow, background);
            assertThat(vm.status()).as("nothing is read before the page is shown").isEqualTo(IndexesViewModel.Status.NOT_LOADED);

            vm.shown();
            awaitSettled(vm);

            assertThat(vm.status()).isEqualTo(IndexesViewModel.Status.LOADED);
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(vm.statusTextProperty().get()).matches("Loaded at \\d\\d:\\d\\d:\\d\\d");
            assertThat(vm.rows()).extracting(IndexRow::kind, IndexRow::name).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Kind.UNUSED, IndexesFixture.UNUSED),
                    org.assertj.core.groups.Tuple.tuple(Kind.DUPLICATE, IndexesFixture.DUPLICATE),
                    org.assertj.core.groups.Tuple.tuple(Kind.PREFIX_COVERED, IndexesFixture.COVERED),
                    org.assertj.core.groups.Tuple.tuple(Kind.FOREIGN_KEY_WITHOUT_INDEX, IndexesFixture.FOREIGN_KEY));

            IndexRow unused = row(vm, IndexesFixture.UNUSED);
            assertThat(unused.qualifiedTable()).isEqualTo("shop.orders");
            assertThat(unused.sizeBytes()).isGreaterThan(100_000);
            assertThat(unused.size()).matches("\\d+(\\.\\d)? (kB|MB)");
            assertThat(unused.ddl()).isEqualTo("DROP INDEX CONCURRENTLY shop.orders_note_idx;");
            assertThat(unused.warning()).contains("idx_scan counts scans on this server only");
            assertThat(unused.meaning()).isEqualTo("No scans since statistics began");

            IndexRow duplicate = row(vm, IndexesFixture.DUPLICATE);
            assertThat(duplicate.meaning()).isEqualTo("Same definition as " + IndexesFixture.DUPLICATE_OF);
            assertThat(duplicate.ddl()).isEqualTo("DROP INDEX CONCURRENTLY shop.orders_customer_idx;");
            assertThat(duplicate.sizeBytes()).isPositive();

            assertThat(row(vm, IndexesFixture.COVERED).meaning())
                    .isEqualTo("Covered by orders_status_created_idx (status, created_at)");

            IndexRow fk = row(vm, IndexesFixture.FOREIGN_KEY);
            assertThat(fk.meaning()).isEqualTo("No index on (order_id): deletes on orders scan this table");
            assertThat(fk.size()).startsWith("table ");
            assertThat(fk.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY refunds_order_id_idx ON shop.refunds (order_id);");

            assertThat(vm.summaryProperty().get()).matches("1 unused index \\(\\d+(\\.\\d)? (kB|MB)\\) since statistics"
                    + " began · 1 duplicate \\(.+\\) · 1 covered by a wider index \\(.+\\)"
                    + " · 1 foreign key without an index");
            assertThat(vm.scopeProperty().get()).startsWith("Checked 9 indexes and 2 foreign keys in database "
                    + DATABASE + " · statistics never reset");
            assertThat(vm.databaseProperty().get()).isEqualTo(DATABASE);
            assertThat(vm.countProperty(Kind.INVALID).get()).isZero();
            assertThat(vm.selectedProperty().get()).as("the first finding is selected").isEqualTo(unused);

            String markdown = vm.markdown();
            assertThat(markdown).contains("# Index health", "DROP INDEX CONCURRENTLY shop.orders_note_idx;",
                    "CREATE INDEX CONCURRENTLY refunds_order_id_idx ON shop.refunds (order_id);");
        }
    }

    @Test
    void filteringByKindShowsOnlyThatKindAndMovesTheSelectionIntoIt() throws Exception {
        try (MonitorConnection monitor = IndexesFixture.monitor(DATABASE)) {
            IndexesViewModel vm = new IndexesViewModel(monitor::borrow, background);
            vm.refresh();
            awaitSettled(vm);

            vm.kindFilterProperty().set(Kind.FOREIGN_KEY_WITHOUT_INDEX);

            assertThat(vm.visibleRows()).extracting(IndexRow::name).containsExactly(IndexesFixture.FOREIGN_KEY);
            assertThat(vm.selectedProperty().get().name()).isEqualTo(IndexesFixture.FOREIGN_KEY);
            assertThat(vm.markdown()).contains("refunds_order_id_fkey").doesNotContain("orders_note_idx");

            vm.kindFilterProperty().set(Kind.INVALID);
            assertThat(vm.visibleRows()).isEmpty();
            assertThat(vm.selectedProperty().get()).isNull();

            vm.kindFilterProperty().set(null);
            assertThat(vm.visibleRows()).hasSize(4);
        }
    }

    @Test
    void refreshShowsTheFixAndKeepsTheSelectedFinding() throws Exception {
        String database = "pgpulse_indexes_fix";
        IndexesFixture.build(database);
        try (MonitorConnection monitor = IndexesFixture.monitor(database)) {
            IndexesViewModel vm = new IndexesViewModel(monitor::borrow, background);
            vm.refresh();
            awaitSettled(vm);
            vm.select(row(vm, IndexesFixture.DUPLICATE));

            IndexesFixture.execute(IndexesFixture.server(), database, row(vm, IndexesFixture.FOREIGN_KEY).ddl());
            vm.refresh();
            awaitSettled(vm);

            assertThat(vm.rows()).extracting(IndexRow::name).doesNotContain(IndexesFixture.FOREIGN_KEY);
            assertThat(vm.summaryProperty().get()).doesNotContain("foreign key");
            assertThat(vm.selectedProperty().get().name()).isEqualTo(IndexesFixture.DUPLICATE);
        } finally {
            IndexesFixture.execute(IndexesFixture.server(), "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void aCoveredIndexWhoseWiderIndexIsUnusedWarnsAgainstDroppingBoth() throws Exception {
        String database = "pgpulse_indexes_pair";
        TestServer pg = IndexesFixture.server();
        IndexesFixture.execute(pg, "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                "CREATE DATABASE " + database);
        IndexesFixture.execute(pg, database,
                "CREATE TABLE events (id int PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL)",
                "CREATE INDEX events_kind_at_idx ON events (kind, at)",
                "CREATE INDEX events_kind_idx ON events (kind)");
        try (MonitorConnection monitor = IndexesFixture.monitor(database)) {
            IndexesViewModel vm = new IndexesViewModel(monitor::borrow, background);
            vm.refresh();
            awaitSettled(vm);

            assertThat(vm.rows()).extracting(IndexRow::kind, IndexRow::name).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Kind.UNUSED, "events_kind_at_idx"),
                    org.assertj.core.groups.Tuple.tuple(Kind.PREFIX_COVERED, "events_kind_idx"));
            assertThat(row(vm, "events_kind_idx").warning()).startsWith("events_kind_at_idx, which makes this one"
                    + " redundant, is listed as unused: drop one of the two, never both.");
            assertThat(row(vm, "events_kind_at_idx").warning()).startsWith("events_kind_idx is listed as redundant"
                    + " because of this index: drop one of the two, never both.")
                    .contains("idx_scan counts scans on this server only");
        } finally {
            IndexesFixture.execute(pg, "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void aRoleThatMayNotConnectGetsTheGrantToAskForAndRecoversOnRefresh() {
        String database = "pgpulse_indexes_locked";
        String role = "pgpulse_indexes_outsider";
        TestServer pg = IndexesFixture.server();
        IndexesFixture.build(database);
        IndexesFixture.execute(pg, "postgres",
                "DROP ROLE IF EXISTS " + role,
                "CREATE ROLE " + role + " LOGIN PASSWORD 'outsider-pw'",
                "REVOKE CONNECT ON DATABASE " + database + " FROM PUBLIC");
        try {
            String url = "jdbc:postgresql://localhost:" + pg.port() + "/" + database;
            IndexesViewModel vm = new IndexesViewModel(() -> DriverManager.getConnection(url, role, "outsider-pw"), background,
                    null, role, java.time.ZoneId.systemDefault());
            vm.shown();
            awaitSettled(vm);

            assertThat(vm.status()).isEqualTo(IndexesViewModel.Status.FAILED);
            assertThat(vm.errorProperty().get())
                    .startsWith("The monitoring role may not connect to this database (permission denied for database "
                            + "\"" + database + "\")")
                    .doesNotContain("outsider-pw");
            assertThat(vm.errorFixProperty().get()).isEqualTo("GRANT CONNECT ON DATABASE " + database + " TO " + role + ";");
            assertThat(vm.statusTextProperty().get()).matches("Failed at \\d\\d:\\d\\d:\\d\\d");
            assertThat(vm.hasResultProperty().get()).isFalse();
            assertThat(vm.rows()).isEmpty();

            IndexesFixture.execute(pg, "postgres", "GRANT CONNECT ON DATABASE " + database + " TO " + role);
            vm.refresh();
            awaitSettled(vm);

            assertThat(vm.status()).isEqualTo(IndexesViewModel.Status.LOADED);
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(vm.errorFixProperty().get()).isEmpty();
            assertThat(vm.rows()).hasSize(4);
        } finally {
            IndexesFixture.execute(pg, "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                    "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aServerThatGoesAwayKeepsTheLastResultAndSaysTheConnectionWasLost() throws Exception {
        TcpProxy proxy = TcpProxy.forwardingTo(IndexesFixture.server().port());
        try (MonitorConnection monitor = IndexesFixture.monitor(proxy.port(), DATABASE)) {
            IndexesViewModel vm = new IndexesViewModel(monitor::borrow, background);
            vm.refresh();
            awaitSettled(vm);
            List<IndexRow> before = List.copyOf(vm.rows());

            proxy.close();
            proxy.dropConnections();
            vm.refresh();
            awaitSettled(vm);

            assertThat(vm.status()).isEqualTo(IndexesViewModel.Status.FAILED);
            assertThat(vm.errorProperty().get()).satisfiesAnyOf(
                    m -> assertThat(m).startsWith("Lost the connection to the server ("),
                    m -> assertThat(m).startsWith("Cannot reach the server (connection refused)"));
            assertThat(vm.errorProperty().get()).contains("press Refresh once the server answers again");
            assertThat(vm.statusTextProperty().get()).matches("Refresh failed at \\d\\d:\\d\\d:\\d\\d; showing the earlier result");
            assertThat(vm.rows()).containsExactlyElementsOf(before);
            assertThat(vm.hasResultProperty().get()).isTrue();
        } finally {
            proxy.close();
        }
    }

    @Test
    void aRefreshWhileOneIsRunningIsIgnored() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger borrows = new java.util.concurrent.atomic.AtomicInteger();
        try (MonitorConnection monitor = IndexesFixture.monitor(DATABASE)) {
            IndexesViewModel vm = new IndexesViewModel(() -> {
                borrows.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return monitor.borrow();
            }, background);
            vm.refresh();
            vm.refresh();
            assertThat(vm.status()).isEqualTo(IndexesViewModel.Status.LOADING);

            release.countDown();
            awaitSettled(vm);

            assertThat(borrows).hasValue(1);
            assertThat(vm.rows()).hasSize(4);
        }
    }
}
