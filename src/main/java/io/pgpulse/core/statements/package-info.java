/**
 * pg_stat_statements counters and the per-interval deltas computed from them.
 *
 * <p>Values a server version or privilege cannot provide are modelled as {@code Optional},
 * {@code OptionalLong} or {@code OptionalDouble}, never as {@code null}, 0 or NaN: the compiler
 * then forces every reader to decide how to render "not available". No record component in this
 * package is ever {@code null}.
 *
 * <p>Rates are only ever computed here, from two samples, never by resetting the server's
 * statistics: a reset would destroy the data every other tool and colleague relies on.
 */
package io.pgpulse.core.statements;
