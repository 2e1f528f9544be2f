package io.pgpulse.core.explain;

/** How a plan was obtained, which decides how to read it. */
public enum PlanMode {
    /** The statement has no parameters. */
    PLAIN("the statement has no parameters"),
    /** {@code EXPLAIN (GENERIC_PLAN)}, PostgreSQL 16+: parameters stay unknown. */
    GENERIC_PLAN("generic plan (EXPLAIN GENERIC_PLAN): parameter values are unknown, so estimates use averages"),
    /** PostgreSQL 14–15: PREPARE with plan_cache_mode = force_generic_plan, then EXPLAIN EXECUTE with NULLs. */
    PREPARED_GENERIC("generic plan (PREPARE with plan_cache_mode = force_generic_plan, EXECUTE with NULLs): "
            + "parameter values are unknown, so estimates use averages"),
    /** The user supplied a value for every parameter; they are sent as bind parameters. */
    BOUND_VALUES("custom plan for the given parameter values");

    private final String description;

    PlanMode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
