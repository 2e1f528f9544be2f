package io.pgpulse.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL into tokens the way PostgreSQL's scanner does, for the parts that decide where a
 * statement ends and what it calls: string literals ({@code ''} escapes, {@code E''} with
 * backslashes, {@code U&''}, {@code B''}/{@code X''}/{@code N''}), quoted identifiers (also
 * {@code U&""}), dollar quotes ({@code $$} and {@code $tag$}), {@code --} and nested
 * {@code /* *\/} comments, parameters {@code $n}, numbers, operators and punctuation.
 *
 * <p>Strings are read with {@code standard_conforming_strings = on}; the EXPLAIN runner sets that
 * for its transaction, so the server reads the text exactly as this lexer did. Comments are not
 * returned as tokens. Text that PostgreSQL would not accept at all (an unterminated literal, a
 * character outside its grammar such as {@code {}) is reported as a {@link LexException} with its
 * position, because pgjdbc gives {@code {}} a meaning of its own (JDBC escapes).
 */
public final class SqlLexer {

    public enum TokenType {
        /** An unquoted word: key word or identifier; {@link Token#value()} is folded to lower case. */
        WORD,
        /** A double-quoted identifier; {@link Token#value()} is the decoded name, case kept. */
        QUOTED_IDENT,
        /** Any string literal (plain, E, U&amp;, B, X, N, dollar-quoted); value is the decoded content. */
        STRING,
        /** {@code $1}; value is the number. */
        PARAM,
        NUMBER,
        OPERATOR,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        CLOSE_BRACKET,
        COMMA,
        SEMICOLON,
        DOT,
        /** {@code :} or {@code ::}. */
        COLON
    }

    /**
     * One token; {@code start} and {@code end} are offsets into the source (end exclusive).
     *
     * @param value the normalised form: lower-cased word, decoded identifier or string content
     */
    public record Token(TokenType type, String text, String value, int start, int end) {
        public boolean isWord(String lowerCaseWord) {
            return type == TokenType.WORD && value.equals(lowerCaseWord);
        }

        /** A word or a quoted identifier: something that can name a column, table or function. */
        public boolean isIdentifier() {
            return type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
        }
    }

    /** Text PostgreSQL would refuse to read, with the offset of the problem. */
    public static final class LexException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        LexException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** All tokens of {@code sql}, comments and white space left out. */
    public static List<Token> tokenize(String sql) throws LexException {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    /** "line L, column C" of an offset, both counted from 1, for messages. */
    public static String position(String sql, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    private void run() throws LexException {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                standardString(pos, pos);
            } else if (c == '"') {
                quotedIdentifier(pos, pos, false);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                escapeString(pos);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                unicodeString(pos);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '"') {
                quotedIdentifier(pos, pos + 2, true);
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && peek(1) == '\'') {
                standardString(pos, pos + 1);
            } else if (c == '$') {
                dollar();
            } else if (isIdentStart(c)) {
                word();
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else {
                punctuation(c);
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void add(TokenType type, int start, String value) {
        tokens.add(new Token(type, sql.substring(start, pos), value, start, pos));
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() throws LexException {
        int start = pos;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new LexException("unterminated /* comment at " + position(sql, start), start);
    }

    /** {@code '...'} with {@code ''} escapes; {@code quote} is the offset of the opening quote, after any prefix. */
    private void standardString(int start, int quote) throws LexException {
        add(TokenType.STRING, start, doubledQuoted(start, quote, "quoted string"));
    }

    /**
     * The body of a string or identifier whose closing quote (the character at {@code quote}) is
     * escaped by doubling it; leaves {@code pos} after the closing quote.
     */
    private String doubledQuoted(int start, int quote, String what) throws LexException {
        char q = sql.charAt(quote);
        pos = quote + 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw new LexException("unterminated " + what + " at " + position(sql, start), start);
            }
            char c = sql.charAt(pos);
            if (c == q) {
                if (peek(1) == q) {
                    value.append(q);
                    pos += 2;
                    continue;
                }
                pos++;
                return value.toString();
            }
            value.append(c);
            pos++;
        }
    }

    private void escapeString(int start) throws LexException {
        pos = start + 2;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw new LexException("unterminated quoted string at " + position(sql, start), start);
            }
            char c = sql.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= sql.length()) {
                    throw new LexException("unterminated quoted string at " + position(sql, start), start);
                }
                value.append(sql.charAt(pos + 1));
                pos += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                value.append(c);
                pos++;
            }
        }
        add(TokenType.STRING, start, value.toString());
    }

    private void unicodeString(int start) throws LexException {
        standardString(start, start + 2);
        Token raw = tokens.remove(tokens.size() - 1);
        char escape = uescape();
        add(TokenType.STRING, start, decodeUnicode(raw.value(), escape, start));
    }

    private void quotedIdentifier(int start, int quote, boolean unicode) throws LexException {
        String value = doubledQuoted(start, quote, "quoted identifier");
        if (value.length() == 0) {
            throw new LexException("zero-length delimited identifier at " + position(sql, start), start);
        }
        String name = value.toString();
        if (unicode) {
            name = decodeUnicode(name, uescape(), start);
        }
        add(TokenType.QUOTED_IDENT, start, name);
    }

    /** An optional {@code UESCAPE 'c'} after a U&amp; literal; consumes it and returns the escape character. */
    private char uescape() throws LexException {
        int save = pos;
        int i = pos;
        while (i < sql.length() && isSpace(sql.charAt(i))) {
            i++;
        }
        if (sql.regionMatches(true, i, "uescape", 0, 7) && !(i + 7 < sql.length() && isIdentChar(sql.charAt(i + 7)))) {
            i += 7;
            while (i < sql.length() && isSpace(sql.charAt(i))) {
                i++;
            }
            if (i + 2 < sql.length() && sql.charAt(i) == '\'' && sql.charAt(i + 2) == '\'') {
                char e = sql.charAt(i + 1);
                if (isHex(e) || e == '+' || e == '\'' || e == '"' || isSpace(e)) {
                    throw new LexException("invalid Unicode escape character at " + position(sql, i), i);
                }
                pos = i + 3;
                return e;
            }
            throw new LexException("UESCAPE must be followed by a simple string literal at " + position(sql, save), save);
        }
        return '\\';
    }

    private String decodeUnicode(String raw, char escape, int start) throws LexException {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != escape) {
                out.append(c);
                continue;
            }
            if (i + 1 < raw.length() && raw.charAt(i + 1) == escape) {
                out.append(escape);
                i++;
            } else if (i + 1 < raw.length() && raw.charAt(i + 1) == '+' && allHex(raw, i + 2, 6)) {
                out.appendCodePoint(Integer.parseInt(raw.substring(i + 2, i + 8), 16));
                i += 7;
            } else if (allHex(raw, i + 1, 4)) {
                out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                throw new LexException("invalid Unicode escape in the literal at " + position(sql, start), start);
            }
        }
        return out.toString();
    }

    private static boolean allHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void dollar() throws LexException {
        int start = pos;
        if (isDigit(peek(1))) {
            pos++;
            while (pos < sql.length() && isDigit(sql.charAt(pos))) {
                pos++;
            }
            if (pos < sql.length() && isIdentChar(sql.charAt(pos))) {
                throw new LexException("trailing junk after parameter at " + position(sql, start), start);
            }
            add(TokenType.PARAM, start, sql.substring(start + 1, pos));
            return;
        }
        int i = pos + 1;
        if (i < sql.length() && isIdentStart(sql.charAt(i))) {
            i++;
            while (i < sql.length() && isIdentChar(sql.charAt(i)) && sql.charAt(i) != '$') {
                i++;
            }
        }
        if (i < sql.length() && sql.charAt(i) == '$') {
            String delimiter = sql.substring(pos, i + 1);
            int close = sql.indexOf(delimiter, i + 1);
            if (close < 0) {
                throw new LexException("unterminated dollar-quoted string at " + position(sql, start), start);
            }
            String content = sql.substring(i + 1, close);
            pos = close + delimiter.length();
            add(TokenType.STRING, start, content);
            return;
        }
        throw new LexException("unexpected $ at " + position(sql, start), start);
    }

    private void word() {
        int start = pos;
        pos++;
        while (pos < sql.length() && isIdentChar(sql.charAt(pos))) {
            pos++;
        }
        add(TokenType.WORD, start, sql.substring(start, pos).toLowerCase(Locale.ROOT));
    }

    private void number() {
        int start = pos;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (isDigit(c) || c == '_' || c == '.' || Character.isLetter(c)) {
                if ((c == 'e' || c == 'E') && (peek(1) == '+' || peek(1) == '-')) {
                    pos += 2;
                    continue;
                }
                if (c == '.' && peek(1) == '.') {
                    break;
                }
                pos++;
            } else {
                break;
            }
        }
        add(TokenType.NUMBER, start, sql.substring(start, pos));
    }

    private void punctuation(char c) throws LexException {
        int start = pos;
        switch (c) {
            case '(' -> single(TokenType.OPEN_PAREN);
            case ')' -> single(TokenType.CLOSE_PAREN);
            case '[' -> single(TokenType.OPEN_BRACKET);
            case ']' -> single(TokenType.CLOSE_BRACKET);
            case ',' -> single(TokenType.COMMA);
            case ';' -> single(TokenType.SEMICOLON);
            case '.' -> single(TokenType.DOT);
            case ':' -> {
                pos += peek(1) == ':' ? 2 : 1;
                add(TokenType.COLON, start, sql.substring(start, pos));
            }
            default -> {
                if (OPERATOR_CHARS.indexOf(c) < 0) {
                    throw new LexException("unexpected character '" + c + "' at " + position(sql, start), start);
                }
                // An operator ends where a comment begins, as in PostgreSQL's scanner.
                while (pos < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(pos)) >= 0
                        && !sql.startsWith("--", pos) && !sql.startsWith("/*", pos)) {
                    pos++;
                }
                add(TokenType.OPERATOR, start, sql.substring(start, pos));
            }
        }
    }

    private void single(TokenType type) {
        int start = pos++;
        add(type, start, sql.substring(start, pos));
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Letters, underscore and every non-ASCII character start an identifier, as in PostgreSQL. */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentChar(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }
}
