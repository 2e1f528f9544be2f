package io.pgpulse.app.queries;

import java.time.Duration;
import java.util.Optional;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.FxUiExecutor;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.analysis.RepeatedQuery;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.session.MonitorSession;
import io.pgpulse.demo.DemoEnvironment;
import io.pgpulse.demo.Scenario;

/**
 * Shows the Queries page alone on the demo server with the N+1 and slow-query scenarios on, to
 * look at it before it is in the navigation. Options (system properties): {@code preview.theme=light},
 * {@code preview.select=n1|first} selects a row after {@code preview.selectAfter} seconds (default
 * 25), {@code preview.window=FIVE_MINUTES}, {@code preview.stopNPlusOneAfter=N} switches the loop
 * off after N seconds to watch the flag clear.
 */
public final class QueriesPreview {
    private QueriesPreview() {
    }

    /** A launcher outside the Application class, so that JavaFX may come from the class path. */
    public static void main(String[] args) {
        Application.launch(Preview.class, args);
    }

    public static final class Preview extends Application {
        private DemoEnvironment demo;
        private LiveSession live;
        private AppContext context;

        @Override
        public void start(Stage stage) {
            AppTheme theme = "light".equals(System.getProperty("preview.theme")) ? AppTheme.LIGHT : AppTheme.DARK;
            Application.setUserAgentStylesheet(theme == AppTheme.DARK ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            context = new AppContext(new FxUiExecutor(), new ThemeManager(theme));
            context.background().run(() -> {
                demo = DemoEnvironment.start();
                demo.workload().enable(Scenario.N_PLUS_ONE);
                demo.workload().enable(Scenario.SLOW_QUERY);
                String uri = demo.monitorUri();
                String database = System.getProperty("preview.database");
                if (database != null) {
                    uri = uri.substring(0, uri.lastIndexOf('/') + 1) + database;
                }
                return MonitorSession.open(ConnectionInputParser.forSystem().parse(uri).target(),
                        MonitorSettings.defaults());
            }, session -> show(stage, session), e -> {
                throw new IllegalStateException("The preview could not start the demo", e);
            });
        }

        private void show(Stage stage, MonitorSession session) {
            live = new LiveSession(session, context.ui(), "demo");
            QueriesPage page = new QueriesPage(live, context);
            Optional.ofNullable(System.getProperty("preview.window"))
                    .ifPresent(w -> page.viewModel().windowProperty().set(io.pgpulse.core.statements.query.QueryWindow.valueOf(w)));
            Scene scene = new Scene(new javafx.scene.layout.StackPane(page.view()), 1600, 1000);
            scene.getStylesheets().add(ThemeManager.appStylesheet());
            stage.setScene(scene);
            stage.setTitle("PgPulse — Queries preview");
            stage.show();
            live.start();
            String select = System.getProperty("preview.select");
            if (select != null) {
                PauseTransition wait = new PauseTransition(javafx.util.Duration.seconds(
                        Double.parseDouble(System.getProperty("preview.selectAfter", "25"))));
                wait.setOnFinished(e -> {
                    QueriesViewModel vm = page.viewModel();
                    if ("n1".equals(select)) {
                        vm.findings().stream().filter(RepeatedQuery::isNPlusOne).findFirst()
                                .ifPresent(r -> vm.select(r.lookup()));
                    } else if (!vm.rows().isEmpty() && vm.table() != null && !vm.table().rows().isEmpty()) {
                        vm.select(vm.table().rows().get(0).key());
                    }
                });
                wait.play();
            }
            String stopAfter = System.getProperty("preview.stopNPlusOneAfter");
            if (stopAfter != null) {
                PauseTransition stop = new PauseTransition(javafx.util.Duration.seconds(Double.parseDouble(stopAfter)));
                stop.setOnFinished(e -> context.background().run(() -> demo.workload().disable(Scenario.N_PLUS_ONE).get(),
                        ok -> { }, err -> { }));
                stop.play();
            }
        }

        @Override
        public void stop() {
            Duration grace = Duration.ofSeconds(5);
            Thread closer = new Thread(() -> {
                if (live != null) {
                    live.close();
                }
                if (demo != null) {
                    demo.close();
                }
            });
            closer.start();
            try {
                closer.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Platform.exit();
        }
    }
}
