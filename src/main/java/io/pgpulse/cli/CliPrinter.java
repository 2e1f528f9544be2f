package io.pgpulse.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The only place in PgPulse that writes to the console: reports on standard output, errors and
 * progress on standard error, so that `pgpulse report --format json > out.json` stays valid JSON.
 */
public final class CliPrinter {
    private final PrintWriter out;
    private final PrintWriter err;

    public CliPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static CliPrinter system() {
        return new CliPrinter(writer(System.out), writer(System.err));
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public void result(String text) {
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }

    public void error(String message) {
        err.println("pgpulse: " + message);
        err.flush();
    }

    public void progress(String message) {
        err.println(message);
        err.flush();
    }
}
