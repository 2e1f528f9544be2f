package io.pgpulse.testing;

import java.nio.file.Path;
import java.util.Map;

import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.PgEnvironment;

/** Parses connection input the way the app does, but isolated from this machine's environment. */
public final class Targets {
    private Targets() {}

    public static ConnectionTarget parse(String input) {
        try {
            return new ConnectionInputParser(isolatedEnvironment()).parse(input).target();
        } catch (ConnectionInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static PgEnvironment isolatedEnvironment() {
        return PgEnvironment.of(Map.of(), Path.of("/nonexistent-home"), "pgpulse-test");
    }
}
