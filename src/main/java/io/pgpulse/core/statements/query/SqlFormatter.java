package io.pgpulse.core.statements.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lays SQL out for reading: each clause (FROM, WHERE, JOIN, GROUP BY, ORDER BY, LIMIT …) on its
 * own line, AND/OR conditions and joins indented under their clause, subqueries indented inside
 * their parentheses, long select lists one column per line.
 *
 * <p>Only whitespace changes: string literals, quoted identifiers, dollar-quoted bodies and
 * comments are copied as they are, keyword case is kept, and text it does not understand is
 * left on the line it was on. That makes it safe on any input, including the normalised texts of
 * pg_stat_statements ({@code $1} placeholders) and texts cut at a length limit.
 */
public final class SqlFormatter {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String INDENT = "  ";
    /** A select list longer than this on one line gets one column per line. */
    private static final int LONG_SELECT_LIST = 70;

    private static final Set<String> JOIN_MODIFIERS = Set.of("INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL");
    private static final Set<String> JOIN_FOLLOWERS = Set.of("JOIN", "OUTER", "INNER", "LEFT", "RIGHT", "FULL");
    private static final Set<String> SELECT_LIST_ENDS = Set.of("FROM", "INTO", "WHERE", "GROUP", "ORDER", "HAVING",
            "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "FOR", "RETURNING");

    private SqlFormatter() {
    }

    /** The text on one line, for a table cell: every run of whitespace becomes one space. */
    public static String singleLine(String sql) {
        return sql == null ? null : WHITESPACE.matcher(sql).replaceAll(" ").strip();
    }

    public static String format(String sql) {
        if (sql == null || sql.isBlank()) {
            return "";
        }
        return new Layout(tokenize(sql)).run();
    }

    enum Kind { WORD, STRING, QUOTED, NUMBER, PARAM, OPEN, CLOSE, COMMA, SEMI, LINE_COMMENT, BLOCK_COMMENT, OTHER }

    record Token(Kind kind, String text, boolean spaceBefore) {
        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        boolean space = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            int start = i;
            Kind kind;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = sql.indexOf('\n', i);
                i = i < 0 ? n : i;
                kind = Kind.LINE_COMMENT;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = endOfBlockComment(sql, i);
                kind = Kind.BLOCK_COMMENT;
            } else if (c == '\'') {
                i = endOfQuoted(sql, i, '\'', false);
                kind = Kind.STRING;
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = endOfQuoted(sql, i + 1, '\'', true);
                kind = Kind.STRING;
            } else if (c == '"') {
                i = endOfQuoted(sql, i, '"', false);
                kind = Kind.QUOTED;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.PARAM;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                kind = Kind.STRING;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                kind = Kind.NUMBER;
            } else if (c == '(') {
                i++;
                kind = Kind.OPEN;
            } else if (c == ')') {
                i++;
                kind = Kind.CLOSE;
            } else if (c == ',') {
                i++;
                kind = Kind.COMMA;
            } else if (c == ';') {
                i++;
                kind = Kind.SEMI;
            } else {
                i++;
                while (i < n && "+-*/<>=~!@#%^&|`?:".indexOf(sql.charAt(i)) >= 0 && "+-*/<>=~!@#%^&|`?:".indexOf(c) >= 0
                        && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
                    i++;
                }
                kind = Kind.OTHER;
            }
            out.add(new Token(kind, sql.substring(start, i), space));
            space = false;
        }
        return out;
    }

    private static int endOfBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** Index after the closing quote; a doubled quote is part of the text, as is a backslash escape in E''. */
    private static int endOfQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int n = sql.length();
        int i = open + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** End of a {@code $tag$} opener at {@code i}, or -1 when it is not one. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1))) ? j + 1 : -1;
    }

    /** One pair of parentheses, or the statement itself. */
    private static final class Frame {
        final boolean query;
        final int indent;
        String clause = "";
        String verb = "";
        boolean started;
        boolean between;
        boolean longSelect;

        Frame(boolean query, int indent) {
            this.query = query;
            this.indent = indent;
        }
    }

    private static final class Layout {
        private final List<Token> tokens;
        private final StringBuilder out = new StringBuilder();
        private final Deque<Frame> frames = new ArrayDeque<>();
        private int lineIndent;
        private boolean lineStart = true;
        private boolean breakPending;

        Layout(List<Token> tokens) {
            this.tokens = tokens;
            frames.push(new Frame(true, 0));
        }

        String run() {
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                Frame f = frames.peek();
                switch (t.kind()) {
                    case OPEN -> {
                        boolean query = isWord(i + 1, "SELECT", "WITH", "VALUES");
                        emit(t);
                        Frame inner = new Frame(query, lineIndent + 1);
                        frames.push(inner);
                        if (query) {
                            newline(inner.indent);
                        }
                    }
                    case CLOSE -> {
                        boolean closes = frames.size() > 1;
                        if (closes) {
                            frames.pop();
                        }
                        if (closes && f.query) {
                            newline(f.indent - 1);
                            append(t.text(), false);
                        } else {
                            emit(t);
                        }
                    }
                    case COMMA -> {
                        append(",", false);
                        if (f.query && "SELECT".equals(f.clause) && f.longSelect) {
                            newline(f.indent + 1);
                        }
                    }
                    case SEMI -> {
                        append(";", false);
                        f.started = false;
                        f.clause = "";
                        f.verb = "";
                        if (i + 1 < tokens.size()) {
                            newline(f.indent);
                        }
                    }
                    case LINE_COMMENT -> {
                        emit(t);
                        breakPending = true;
                    }
                    case WORD -> word(i, t, f);
                    default -> emit(t);
                }
                if (t.kind() != Kind.LINE_COMMENT && t.kind() != Kind.BLOCK_COMMENT && t.kind() != Kind.SEMI) {
                    f.started = true;
                }
            }
            return out.toString().strip();
        }

        private void word(int i, Token t, Frame f) {
            String u = t.upper();
            if (f.query) {
                if (f.verb.isEmpty()) {
                    f.verb = u;
                }
                String prev = previousWord(i);
                switch (u) {
                    case "SELECT" -> {
                        clause(f, true, f.indent, "SELECT");
                        f.longSelect = selectListLength(i) > LONG_SELECT_LIST;
                    }
                    case "FROM" -> clause(f, !"DISTINCT".equals(prev) && !"DELETE".equals(prev), f.indent, "FROM");
                    case "WHERE", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "RETURNING" ->
                            clause(f, true, f.indent, u);
                    case "GROUP", "ORDER" -> clause(f, isWord(i + 1, "BY"), f.indent, u);
                    case "FETCH" -> clause(f, isWord(i + 1, "FIRST", "NEXT"), f.indent, u);
                    case "FOR" -> clause(f, isWord(i + 1, "UPDATE", "SHARE", "NO", "KEY"), f.indent, u);
                    case "VALUES" -> clause(f, true, f.indent, u);
                    case "SET" -> clause(f, "UPDATE".equals(f.verb), f.indent, u);
                    case "ON" -> {
                        if (isWord(i + 1, "CONFLICT")) {
                            clause(f, true, f.indent, "ON CONFLICT");
                        }
                    }
                    case "INSERT", "UPDATE", "DELETE", "MERGE" -> {
                        if (f.started && i > 0 && tokens.get(i - 1).kind() == Kind.CLOSE) {
                            clause(f, true, f.indent, u);
                            f.verb = u;
                        }
                    }
                    case "JOIN" -> {
                        if (!JOIN_MODIFIERS.contains(prev) && !"OUTER".equals(prev)) {
                            newline(f.indent + 1);
                        }
                        f.clause = "FROM";
                    }
                    case "BETWEEN" -> f.between = true;
                    case "AND", "OR" -> {
                        if (f.between && "AND".equals(u)) {
                            f.between = false;
                        } else if ("WHERE".equals(f.clause) || "HAVING".equals(f.clause)) {
                            newline(f.indent + 1);
                        } else if ("FROM".equals(f.clause)) {
                            newline(f.indent + 2);
                        }
                    }
                    default -> {
                        if (JOIN_MODIFIERS.contains(u) && !JOIN_MODIFIERS.contains(prev) && isWord(i + 1, JOIN_FOLLOWERS)) {
                            newline(f.indent + 1);
                            f.clause = "FROM";
                        }
                    }
                }
            }
            emit(t);
        }

        /** Starts clause {@code name} on a new line, unless it is the frame's first word or not a clause here. */
        private void clause(Frame f, boolean isClause, int indent, String name) {
            if (!isClause) {
                return;
            }
            if (f.started) {
                newline(indent);
            }
            f.clause = name;
            f.between = false;
        }

        /** Characters the select list starting after token {@code i} takes on one line. */
        private int selectListLength(int i) {
            int depth = 0;
            int length = 0;
            for (int j = i + 1; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.kind() == Kind.OPEN) {
                    depth++;
                } else if (t.kind() == Kind.CLOSE) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (depth == 0 && (t.kind() == Kind.SEMI
                        || t.kind() == Kind.WORD && SELECT_LIST_ENDS.contains(t.upper()))) {
                    break;
                }
                length += t.text().length() + (t.spaceBefore() ? 1 : 0);
            }
            return length;
        }

        private String previousWord(int i) {
            for (int j = i - 1; j >= 0; j--) {
                Token t = tokens.get(j);
                if (t.kind() == Kind.WORD) {
                    return t.upper();
                }
                if (t.kind() != Kind.BLOCK_COMMENT && t.kind() != Kind.LINE_COMMENT) {
                    return "";
                }
            }
            return "";
        }

        private boolean isWord(int i, String... words) {
            return isWord(i, Set.of(words));
        }

        private boolean isWord(int i, Set<String> words) {
            for (int j = i; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.kind() == Kind.BLOCK_COMMENT || t.kind() == Kind.LINE_COMMENT) {
                    continue;
                }
                return t.kind() == Kind.WORD && words.contains(t.upper());
            }
            return false;
        }

        private void emit(Token t) {
            append(t.text(), t.spaceBefore() || t.kind() == Kind.LINE_COMMENT);
        }

        private void append(String text, boolean space) {
            if (breakPending) {
                breakPending = false;
                newline(lineIndent);
            }
            if (!lineStart && space) {
                out.append(' ');
            }
            out.append(text);
            lineStart = false;
        }

        private void newline(int indent) {
            int level = Math.max(0, indent);
            breakPending = false;
            if (out.length() == 0) {
                lineIndent = level;
                return;
            }
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
            if (end > 0 && out.charAt(end - 1) != '\n') {
                out.append('\n');
            }
            out.append(INDENT.repeat(level));
            lineIndent = level;
            lineStart = true;
        }
    }
}
