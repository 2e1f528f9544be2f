package io.pgpulse.core.explain;

import java.util.Map;

/** What a statement is, from its first key word (for {@code WITH …}, the key word of its main statement). */
public enum StatementKind {
    SELECT, VALUES, TABLE, INSERT, UPDATE, DELETE, MERGE,
    /** The user pasted {@code EXPLAIN …} themselves. */
    EXPLAIN,
    /** BEGIN, START, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE, PREPARE TRANSACTION … */
    TRANSACTION_CONTROL,
    /** CREATE, ALTER, DROP, TRUNCATE, GRANT, VACUUM, … */
    DDL,
    /** SET, COPY, DO, CALL, EXECUTE, LOCK, LISTEN, … */
    UTILITY;

    private static final Map<String, StatementKind> BY_KEYWORD = Map.ofEntries(
            Map.entry("select", SELECT), Map.entry("values", VALUES), Map.entry("table", TABLE),
            Map.entry("insert", INSERT), Map.entry("update", UPDATE), Map.entry("delete", DELETE),
            Map.entry("merge", MERGE), Map.entry("explain", EXPLAIN),
            Map.entry("begin", TRANSACTION_CONTROL), Map.entry("start", TRANSACTION_CONTROL),
            Map.entry("commit", TRANSACTION_CONTROL), Map.entry("end", TRANSACTION_CONTROL),
            Map.entry("rollback", TRANSACTION_CONTROL), Map.entry("abort", TRANSACTION_CONTROL),
            Map.entry("savepoint", TRANSACTION_CONTROL), Map.entry("release", TRANSACTION_CONTROL),
            Map.entry("create", DDL), Map.entry("alter", DDL), Map.entry("drop", DDL), Map.entry("truncate", DDL),
            Map.entry("grant", DDL), Map.entry("revoke", DDL), Map.entry("comment", DDL), Map.entry("reindex", DDL),
            Map.entry("cluster", DDL), Map.entry("vacuum", DDL), Map.entry("analyze", DDL), Map.entry("analyse", DDL),
            Map.entry("refresh", DDL), Map.entry("security", DDL), Map.entry("reassign", DDL), Map.entry("import", DDL));

    /** The kind a leading key word announces; anything unknown is a utility statement. */
    static StatementKind ofKeyword(String lowerCaseWord) {
        return BY_KEYWORD.getOrDefault(lowerCaseWord, UTILITY);
    }

    /** Statements that EXPLAIN accepts and PgPulse is willing to send (without ANALYZE). */
    public boolean explainable() {
        return switch (this) {
            case SELECT, VALUES, TABLE, INSERT, UPDATE, DELETE, MERGE -> true;
            default -> false;
        };
    }

    /** Statements that only read, judged by the key word alone (the plan is checked as well). */
    public boolean readOnlyKeyword() {
        return this == SELECT || this == VALUES || this == TABLE;
    }
}
