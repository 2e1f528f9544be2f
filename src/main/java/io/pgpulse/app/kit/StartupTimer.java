package io.pgpulse.app.kit;

import java.time.Duration;
import java.time.Instant;

import javafx.application.Platform;
import javafx.scene.Scene;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures cold start: from the process start (as the OS recorded it, so the launcher and JVM
 * boot count) to the first frame of the window. With the environment variable
 * {@code PGPULSE_STARTUP_EXIT=1} the app prints the figure and exits, which is how
 * installers/linux/measure-startup.sh times it (an installed launcher takes no JVM options).
 */
public final class StartupTimer {
    private static final Logger log = LoggerFactory.getLogger(StartupTimer.class);

    private StartupTimer() {}

    public static void watch(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // The frame of this pulse is rendered right after layout; the next runLater runs after it.
            Platform.runLater(() -> {
                Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
                long ms = Duration.between(started, Instant.now()).toMillis();
                log.info("First frame {} ms after process start", ms);
                if ("1".equals(System.getenv("PGPULSE_STARTUP_EXIT"))) {
                    io.pgpulse.cli.CliPrinter.system().result("first-frame-ms " + ms);
                    Platform.exit();
                    System.exit(0);
                }
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
