package io.pgpulse.core.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing an analyzer noticed, stated so that a person in an incident channel can act on it.
 *
 * @param kind     stable snake_case identifier ({@code migration_stall}); scripts match on it, so it
 *                 never changes once released
 * @param summary  one plain sentence with the numbers that matter
 * @param evidence the figures behind the summary in a fixed order; units are part of the key
 *                 ({@code waiting_seconds}), values are numbers, strings, booleans or lists of them
 */
public record Finding(String kind, Severity severity, String summary, Map<String, Object> evidence, Remedy advice) {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(advice, "advice");
        if (!SNAKE_CASE.matcher(kind).matches()) {
            throw new IllegalArgumentException("finding kind must be snake_case: " + kind);
        }
        // Map.copyOf would lose the order the analyzer chose, which is the order people read.
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
