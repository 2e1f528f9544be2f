package io.pgpulse.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the tests read from the demo server, as the superuser, the way PgPulse would. */
final class DemoSql {
    private final DemoEnvironment demo;

    DemoSql(DemoEnvironment demo) {
        this.demo = demo;
    }

    long number(String sql, Object... params) {
        try (Connection c = demo.superuserConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    String text(String sql, Object... params) {
        try (Connection c = demo.superuserConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection c = demo.superuserConnection(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One pg_stat_statements counter of the shop database's statement with this normalised text. */
    double statement(String column, String normalizedQuery) {
        try (Connection c = demo.superuserConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(" + column + "), 0) FROM pg_stat_statements"
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query = ?")) {
            ps.setString(1, normalizedQuery);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** JDBC placeholders as pg_stat_statements shows them: {@code ?} becomes {@code $1}, {@code $2}, … */
    static String normalized(String jdbcSql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : jdbcSql.toCharArray()) {
            if (ch == '?') {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
