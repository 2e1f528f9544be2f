package io.pgpulse.core.indexes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pgpulse.core.explain.SqlLexer;
import io.pgpulse.core.explain.SqlLexer.Token;
import io.pgpulse.core.explain.SqlLexer.TokenType;

/**
 * Reads the simple condition forms PostgreSQL prints in plans: {@code (col = $1)},
 * {@code (col > '2024-01-01'::date)}, {@code ((a = 1) AND (b > 2))}, {@code ((status)::text = 'x'::text)},
 * {@code (id = ANY ('{1,2}'::integer[]))}, {@code (name ~~ 'abc%'::text)}, {@code (x IS NULL)} and
 * join conditions such as {@code (o.customer_id = c.id)}. Anything else (OR, functions on the column,
 * arithmetic) is returned as no comparison, so no index is suggested from it.
 */
public final class Conditions {

    /** What an index can do with a comparison. */
    public enum Use {
        /** =, = ANY (IN lists), IS NULL: a btree can seek to it. */
        EQUALITY,
        /** &lt;, &gt;, &lt;=, &gt;= (BETWEEN prints as two of them). */
        RANGE,
        /** LIKE 'abc%': a btree with text_pattern_ops (or the C collation) can range-scan the prefix. */
        PREFIX,
        /** LIKE '%abc': no btree helps; a trigram index would. */
        INFIX,
        /** Nothing an index on the plain column helps with (&lt;&gt;, IS NOT NULL, other operators). */
        NONE
    }

    /** A column as printed: {@code qualifier} is the alias or table name, null when unqualified. */
    public record ColumnRef(String qualifier, String column) {}

    /**
     * One comparison of a column with something.
     *
     * @param other the column on the other side for a join condition, else null
     */
    public record Comparison(ColumnRef column, Use use, String operator, ColumnRef other, String text) {}

    private Conditions() {}

