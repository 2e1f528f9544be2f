package io.pgpulse.core.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What to explain.
 *
 * @param sql             pasted SQL, or a normalised pg_stat_statements text with {@code $1 … $n}
 * @param parameterValues one value per parameter, as text the server casts to the inferred type
 *                        ({@code null} entries are SQL NULL); empty for a generic plan
 * @param confirmed       the user confirmed that ANALYZE may execute the statement
 */
public record ExplainRequest(String sql, ExplainOptions options, List<String> parameterValues, boolean confirmed) {
    public ExplainRequest {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        // List.copyOf refuses null elements, and NULL is a legitimate parameter value.
        parameterValues = parameterValues == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(parameterValues));
    }

    public static ExplainRequest of(String sql) {
        return new ExplainRequest(sql, ExplainOptions.plain(), List.of(), false);
    }

    public ExplainRequest withOptions(ExplainOptions value) {
        return new ExplainRequest(sql, value, parameterValues, confirmed);
    }

    public ExplainRequest withParameters(List<String> values) {
        return new ExplainRequest(sql, options, values, confirmed);
    }

    public ExplainRequest confirm() {
        return new ExplainRequest(sql, options, parameterValues, true);
    }
}
