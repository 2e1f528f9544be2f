package io.pgpulse.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.pgpulse.core.explain.SqlLexer.LexException;
import io.pgpulse.core.explain.SqlLexer.Token;
import io.pgpulse.core.explain.SqlLexer.TokenType;

/**
 * Decides whether SQL is exactly one statement (a trailing semicolon allowed) and what kind,
 * before anything is sent. pgjdbc splits a string on semicolons even in {@code prepareStatement},
 * so {@code EXPLAIN SELECT 1; DELETE FROM t} would run the DELETE: only text with a single
 * statement ever reaches the server.
 */
public final class StatementSplitter {
    private static final int SNIPPET = 40;
    private static final Set<String> DML = Set.of("insert", "update", "delete", "merge");
    private static final Set<String> MAIN_KEYWORDS = Set.of("select", "values", "table", "insert", "update", "delete", "merge");
    /** Key words that precede a parenthesis without being a function call. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("in", "exists", "values", "as", "over", "filter", "any",
            "all", "some", "array", "row", "using", "on", "and", "or", "not", "when", "then", "else", "from", "join",
            "where", "select", "lateral", "into", "case", "with", "within", "by", "is", "between", "like", "ilike",
            "similar", "distinct", "group", "order", "having", "limit", "offset", "returning", "set", "materialized",
            "table", "union", "intersect", "except", "recursive", "only", "cube", "rollup", "sets", "window", "partition");

    private StatementSplitter() {}

    public static StatementCheck check(String sql) {
        if (sql == null || sql.isBlank()) {
            return new StatementCheck.Refused("No statement to explain: the text is empty.");
        }
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (LexException e) {
            return new StatementCheck.Refused("Cannot read the SQL: " + e.getMessage() + ".");
        }
        List<List<Token>> statements = split(tokens);
        if (statements.isEmpty()) {
            return new StatementCheck.Refused("No statement to explain: the text holds only comments or semicolons.");
        }
        if (statements.size() > 1) {
            Token second = statements.get(1).get(0);
            return new StatementCheck.Refused(statements.size() + " statements found (second starts at "
                    + SqlLexer.position(sql, second.start()) + ": " + snippet(sql, second.start())
                    + "): EXPLAIN takes exactly one statement.");
        }
        List<Token> stmt = statements.get(0);
        String text = sql.substring(stmt.get(0).start(), stmt.get(stmt.size() - 1).end());
        Token first = firstWord(stmt);
        if (first == null) {
            return new StatementCheck.Refused("Cannot read the SQL: it does not start with a key word.");
        }
        StatementKind leading = StatementKind.ofKeyword(first.value());
        String keyword = first.value().toUpperCase(java.util.Locale.ROOT);
        switch (leading) {
            case TRANSACTION_CONTROL -> {
                return new StatementCheck.Refused("COMMIT/ROLLBACK/BEGIN are not allowed (found " + keyword
                        + "): PgPulse runs EXPLAIN in its own read-only transaction and always rolls it back.");
            }
            case EXPLAIN -> {
                return new StatementCheck.Refused("Leave out EXPLAIN: paste the statement alone and choose ANALYZE, "
                        + "BUFFERS, VERBOSE or SETTINGS as options.");
            }
            case DDL, UTILITY -> {
                if (!first.isWord("with")) {
                    return new StatementCheck.Refused(keyword + " cannot be explained: EXPLAIN accepts SELECT, INSERT, "
                            + "UPDATE, DELETE, MERGE, VALUES and TABLE statements, and PgPulse never sends anything else.");
                }
            }
            default -> { }
        }
        StatementKind kind = first.isWord("with") ? mainKindAfterWith(stmt) : leading;
        if (kind == null) {
            return new StatementCheck.Refused("WITH must be followed by a SELECT, INSERT, UPDATE, DELETE or MERGE.");
        }
        if (!kind.explainable()) {
            return new StatementCheck.Refused(kind + " cannot be explained.");
        }
        return new StatementCheck.Single(new CheckedStatement(text, kind, dataModifyingSubquery(stmt),
                selectInto(stmt, kind), lockingClause(stmt), parameters(stmt), functions(stmt), stmt));
    }

    /** Statements as token lists; empty ones (";;", a trailing ";") are dropped. */
    static List<List<Token>> split(List<Token> tokens) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() == TokenType.SEMICOLON) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static String snippet(String sql, int start) {
        String rest = sql.substring(start).strip().replaceAll("\\s+", " ");
        return rest.length() <= SNIPPET ? rest : rest.substring(0, SNIPPET) + " …";
    }

    /** The first word, looking through opening parentheses: {@code (SELECT 1) UNION …}. */
    private static Token firstWord(List<Token> stmt) {
        for (Token t : stmt) {
            if (t.type() == TokenType.WORD) {
                return t;
            }
            if (t.type() != TokenType.OPEN_PAREN) {
                return null;
            }
        }
        return null;
    }

    /**
     * The kind of the statement after the CTE list: the first main key word at depth 0, or the
     * first word of a parenthesised main statement ({@code WITH x AS (…) (SELECT …)}).
     */
    private static StatementKind mainKindAfterWith(List<Token> stmt) {
        int depth = 0;
        for (int i = 1; i < stmt.size(); i++) {
            Token t = stmt.get(i);
            if (t.type() == TokenType.OPEN_PAREN) {
                if (depth == 0 && stmt.get(i - 1).type() == TokenType.CLOSE_PAREN && i + 1 < stmt.size()
                        && stmt.get(i + 1).type() == TokenType.WORD && MAIN_KEYWORDS.contains(stmt.get(i + 1).value())) {
                    return StatementKind.ofKeyword(stmt.get(i + 1).value());
                }
                depth++;
            } else if (t.type() == TokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && t.type() == TokenType.WORD && MAIN_KEYWORDS.contains(t.value())) {
                return StatementKind.ofKeyword(t.value());
            }
        }
        return null;
    }

    /** INSERT/UPDATE/DELETE/MERGE right after a parenthesis: a data-modifying WITH part. */
    private static boolean dataModifyingSubquery(List<Token> stmt) {
        for (int i = 1; i < stmt.size(); i++) {
            if (stmt.get(i - 1).type() == TokenType.OPEN_PAREN && stmt.get(i).type() == TokenType.WORD
                    && DML.contains(stmt.get(i).value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean selectInto(List<Token> stmt, StatementKind kind) {
        if (kind != StatementKind.SELECT) {
            return false;
        }
        int depth = 0;
        for (Token t : stmt) {
            if (t.type() == TokenType.OPEN_PAREN) {
                depth++;
            } else if (t.type() == TokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && t.isWord("into")) {
                return true;
            }
        }
        return false;
    }

    private static boolean lockingClause(List<Token> stmt) {
        for (int i = 0; i + 1 < stmt.size(); i++) {
            if (stmt.get(i).isWord("for")) {
                Token next = stmt.get(i + 1);
                if (next.isWord("update") || next.isWord("share") || next.isWord("no") || next.isWord("key")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static TreeSet<Integer> parameters(List<Token> stmt) {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (Token t : stmt) {
            if (t.type() == TokenType.PARAM) {
                numbers.add(Integer.parseInt(t.value()));
            }
        }
        return numbers;
    }

    /** Every identifier followed by an opening parenthesis, with its schema when qualified. */
    static List<FunctionName> functions(List<Token> tokens) {
        Set<FunctionName> found = new LinkedHashSet<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isIdentifier() || tokens.get(i + 1).type() != TokenType.OPEN_PAREN) {
                continue;
            }
            if (t.type() == TokenType.WORD && NOT_FUNCTIONS.contains(t.value())) {
                continue;
            }
            String schema = null;
            if (i >= 2 && tokens.get(i - 1).type() == TokenType.DOT && tokens.get(i - 2).isIdentifier()) {
                schema = tokens.get(i - 2).value();
            }
            found.add(new FunctionName(schema, t.value()));
        }
        return new ArrayList<>(found);
    }
}
