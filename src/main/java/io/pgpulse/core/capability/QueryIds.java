package io.pgpulse.core.capability;

import java.util.Optional;

/**
 * Whether the server computes query ids, which link pg_stat_activity to pg_stat_statements
 * (N+1 parents, "what is this session running").
 *
 * @param setting the value of compute_query_id
 * @param effective whether ids are computed (auto computes them when pg_stat_statements is loaded)
 */
public record QueryIds(String setting, boolean effective) implements Advice {
    @Override
    public boolean ok() {
        return effective;
    }

    @Override
    public String explanation() {
        return effective ? "Query ids are computed (compute_query_id = " + setting + ")."
                : "Query ids are not computed (compute_query_id = " + setting + "): sessions cannot be linked to"
                        + " their statements' statistics.";
    }

    @Override
    public Optional<String> fix() {
        return effective ? Optional.empty() : Optional.of("compute_query_id = on  -- in postgresql.conf, then reload");
    }
}
