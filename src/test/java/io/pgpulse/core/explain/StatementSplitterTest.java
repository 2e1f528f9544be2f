package io.pgpulse.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementSplitterTest {

    private static CheckedStatement single(String sql) {
        StatementCheck check = StatementSplitter.check(sql);
        assertThat(check).as(sql).isInstanceOf(StatementCheck.Single.class);
        return ((StatementCheck.Single) check).statement();
    }

    private static String refused(String sql) {
        StatementCheck check = StatementSplitter.check(sql);
        assertThat(check).as(sql).isInstanceOf(StatementCheck.Refused.class);
        return ((StatementCheck.Refused) check).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT $$;$$",
        "SELECT 1 /* ; */",
        "SELECT ';'",
        "SELECT 1;",
        "SELECT 1 ; -- trailing comment; with semicolon",
        "SELECT $tag$ ; DELETE FROM t; $tag$",
        "SELECT 'it''s; fine'",
        "SELECT E'\\'; DELETE FROM t; --'",
        "SELECT U&'\\0041;' UESCAPE '\\'",
        "SELECT \"semi;colon\" FROM t",
        "SELECT 1 /* nested /* ; */ still comment ; */",
        "SELECT b'1010', x'ff', n'text;'",
        "SELECT a$$b FROM t",
        "/* leading */ SELECT 1"
    })
    void semicolonsInsideLiteralsCommentsAndQuotesAreOneStatement(String sql) {
        assertThat(single(sql).kind()).isEqualTo(StatementKind.SELECT);
    }

    @Test
    void secondStatementIsReportedWithItsPosition() {
        assertThat(refused("SELECT 1; DELETE FROM t"))
                .isEqualTo("2 statements found (second starts at line 1, column 11: DELETE FROM t): "
                        + "EXPLAIN takes exactly one statement.");
    }

    @Test
    void commitEscapeIsRefused() {
        assertThat(refused("COMMIT; DELETE FROM t")).startsWith("2 statements found (second starts at line 1, column 9: DELETE");
        assertThat(refused("COMMIT")).startsWith("COMMIT/ROLLBACK/BEGIN are not allowed (found COMMIT)");
        assertThat(refused("rollback")).contains("found ROLLBACK");
        assertThat(refused("BEGIN")).contains("found BEGIN");
    }

    @Test
    void textAfterAnEscapeStringIsStillSeen() {
        // With backslash escapes the quote is escaped; a lexer reading it as a plain string would miss the DELETE.
        assertThat(refused("SELECT E'\\''; DELETE FROM t")).startsWith("2 statements found");
    }

    @Test
    void lineAndColumnCountNewlines() {
        assertThat(refused("SELECT 1;\n  DROP TABLE t")).contains("second starts at line 2, column 3: DROP TABLE t");
    }

    @Test
    void unterminatedLiteralsAndCommentsAreRefused() {
        assertThat(refused("SELECT 'abc")).contains("unterminated quoted string at line 1, column 8");
        assertThat(refused("SELECT $$abc")).contains("unterminated dollar-quoted string");
        assertThat(refused("SELECT 1 /* /* */")).contains("unterminated /* comment");
        assertThat(refused("SELECT \"abc")).contains("unterminated quoted identifier");
    }

    @Test
    void jdbcEscapeBracesAreRefused() {
        assertThat(refused("SELECT {fn now()}")).contains("unexpected character '{'");
    }

    @Test
    void ddlAndUtilityStatementsAreRefusedByName() {
        assertThat(refused("DROP TABLE t")).startsWith("DROP cannot be explained");
        assertThat(refused("create table x (a int)")).startsWith("CREATE cannot be explained");
        assertThat(refused("SET work_mem = '1GB'")).startsWith("SET cannot be explained");
        assertThat(refused("COPY t TO PROGRAM 'rm -rf /'")).startsWith("COPY cannot be explained");
        assertThat(refused("DO $$BEGIN END$$")).startsWith("DO cannot be explained");
        assertThat(refused("EXPLAIN SELECT 1")).startsWith("Leave out EXPLAIN");
        assertThat(refused("  ")).startsWith("No statement");
        assertThat(refused("-- only a comment")).startsWith("No statement");
    }

    @Test
    void kindsAndWriteDetection() {
        assertThat(single("(SELECT 1) UNION (SELECT 2)").kind()).isEqualTo(StatementKind.SELECT);
        assertThat(single("VALUES (1)").writesOrLocks()).isEmpty();
        assertThat(single("TABLE t").writesOrLocks()).isEmpty();
        assertThat(single("DELETE FROM t").writesOrLocks()).contains("it is a DELETE, which writes");
        assertThat(single("INSERT INTO t VALUES (1)").writesOrLocks()).contains("it is an INSERT, which writes");
        assertThat(single("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d").writesOrLocks())
                .contains("its WITH clause contains an INSERT, UPDATE, DELETE or MERGE");
        assertThat(single("WITH x AS (SELECT 1) DELETE FROM t").kind()).isEqualTo(StatementKind.DELETE);
        assertThat(single("WITH x AS (SELECT 1) SELECT * FROM x").writesOrLocks()).isEmpty();
        assertThat(single("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r").kind())
                .isEqualTo(StatementKind.SELECT);
        assertThat(single("SELECT * INTO copy FROM t").writesOrLocks()).contains("SELECT … INTO creates a table");
        assertThat(single("SELECT * FROM t FOR UPDATE").writesOrLocks()).contains("FOR UPDATE/SHARE locks rows");
        assertThat(single("SELECT * FROM t FOR NO KEY UPDATE").lockingClause()).isTrue();
        assertThat(single("SELECT substring('abc' FROM 1 FOR 2)").lockingClause()).isFalse();
    }

    @Test
    void parametersAreCounted() {
        assertThat(single("SELECT * FROM t WHERE a = $1 AND b = $3 AND c = '$2'").parameterCount()).isEqualTo(3);
        assertThat(single("SELECT $1, $1").parameters()).containsExactly(1);
        assertThat(single("SELECT $x$ $1 $x$").parameterCount()).isZero();
    }

    @Test
    void functionCallsAreFoundQualifiedQuotedAndEscaped() {
        CheckedStatement st = single("SELECT pg_catalog.PG_TERMINATE_BACKEND(1), \"MyFunc\"(2), lower(x), "
                + "U&\"pg\\0073leep\"(1), count(*) FROM t WHERE id IN (1, 2) AND EXISTS (SELECT 1)");
        assertThat(st.functions()).containsExactly(
                new FunctionName("pg_catalog", "pg_terminate_backend"),
                new FunctionName(null, "MyFunc"),
                new FunctionName(null, "lower"),
                new FunctionName(null, "pgsleep"),
                new FunctionName(null, "count"));
    }

    @Test
    void unicodeEscapedIdentifierIsDecoded() {
        CheckedStatement st = single("SELECT U&\"pg_sl\\0065ep\"(1)");
        assertThat(st.functions()).containsExactly(new FunctionName(null, "pg_sleep"));
        CheckedStatement custom = single("SELECT U&\"pg_sl!0065ep\" UESCAPE '!' (1)");
        assertThat(custom.functions()).containsExactly(new FunctionName(null, "pg_sleep"));
    }

    @Test
    void jdbcTextTurnsParametersIntoPlaceholdersAndDoublesQuestionMarks() {
        CheckedStatement st = single("SELECT * FROM t WHERE doc ? 'k' AND a = $2 AND b = $1 AND c = '$1?'");
        CheckedStatement.JdbcText jdbc = st.jdbcText();
        assertThat(jdbc.sql()).isEqualTo("SELECT * FROM t WHERE doc ?? 'k' AND a = ? AND b = ? AND c = '$1?'");
        assertThat(jdbc.parameterOrder()).containsExactly(2, 1);
    }

    @Test
    void statementTextDropsTheTrailingSemicolonAndOuterComments() {
        assertThat(single("-- why\nSELECT 1 ; -- done").text()).isEqualTo("SELECT 1");
    }
}
