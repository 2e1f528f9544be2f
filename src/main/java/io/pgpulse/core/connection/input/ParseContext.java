package io.pgpulse.core.connection.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects warnings and every secret seen during one parse. Messages never quote a secret on
 * purpose; scrubbing them against the secrets seen is the safety net for a value that ended up
 * somewhere unexpected, such as a password that broke the URI syntax.
 */
final class ParseContext {

    /** Shorter secrets would mangle ordinary words in messages when scrubbed. */
    private static final int MIN_SCRUBBED_LENGTH = 4;

    private final Set<String> secrets = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();

    void addSecret(String secret) {
        if (secret != null && secret.length() >= MIN_SCRUBBED_LENGTH) {
            secrets.add(secret);
        }
    }

    void warn(String message) {
        warnings.add(scrub(message));
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    ConnectionInputException fail(ConnectionInputException.Reason reason, String message) {
        return new ConnectionInputException(reason, scrub(message));
    }

    String scrub(String text) {
        String scrubbed = text;
        List<String> longestFirst = new ArrayList<>(secrets);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : longestFirst) {
            scrubbed = scrubbed.replace(secret, Secret.MASK);
        }
        return scrubbed;
    }
}
