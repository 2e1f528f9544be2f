package io.pgpulse.core.sampling;

import java.util.regex.Pattern;

/**
 * Masks the password literals of {@code CREATE/ALTER ROLE … PASSWORD '…'} in statement and
 * session texts: pg_stat_statements keeps utility statements verbatim, and PgPulse must not put
 * a secret it happens to read on screen, in a report or in an export.
 */
public final class SqlSecrets {
    private static final Pattern PASSWORD_LITERAL =
            Pattern.compile("(?i)(\\bPASSWORD\\s+)(E?'(?:[^']|'')*'?)");

    private SqlSecrets() {}

    public static String redact(String sql) {
        if (sql == null || !sql.toLowerCase(java.util.Locale.ROOT).contains("password")) {
            return sql;
        }
        return PASSWORD_LITERAL.matcher(sql).replaceAll("$1'********'");
    }
}