    /** The AND-ed comparisons of a printed condition; parts that are not simple comparisons are left out. */
    public static List<Comparison> parse(String condition) {
        if (condition == null || condition.isBlank()) {
            return List.of();
        }
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(condition);
        } catch (SqlLexer.LexException e) {
            return List.of();
        }
        List<Comparison> out = new ArrayList<>();
        for (List<Token> conjunct : splitAnd(tokens)) {
            comparison(conjunct, condition).ifPresent(out::add);
        }
        return out;
    }

    /** Sort keys as printed ({@code o.created_at DESC}); only plain columns. */
    public static Optional<SortColumn> sortKey(String key) {
        try {
            List<Token> tokens = new ArrayList<>(SqlLexer.tokenize(key));
            boolean descending = false;
            while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).type() == TokenType.WORD
                    && List.of("desc", "asc", "nulls", "first", "last").contains(tokens.get(tokens.size() - 1).value())) {
                if (tokens.get(tokens.size() - 1).isWord("desc")) {
                    descending = true;
                }
                tokens.remove(tokens.size() - 1);
            }
            boolean finalDescending = descending;
            return columnRef(tokens).map(c -> new SortColumn(c, finalDescending));
        } catch (SqlLexer.LexException e) {
            return Optional.empty();
        }
    }

    public record SortColumn(ColumnRef column, boolean descending) {}

    private static List<Token> unwrap(List<Token> tokens) {
        List<Token> t = tokens;
        while (t.size() >= 2 && t.get(0).type() == TokenType.OPEN_PAREN && closingOf(t, 0) == t.size() - 1) {
            t = t.subList(1, t.size() - 1);
        }
        return t;
    }

    private static int closingOf(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).type() == TokenType.OPEN_PAREN) {
                depth++;
            } else if (t.get(i).type() == TokenType.CLOSE_PAREN) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The conjuncts of an AND tree, flattened; an OR anywhere at the top makes its part unusable. */
    private static List<List<Token>> splitAnd(List<Token> tokens) {
        List<Token> t = unwrap(tokens);
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.type() == TokenType.OPEN_PAREN) {
                depth++;
            } else if (x.type() == TokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && x.isWord("or")) {
                return List.of();
            } else if (depth == 0 && x.isWord("and")) {
                parts.add(t.subList(start, i));
                start = i + 1;
            }
        }
        if (parts.isEmpty()) {
            return List.of(t);
        }
        parts.add(t.subList(start, t.size()));
        List<List<Token>> flat = new ArrayList<>();
        for (List<Token> p : parts) {
            flat.addAll(splitAnd(p));
        }
        return flat;
    }

    private static Optional<Comparison> comparison(List<Token> tokens, String source) {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        String text = source.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.OPEN_PAREN) {
                depth++;
            } else if (t.type() == TokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && t.isWord("is") && i > 0) {
                Optional<ColumnRef> col = columnRef(tokens.subList(0, i));
                boolean isNull = i + 1 < tokens.size() && tokens.get(i + 1).isWord("null");
                return col.map(c -> new Comparison(c, isNull ? Use.EQUALITY : Use.NONE, "IS", null, text));
            } else if (depth == 0 && t.type() == TokenType.OPERATOR && i > 0) {
                List<Token> left = tokens.subList(0, i);
                List<Token> right = tokens.subList(i + 1, tokens.size());
                return compare(left, t.text(), right, text);
            }
        }
        return Optional.empty();
    }

    private static Optional<Comparison> compare(List<Token> left, String op, List<Token> right, String text) {
        Optional<ColumnRef> l = columnRef(left);
        Optional<ColumnRef> r = columnRef(right);
        if (l.isPresent() && r.isPresent()) {
            return Optional.of(new Comparison(l.get(), use(op, right), op, r.get(), text));
        }
        if (l.isPresent()) {
            return Optional.of(new Comparison(l.get(), use(op, right), op, null, text));
        }
        if (r.isPresent() && !containsColumnLikeIdentifier(left)) {
            return Optional.of(new Comparison(r.get(), use(mirror(op), left), mirror(op), null, text));
        }
        return Optional.empty();
    }

    private static boolean containsColumnLikeIdentifier(List<Token> tokens) {
        return tokens.stream().anyMatch(t -> t.type() == TokenType.QUOTED_IDENT);
    }

    private static String mirror(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static Use use(String op, List<Token> value) {
        switch (op) {
            case "=" -> {
                return Use.EQUALITY;
            }
            case "<", ">", "<=", ">=" -> {
                return Use.RANGE;
            }
            case "~~" -> {
                Token literal = value.stream().filter(t -> t.type() == TokenType.STRING).findFirst().orElse(null);
                if (literal == null) {
                    return Use.NONE;
                }
                String pattern = literal.value();
                if (pattern.startsWith("%") || pattern.startsWith("_")) {
                    return Use.INFIX;
                }
                return pattern.isEmpty() ? Use.NONE : Use.PREFIX;
            }
            default -> {
                return Use.NONE;
            }
        }
    }

    /**
     * {@code col}, {@code t.col}, {@code (col)}, {@code (t.col)::text}: a plain column, possibly
     * parenthesised and cast. Returns empty for anything else.
     */
    static Optional<ColumnRef> columnRef(List<Token> tokens) {
        List<Token> t = tokens;
        int cast = -1;
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.type() == TokenType.OPEN_PAREN) {
                depth++;
            } else if (x.type() == TokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && x.type() == TokenType.COLON && x.text().equals("::")) {
                cast = i;
                break;
            }
        }
        if (cast >= 0) {
            t = t.subList(0, cast);
        }
        t = unwrap(t);
        if (t.size() == 1 && t.get(0).isIdentifier() && !isKeywordValue(t.get(0))) {
            return Optional.of(new ColumnRef(null, t.get(0).value()));
        }
        if (t.size() == 3 && t.get(0).isIdentifier() && t.get(1).type() == TokenType.DOT && t.get(2).isIdentifier()) {
            return Optional.of(new ColumnRef(t.get(0).value(), t.get(2).value()));
        }
        return Optional.empty();
    }

    private static boolean isKeywordValue(Token t) {
        return t.type() == TokenType.WORD && List.of("null", "true", "false", "current_date", "current_timestamp",
                "current_time", "localtime", "localtimestamp", "current_user", "session_user", "current_role",
                "any", "all", "array").contains(t.value());
    }
}
