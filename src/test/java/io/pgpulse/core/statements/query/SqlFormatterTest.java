package io.pgpulse.core.statements.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFormatterTest {

    @Test
    void eachClauseStartsALine() {
        assertThat(SqlFormatter.format("SELECT id, status FROM orders WHERE status = $1 GROUP BY id, status"
                + " HAVING count(*) > $2 ORDER BY id DESC LIMIT $3 OFFSET $4")).isEqualTo("""
                SELECT id, status
                FROM orders
                WHERE status = $1
                GROUP BY id, status
                HAVING count(*) > $2
                ORDER BY id DESC
                LIMIT $3
                OFFSET $4""");
    }

    @Test
    void joinsAndConditionsAreIndentedUnderTheirClause() {
        assertThat(SqlFormatter.format("select o.id, c.name from orders o join customers c on c.id = o.customer_id"
                + " left outer join notes n on n.order_id = o.id and n.kind = $2 where o.status = $1 and o.total"
                + " between $3 and $4 or o.flagged")).isEqualTo("""
                select o.id, c.name
                from orders o
                  join customers c on c.id = o.customer_id
                  left outer join notes n on n.order_id = o.id
                    and n.kind = $2
                where o.status = $1
                  and o.total between $3 and $4
                  or o.flagged""");
    }

    @Test
    void subqueriesAreIndentedInsideTheirParentheses() {
        assertThat(SqlFormatter.format("WITH recent AS (SELECT id FROM orders WHERE created_at > now() - interval"
                + " '1 day') UPDATE orders SET status = $1 WHERE id IN (SELECT id FROM recent) RETURNING id")).isEqualTo("""
                WITH recent AS (
                  SELECT id
                  FROM orders
                  WHERE created_at > now() - interval '1 day'
                )
                UPDATE orders
                SET status = $1
                WHERE id IN (
                  SELECT id
                  FROM recent
                )
                RETURNING id""");
    }

    @Test
    void aLongSelectListGetsOneColumnPerLine() {
        assertThat(SqlFormatter.format("SELECT o.id, o.customer_id, o.status, o.total_cents, o.created_at,"
                + " o.reference_code, o.shipped_at FROM orders o")).isEqualTo("""
                SELECT o.id,
                  o.customer_id,
                  o.status,
                  o.total_cents,
                  o.created_at,
                  o.reference_code,
                  o.shipped_at
                FROM orders o""");
    }

    @Test
    void keywordsInsideFunctionCallsLiteralsAndCommentsAreLeftAlone() {
        assertThat(SqlFormatter.format("SELECT extract(epoch FROM now()), string_agg(name, ', FROM ' ORDER BY name),"
                + " $$ WHERE $$, \"from\" /* FROM x */ FROM t WHERE a IS DISTINCT FROM b AND c = E'it\\'s FROM'"))
                .isEqualTo("""
                        SELECT extract(epoch FROM now()),
                          string_agg(name, ', FROM ' ORDER BY name),
                          $$ WHERE $$,
                          "from" /* FROM x */
                        FROM t
                        WHERE a IS DISTINCT FROM b
                          AND c = E'it\\'s FROM'""");
    }

    @Test
    void aLineCommentEndsItsLine() {
        assertThat(SqlFormatter.format("SELECT 1 -- one\n, 2 FROM t")).isEqualTo("SELECT 1 -- one\n, 2\nFROM t");
    }

    @Test
    void insertsKeepTheirColumnListAndPutValuesOnTheirOwnLine() {
        assertThat(SqlFormatter.format("INSERT INTO orders (customer_id, status) VALUES ($1, $2) ON CONFLICT (id)"
                + " DO UPDATE SET status = EXCLUDED.status RETURNING id")).isEqualTo("""
                INSERT INTO orders (customer_id, status)
                VALUES ($1, $2)
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status
                RETURNING id""");
        assertThat(SqlFormatter.format("DELETE FROM orders WHERE id = $1")).isEqualTo("DELETE FROM orders\nWHERE id = $1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT (((", "SELECT ) FROM t)", "SELECT 'unterminated", "SELECT /* open comment", "SELECT $tag$ x",
            "", "   ", "SELECT 1; SELECT 2", "select count(*) filter (where x) from t for update skip locked"})
    void anyInputIsLaidOutWithoutLosingAToken(String sql) {
        String formatted = SqlFormatter.format(sql);
        assertThat(SqlFormatter.singleLine(formatted).replace(" ", "")).isEqualTo(sql.replaceAll("\\s+", ""));
    }

    @Test
    void singleLineCollapsesWhitespace() {
        assertThat(SqlFormatter.singleLine("  SELECT a,\n\t\tb\r\nFROM t  ")).isEqualTo("SELECT a, b FROM t");
        assertThat(SqlFormatter.singleLine(null)).isNull();
    }
}
