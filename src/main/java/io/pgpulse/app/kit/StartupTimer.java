package io.pgpulse.app.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javafx.application.Platform;
import javafx.scene.Scene;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures cold start: from the start of the process to the first frame of the window. With the
 * environment variable {@code PGPULSE_STARTUP_EXIT=1} the app prints the figure and exits, which is
 * how installers/linux/measure-startup.sh times it (an installed launcher takes no JVM options).
 */
public final class StartupTimer {
    private static final Logger log = LoggerFactory.getLogger(StartupTimer.class);

    /** Set by measure-startup.sh to the time, in epoch milliseconds, at which it started the launcher. */
    static final String ORIGIN_VARIABLE = "PGPULSE_STARTUP_T0";

    private StartupTimer() {}

    public static void watch(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // The frame of this pulse is rendered right after layout; the next runLater runs after it.
            Platform.runLater(() -> {
                Instant now = Instant.now();
                long ms = Duration.between(origin(System.getenv()), now).toMillis();
                log.info("First frame {} ms after the start", ms);
                if ("1".equals(System.getenv("PGPULSE_STARTUP_EXIT"))) {
                    io.pgpulse.cli.CliPrinter.system().result("first-frame-ms " + ms);
                    Platform.exit();
                    System.exit(0);
                }
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /**
     * When the start began: the launch time the measuring script passes, which is exact, else the
     * JVM's start time, which leaves out only the launcher's first milliseconds. Not the operating
     * system's process start time: on Linux Java computes it from the boot time in whole seconds,
     * so it is off by up to a second (by ~250 ms on the machine this was measured on).
     */
    static Instant origin(Map<String, String> environment) {
        String given = environment.get(ORIGIN_VARIABLE);
        if (given != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(given.strip()));
            } catch (NumberFormatException e) {
                log.warn("Ignoring {}={}: not a time in epoch milliseconds", ORIGIN_VARIABLE, given);
            }
        }
        return Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
