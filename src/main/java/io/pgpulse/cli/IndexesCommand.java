package io.pgpulse.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.explain.report.IndexHealthOutput;
import io.pgpulse.core.indexes.IndexHealth;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.indexes.IndexInventory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgpulse indexes}: unused, duplicate, prefix-covered and invalid indexes, and foreign keys without one. */
@Command(name = "indexes",
        description = "Check index health of the connected database and print the DDL that fixes each finding.")
final class IndexesCommand implements Callable<Integer> {
    enum Format { markdown, json }

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default ${DEFAULT-VALUE})")
    Format format;

    private final CliPrinter printer;
    private final ConnectionInputParser parser;

    IndexesCommand(CliPrinter printer, ConnectionInputParser parser) {
        this.printer = printer;
        this.parser = parser;
    }

    @Override
    public Integer call() throws Exception {
        return connection.withMonitor(parser, printer, ExplainCommand.SETTINGS, monitor -> {
            IndexInventory inventory = new IndexHealth(monitor::borrow).read();
            List<IndexHealthItem> items = IndexHealth.analyse(inventory);
            printer.result(format == Format.json ? IndexHealthOutput.json(inventory, items)
                    : IndexHealthOutput.markdown(inventory, items));
            return ExitCodes.OK;
        });
    }
}
