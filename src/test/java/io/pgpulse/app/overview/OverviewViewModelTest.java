package io.pgpulse.app.overview;

import static io.pgpulse.app.overview.OverviewFixtures.T0;
import static io.pgpulse.app.overview.OverviewFixtures.active;
import static io.pgpulse.app.overview.OverviewFixtures.idle;
import static io.pgpulse.app.overview.OverviewFixtures.row;
import static io.pgpulse.app.overview.OverviewFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.collections.ListChangeListener;

import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.ConnectionLimit;
import io.pgpulse.core.sampling.SamplerStatus;
import io.pgpulse.core.sampling.Snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverviewViewModelTest {
    private final HistoryStore history = OverviewFixtures.history();
    private final OverviewViewModel vm = new OverviewViewModel(history, Runnable::run, UiExecutor.direct());

    private static List<ActivityRow> many(int firstPid, int n, java.util.function.IntFunction<ActivityRow> make) {
        List<ActivityRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(make.apply(firstPid + i));
        }
        return rows;
    }

    private static List<ActivityRow> shop(Instant at, int webIdle, int webActive, boolean billing) {
        List<ActivityRow> rows = new ArrayList<>(many(100, webIdle, pid -> idle(pid, "web", at)));
        rows.addAll(many(300, webActive, pid -> active(pid, "web", at)));
        if (billing) {
            rows.addAll(many(400, 3, pid -> row(pid, "billing", "billing", "shop", "10.0.0.9", "idle in transaction",
                    at.minus(Duration.ofHours(1)), at.minus(Duration.ofMinutes(2)), at)));
        }
        return rows;
    }

    private void feed(Snapshot s) {
        OverviewFixtures.record(history, s, 0, 10, 0, 0);
        vm.accept(s);
    }

    @Test
    void headroomAndBreakdownsFollowTheSnapshot() {
        feed(snapshot(1, T0, shop(T0, 20, 5, true)));

        assertThat(vm.headroomProperty().get()).isEqualTo("67 of 97 usable connections free");
        assertThat(vm.freeOfUsableProperty().get()).isEqualTo("67 of 97");
        assertThat(vm.usedProperty().get()).isEqualTo(30);
        assertThat(vm.maxConnectionsProperty().get()).isEqualTo(100);
        assertThat(vm.reservedProperty().get()).isEqualTo(3);
        assertThat(vm.levelProperty().get()).isEqualTo(OverviewViewModel.Level.OK);
        GroupRow web = vm.row(Dimension.APPLICATION, "web");
        assertThat(web.total()).isEqualTo(25);
        assertThat(web.activeProperty().get()).isEqualTo(5);
        assertThat(web.idleProperty().get()).isEqualTo(20);
        GroupRow billing = vm.row(Dimension.APPLICATION, "billing");
        assertThat(billing.idleInTransactionProperty().get()).isEqualTo(3);
        assertThat(billing.oldestTransactionProperty().get()).isEqualTo(Duration.ofMinutes(2));
        assertThat(vm.rows(Dimension.CLIENT)).extracting(GroupRow::name).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.9");
        assertThat(vm.rows(Dimension.USER)).extracting(GroupRow::name).containsExactlyInAnyOrder("app", "billing");
    }

    @Test
    void headroomTurnsWarningAtEightyAndCriticalAtNinetyFivePercentOfUsable() {
        feed(snapshot(1, T0, 78, List.of(), List.of()));
        OverviewViewModel.Level at80 = vm.levelProperty().get();
        feed(snapshot(2, T0.plusSeconds(1), 93, List.of(), List.of()));

        assertThat(at80).isEqualTo(OverviewViewModel.Level.WARNING);
        assertThat(vm.levelProperty().get()).isEqualTo(OverviewViewModel.Level.CRITICAL);
        assertThat(vm.usedPercentTextProperty().get()).isEqualTo("96 % of usable in use");
        assertThat(vm.findings()).first().satisfies(f -> {
            assertThat(f.severityProperty().get()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summaryProperty().get()).startsWith("93 of 97 usable connections are in use");
            assertThat(f.meaningProperty().get()).contains("too many clients");
            assertThat(f.nowProperty().get()).isNotEmpty();
            assertThat(f.nextTimeProperty().get()).contains("pooler");
        });
    }

    @Test
    void rowsAreUpdatedInPlaceAddedAndRemovedWithoutRebuildingTheList() {
        feed(snapshot(1, T0, shop(T0, 20, 5, true)));
        GroupRow web = vm.row(Dimension.APPLICATION, "web");
        List<String> changes = new ArrayList<>();
        vm.rows(Dimension.APPLICATION).addListener((ListChangeListener<GroupRow>) c -> {
            while (c.next()) {
                changes.add((c.wasAdded() ? "+" + c.getAddedSubList() : "") + (c.wasRemoved() ? "-" + c.getRemoved() : ""));
            }
        });
        Instant t1 = T0.plusSeconds(1);
        List<ActivityRow> next = shop(t1, 12, 9, false);
        next.add(active(900, "batch", t1));

        feed(snapshot(2, t1, next));

        assertThat(vm.row(Dimension.APPLICATION, "web")).isSameAs(web);
        assertThat(web.total()).isEqualTo(21);
        assertThat(vm.rows(Dimension.APPLICATION)).extracting(GroupRow::name).containsExactlyInAnyOrder("web", "batch");
        assertThat(changes).containsExactly("-[billing: 3]", "+[batch: 1]");
    }

    @Test
    void aRoleCloseToItsConnectionLimitIsShownOnItsRowAndAsAWarning() {
        List<ActivityRow> rows = many(100, 18, pid -> row(pid, "shop", "shop_app", "shop", "10.0.0.5", "idle",
                T0.minusSeconds(600), null, T0));
        feed(snapshot(1, T0, 20, rows, List.of(new ConnectionLimit(ConnectionLimit.Kind.ROLE, "shop_app", 20, 18))));

        GroupRow role = vm.row(Dimension.USER, "shop_app");
        assertThat(role.limitProperty().get()).isEqualTo("18 of 20 (role limit)");
        assertThat(role.nearLimitProperty().get()).isTrue();
        assertThat(vm.findings()).anySatisfy(f -> {
            assertThat(f.summaryProperty().get()).contains("Role \"shop_app\" uses 18 of its 20 connections");
            assertThat(f.meaningProperty().get()).contains("even though the server still has free slots");
        });
    }

    @Test
    void chartsAppendOnlyNewPointsOneRedrawPerRefreshAndDropPointsOutsideTheWindow() {
        vm.windowProperty().set(Duration.ofMinutes(5));
        AtomicInteger redraws = new AtomicInteger();
        vm.chart(OverviewCharts.STATES).addChangeListener(e -> redraws.incrementAndGet());
        int polls = 400;
        for (int i = 0; i < polls; i++) {
            Instant at = T0.plusSeconds(i);
            feed(snapshot(i + 1, at, shop(at, 10 + i % 5, 3, false)));
        }

        var states = vm.chart(OverviewCharts.STATES);
        assertThat(redraws.get()).isEqualTo(polls);
        assertThat(states.lastX()).isEqualTo(T0.plusSeconds(polls - 1).toEpochMilli());
        assertThat(states.lastX() - states.firstX()).isLessThanOrEqualTo(Duration.ofMinutes(5).plus(OverviewAnalysis.WINDOW_MARGIN).toMillis());
        assertThat(states.size()).isEqualTo(306);
        int last = states.size() - 1;
        assertThat(states.y(0, last)).isEqualTo(3);
        assertThat(states.y(1, last)).isEqualTo(10 + (polls - 1) % 5 + 2);
        assertThat(vm.chart(OverviewCharts.TPS).y(0, vm.chart(OverviewCharts.TPS).size() - 1)).isEqualTo(10);
        assertThat(vm.latestRateProperty(OverviewCharts.TPS).get()).isEqualTo("10.0/s now");
    }

    @Test
    void aWiderWindowReloadsTheChartsFromTheHistory() {
        Snapshot last = null;
        for (int i = 0; i < 2400; i++) {
            Instant at = T0.plusSeconds(i);
            last = snapshot(i + 1, at, shop(at, 2, 1, false));
            OverviewFixtures.record(history, last, 0, 1, 0, 0);
        }
        vm.accept(last);
        int fifteen = vm.chart(OverviewCharts.STATES).size();

        vm.windowProperty().set(Duration.ofMinutes(60));
        int sixty = vm.chart(OverviewCharts.STATES).size();
        vm.windowProperty().set(Duration.ofMinutes(5));

        assertThat(fifteen).isEqualTo(15 * 60 + 5 + 1);
        assertThat(sixty).isEqualTo(2400);
        assertThat(vm.chart(OverviewCharts.STATES).size()).isEqualTo(5 * 60 + 5 + 1);
    }

    @Test
    void windowsOtherThanTheOfferedOnesAreRefused() {
        vm.windowProperty().set(Duration.ofMinutes(7));

        assertThat(vm.windowProperty().get()).isEqualTo(OverviewViewModel.DEFAULT_WINDOW);
    }

    @Test
    void manyShortLivedConnectionsNameTheApplicationAndSuggestAPooler() {
        for (int i = 0; i < 30; i++) {
            Instant at = T0.plusSeconds(2L * i);
            List<ActivityRow> rows = new ArrayList<>(many(100, 5, pid -> idle(pid, "shop-api", at)));
            int tick = i;
            rows.addAll(many(1000 + 10 * i, 4, pid -> row(pid, "lambda-fn", "app", "shop", "10.1.0." + tick, "active",
                    at.minusMillis(300), at.minusMillis(200), at)));
            Snapshot s = snapshot(i + 1, at, rows);
            OverviewFixtures.record(history, s, 24.0, 50, 0, 0);
            vm.accept(s);
        }

        assertThat(vm.findings()).filteredOn(f -> f.key().equals("connection_churn")).singleElement().satisfies(f -> {
            assertThat(f.severityProperty().get()).isEqualTo(Severity.WARNING);
            assertThat(f.summaryProperty().get()).isEqualTo("Many short-lived connections: 24.0 new sessions per second over"
                    + " the last minute, most seen from application \"lambda-fn\" (116 new sessions caught by the polls).");
            assertThat(f.nowProperty().get()).contains("PgBouncer").contains("lower the pool size");
            assertThat(f.meaningProperty().get()).contains("without a pooler");
        });
    }

    @Test
    void aSteadyPoolRaisesNoChurnWarning() {
        for (int i = 0; i < 30; i++) {
            Instant at = T0.plusSeconds(2L * i);
            Snapshot s = snapshot(i + 1, at, many(100, 40, pid -> idle(pid, "shop-api", at)));
            OverviewFixtures.record(history, s, 0.2, 50, 0, 0);
            vm.accept(s);
        }

        assertThat(vm.findings()).noneMatch(f -> f.key().equals("connection_churn"));
    }

    @Test
    void aLostConnectionSaysTheFiguresAreFrozenUntilPollsSucceedAgain() {
        vm.onStatus(new SamplerStatus.Reconnecting(T0.plusSeconds(4), 2, T0, "connection lost (08006)"));
        String lost = vm.connectionNoteProperty().get();
        vm.onStatus(new SamplerStatus.Connected(T0.plusSeconds(9)));

        assertThat(lost).contains("Connection to the server lost (connection lost (08006)); reconnecting, attempt 2")
                .contains("frozen");
        assertThat(vm.connectionNoteProperty().get()).isEmpty();
    }

    @Test
    void exportWritesThePngAndReportsWhereItWent(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("chart.png");

        vm.exportPng(new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB), target);

        assertThat(Files.readAllBytes(target)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(vm.exportStatusProperty().get()).isEqualTo("Saved " + target);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
