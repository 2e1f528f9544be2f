package io.pgpulse.core.explain;

import java.util.Optional;

/**
 * A function called in SQL text: {@code name(…)} or {@code schema.name(…)}, names as the server
 * resolves them (unquoted folded to lower case, quoted kept as written).
 *
 * @param schema null when unqualified (resolved through the search path)
 */
public record FunctionName(String schema, String name) {
    public Optional<String> schemaName() {
        return Optional.ofNullable(schema);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
