package io.pgpulse.core.explain.input;

/** The EXPLAIN output format a pasted or loaded plan was in. */
public enum PlanInputFormat {
    /** {@code EXPLAIN (FORMAT JSON)}, or auto_explain with {@code log_format = json}. */
    JSON,
    /** The default text format, as psql and auto_explain print it. */
    TEXT
}
