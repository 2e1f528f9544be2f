package io.pgpulse.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

import io.pgpulse.core.explain.SqlLexer.Token;
import io.pgpulse.core.explain.SqlLexer.TokenType;

/**
 * Exactly one statement, read by {@link SqlLexer}: its text without the trailing semicolon or
 * surrounding comments, its kind and the facts the EXPLAIN runner decides on.
 *
 * @param kind             kind of the main statement (for {@code WITH … DELETE}, DELETE)
 * @param dataModifyingCte a {@code WITH} part that inserts, updates, deletes or merges
 * @param selectInto       {@code SELECT … INTO new_table} (creates a table when executed)
 * @param lockingClause    {@code FOR UPDATE/SHARE} (takes row locks when executed)
 * @param parameters       the numbers of the {@code $n} parameters used
 * @param functions        every {@code name(} and {@code schema.name(} in the text, in order, without repeats
 */
public record CheckedStatement(
        String text,
        StatementKind kind,
        boolean dataModifyingCte,
        boolean selectInto,
        boolean lockingClause,
        SortedSet<Integer> parameters,
        List<FunctionName> functions,
        List<Token> tokens) {

    public CheckedStatement {
        parameters = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(parameters));
        functions = List.copyOf(functions);
        tokens = List.copyOf(tokens);
    }

    /** The highest parameter number: {@code $1 … $n} means n values. */
    public int parameterCount() {
        return parameters.isEmpty() ? 0 : parameters.last();
    }

    /** Why executing this statement could write or lock, judged from the text; empty when it only reads. */
    public Optional<String> writesOrLocks() {
        if (!kind.explainable()) {
            return Optional.of(kind + " is not a query");
        }
        if (!kind.readOnlyKeyword()) {
            return Optional.of("it is " + article(kind) + " " + kind + ", which writes");
        }
        if (dataModifyingCte) {
            return Optional.of("its WITH clause contains an INSERT, UPDATE, DELETE or MERGE");
        }
        if (selectInto) {
            return Optional.of("SELECT … INTO creates a table");
        }
        if (lockingClause) {
            return Optional.of("FOR UPDATE/SHARE locks rows");
        }
        return Optional.empty();
    }

    private static String article(StatementKind kind) {
        return kind == StatementKind.INSERT || kind == StatementKind.UPDATE ? "an" : "a";
    }

    /**
     * The text for a pgjdbc prepared statement: every {@code $n} becomes {@code ?} and every
     * {@code ?} of an operator (jsonb {@code ?}, {@code ?|}) is doubled so pgjdbc keeps it.
     */
    public JdbcText jdbcText() {
        StringBuilder out = new StringBuilder(text.length() + 8);
        List<Integer> order = new ArrayList<>();
        int base = tokens.isEmpty() ? 0 : tokens.get(0).start();
        int copied = 0;
        for (Token t : tokens) {
            if (t.type() == TokenType.PARAM) {
                out.append(text, copied, t.start() - base).append('?');
                order.add(Integer.parseInt(t.value()));
                copied = t.end() - base;
            } else if (t.type() == TokenType.OPERATOR && t.text().indexOf('?') >= 0) {
                out.append(text, copied, t.start() - base).append(t.text().replace("?", "??"));
                copied = t.end() - base;
            }
        }
        out.append(text, copied, text.length());
        return new JdbcText(out.toString(), List.copyOf(order));
    }

    /** @param parameterOrder the parameter number behind each {@code ?}, in order */
    public record JdbcText(String sql, List<Integer> parameterOrder) {}
}
