package io.pgpulse.core.explain;

/** The verdict on pasted SQL before anything is sent: one statement, or why not. */
public sealed interface StatementCheck {

    record Single(CheckedStatement statement) implements StatementCheck {}

    record Refused(String reason) implements StatementCheck {}
}
