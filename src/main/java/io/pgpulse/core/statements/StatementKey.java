package io.pgpulse.core.statements;

/**
 * Identity of one pg_stat_statements entry. The server keys entries by all four fields, so the
 * same query id run by another role, in another database or nested inside a function is a
 * different entry with its own counters.
 */
public record StatementKey(long userId, long dbId, long queryId, boolean topLevel) {
}
