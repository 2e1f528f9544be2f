package io.pgpulse.cli;

import picocli.CommandLine.Option;

/**
 * {@code --help} for commands that take connection options: picocli's standard help option also
 * claims {@code -h}, which is the host there (as in psql), so only the long name is offered.
 */
final class HelpOption {
    @Option(names = "--help", usageHelp = true, description = "show this help and exit")
    boolean help;
}
