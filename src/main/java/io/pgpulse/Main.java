package io.pgpulse;

import io.pgpulse.cli.CliPrinter;
import io.pgpulse.cli.PgPulseCli;
import io.pgpulse.core.connection.input.PgEnvironment;

/**
 * One entry point for the installed launcher: {@code pgpulse report …} and the other commands run
 * the CLI without starting JavaFX; anything else opens the desktop app.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (PgPulseCli.isCliInvocation(args)) {
            System.exit(PgPulseCli.run(args, CliPrinter.system(), PgEnvironment.system()));
        }
        io.pgpulse.app.Launcher.main(args);
    }
}
