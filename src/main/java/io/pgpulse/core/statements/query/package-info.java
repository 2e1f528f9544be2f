/**
 * The Queries view's figures, computed without a UI: per-statement rows over a chosen window
 * (last refresh, sliding windows, since the statistics were reset), the slow, regressed and
 * repeated-query markers, and the text forms a person reads or pastes (formatted SQL, CSV,
 * Markdown).
 *
 * <p>Everything here is a pure function of immutable inputs, or a small single-threaded cache
 * owned by one caller, so the app can run it off the FX thread and the tests can run it without
 * a toolkit. "Not available" stays {@code OptionalDouble.empty()}, never 0.
 */
package io.pgpulse.core.statements.query;
