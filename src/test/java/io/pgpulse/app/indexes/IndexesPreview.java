package io.pgpulse.app.indexes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.kit.Page;
import io.pgpulse.app.shell.MainWindow;
import io.pgpulse.app.shell.StatusViewModel;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.indexes.IndexHealthItem.Kind;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.demo.DemoEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Indexes page in the real shell on the demo shop, after giving it the index problems a
 * shop collects over the years: an unused index or two, a duplicate, an index covered by a wider
 * one, and an invalid index from a failed concurrent build (the demo schema already has foreign
 * keys without an index). The demo's traffic runs for a while first, so the indexes it uses have
 * scans. Run from the test class path (see docs/indexes.md).
 *
 * <p>Arguments: {@code light} for the light theme; {@code select=NAME} selects that finding;
 * {@code filter=KIND} (e.g. {@code foreign_key_without_index}) filters; {@code reset} resets the
 * statistics first (the short-history note); {@code fail} reads as a role that may not connect
 * (the failure state); {@code healthy} reads a database with nothing to report (the empty state);
 * {@code shot=FILE.png} saves the window once loaded and exits.
 */
public final class IndexesPreview {
    private static final Logger log = LoggerFactory.getLogger(IndexesPreview.class);

    private IndexesPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Separate from the launcher: a main class that extends Application makes java demand JavaFX modules. */
    public static final class App extends Application {
        private DemoEnvironment demo;
        private LiveSession live;
        private AppContext context;

        @Override
        public void start(Stage stage) {
            Map<String, String> args = new HashMap<>();
            for (String a : getParameters().getRaw()) {
                int eq = a.indexOf('=');
                args.put(eq < 0 ? a : a.substring(0, eq), eq < 0 ? "" : a.substring(eq + 1));
            }
            ThemeManager themes = new ThemeManager(args.containsKey("light") ? AppTheme.LIGHT : AppTheme.DARK);
            themes.applyUserAgentStylesheet();
            context = new AppContext(new FxUiExecutor(), themes);
            context.background().run(() -> {
                demo = DemoEnvironment.start();
                collectProblems(demo, args.containsKey("reset"));
                return MonitorSession.open(ConnectionInputParser.forSystem().parse(demo.monitorUri()).target(),
                        MonitorSettings.defaults());
            }, session -> {
                // Let the demo's traffic scan the indexes it uses before the page reads idx_scan.
                PauseTransition traffic = new PauseTransition(Duration.seconds(12));
                traffic.setOnFinished(e -> show(stage, themes, session, args));
                traffic.play();
            }, e -> {
                log.error("The preview could not start the demo", e);
                Platform.exit();
            });
        }

        private void show(Stage stage, ThemeManager themes, MonitorSession session, Map<String, String> args) {
            live = new LiveSession(session, context.ui(), "demo");
            IndexesPage page;
            if (args.containsKey("fail")) {
                String url = demo.monitorJdbcUrl();
                page = new IndexesPage(new IndexesViewModel(() -> DriverManager.getConnection(url, "preview_outsider",
                        "outsider"), context.background(), null, "preview_outsider", java.time.ZoneId.systemDefault()));
            } else if (args.containsKey("healthy")) {
                String url = demo.monitorJdbcUrl().replace("/" + DemoEnvironment.DATABASE, "/healthy");
                String user = demo.monitorUser();
                page = new IndexesPage(() -> DriverManager.getConnection(url, user, ""), context.background());
            } else {
                page = new IndexesPage(live, context);
            }
            MainWindow main = new MainWindow(List.<Page>of(page), new StatusViewModel(live), themes, Platform::exit);
            Scene scene = new Scene(main.root(), 1400, 900);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setTitle("PgPulse — " + page.title());
            stage.setScene(scene);
            stage.show();
            live.start();
            IndexesViewModel vm = page.viewModel();
            vm.statusProperty().addListener((obs, old, now) -> {
                if (now != IndexesViewModel.Status.LOADED && now != IndexesViewModel.Status.FAILED) {
                    return;
                }
                if (args.containsKey("filter")) {
                    vm.kindFilterProperty().set(Kind.valueOf(args.get("filter").toUpperCase(java.util.Locale.ROOT)));
                }
                if (args.containsKey("select")) {
                    vm.visibleRows().stream().filter(r -> r.name().equals(args.get("select"))).findFirst()
                            .ifPresent(vm::select);
                }
                if (args.containsKey("shot")) {
                    PauseTransition settle = new PauseTransition(Duration.seconds(1));
                    settle.setOnFinished(e -> {
                        save(scene, Path.of(args.get("shot")));
                        Platform.exit();
                    });
                    settle.play();
                }
            });
        }

        private static void save(Scene scene, Path file) {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
                log.info("Saved {}", file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Years of a shop's index history, in a few statements; runs as the superuser. */
        private static void collectProblems(DemoEnvironment demo, boolean resetStatistics) throws SQLException {
            try (Connection c = DriverManager.getConnection(demo.monitorJdbcUrl(), demo.monitorUser(), "");
                 Statement s = c.createStatement()) {
                for (String sql : List.of(
                        "CREATE INDEX orders_shipping_address_idx ON orders (shipping_address)",
                        "CREATE INDEX orders_created_at_idx ON orders (created_at)",
                        "CREATE INDEX orders_customer_idx ON orders (customer_id)",
                        "CREATE INDEX orders_status_idx ON orders (status)",
                        "CREATE INDEX order_items_product_quantity_idx ON order_items (product_id, quantity) WHERE quantity > 2",
                        "CREATE ROLE preview_outsider LOGIN PASSWORD 'outsider'",
                        "REVOKE CONNECT ON DATABASE " + DemoEnvironment.DATABASE + " FROM PUBLIC")) {
                    s.execute(sql);
                }
                try {
                    s.execute("CREATE UNIQUE INDEX CONCURRENTLY customers_country_key ON customers (country)");
                } catch (SQLException expected) {
                    // Fails on the duplicate countries and leaves an invalid index behind, as in production.
                }
                if (resetStatistics) {
                    s.execute("SELECT pg_stat_reset()");
                }
                s.execute("CREATE DATABASE healthy");
            }
            try (Connection c = DriverManager.getConnection(demo.monitorJdbcUrl().replace("/" + DemoEnvironment.DATABASE,
                    "/healthy"), demo.monitorUser(), ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE parents (id int PRIMARY KEY)");
                s.execute("CREATE TABLE children (id int PRIMARY KEY, parent_id int REFERENCES parents)");
                s.execute("CREATE UNIQUE INDEX children_parent_unique ON children (parent_id, id)");
            }
        }

        @Override
        public void stop() {
            if (live != null) {
                live.close();
            }
            if (demo != null) {
                demo.close();
            }
            if (context != null) {
                context.close();
            }
        }
    }
}
