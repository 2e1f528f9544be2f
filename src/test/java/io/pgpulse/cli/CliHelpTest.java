package io.pgpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pgpulse.testing.Targets;

/** {@code --help} works on every command although {@code -h} is the host, as in psql. */
class CliHelpTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PgPulseCli.run(args, new CliPrinter(new PrintWriter(out, true), new PrintWriter(err, true)),
                Targets.isolatedEnvironment());
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "explain", "indexes"})
    void longHelpPrintsTheUsageAndConnectsNowhere(String command) {
        Run r = run(command, "--help");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: pgpulse " + command).contains("--help").contains("-h, --host");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void minusHIsStillTheHost() {
        Run r = run("indexes", "-h");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("-h");
    }
}
