package io.pgpulse.core.report;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.catalog.Identifiers;
import io.pgpulse.core.explain.ConnectionSource;
import io.pgpulse.core.explain.report.IndexHealthOutput;
import io.pgpulse.core.indexes.IndexHealth;
import io.pgpulse.core.indexes.IndexHealthItem;
import io.pgpulse.core.indexes.IndexInventory;

/**
 * The {@code index_health} section of a report: reads the index inventory on the monitoring
 * connection (one borrowed session, read-only, under its statement and lock timeouts) and judges it
 * with {@link IndexHealth#analyse}. A failed read (missing privilege, timeout, lock, lost session)
 * becomes an {@link Report.IndexHealthUnavailable} that says why and how to fix it, so the rest of
 * the report is still written.
 */
@CoreService
public final class IndexHealthSection {
    private static final Pattern DENIED = Pattern.compile("permission denied for (table|view|relation|schema|function) (\\S+)");

    private IndexHealthSection() {
    }

    /**
     * @param role             the monitoring role, for the GRANT a missing privilege needs
     * @param database         the database connected to (the one checked)
     * @param statementTimeout the sessions' statement timeout, to say what was exceeded
     */
    public static Report.IndexHealth read(ConnectionSource source, String role, String database, Duration statementTimeout) {
        IndexInventory inventory;
        try {
            inventory = new IndexHealth(source).read();
        } catch (SQLException e) {
            return unavailable(e, role, database, statementTimeout);
        }
        return of(database, inventory, IndexHealth.analyse(inventory));
    }

    public static Report.IndexHealthAvailable of(String database, IndexInventory inventory, List<IndexHealthItem> items) {
        return new Report.IndexHealthAvailable(true, database,
                inventory.statsReset() == null ? null : inventory.statsReset().toString(),
                IndexHealthOutput.statsAgeSeconds(inventory.statsReset(), inventory.serverNow()), inventory.standby(),
                inventory.indexes().size(), inventory.foreignKeys().size(), items);
    }

    /** What a report built without reading index health says. */
    static Report.IndexHealthUnavailable notChecked() {
        return new Report.IndexHealthUnavailable(false, "Index health was not checked in this run.",
                "pgpulse indexes <connection>");
    }

    static Report.IndexHealthUnavailable unavailable(SQLException e, String role, String database, Duration statementTimeout) {
        String state = Objects.requireNonNullElse(e.getSQLState(), "");
        String message = firstLine(e.getMessage());
        String where = "in database " + database;
        if (state.equals("42501")) {
            Matcher m = DENIED.matcher(message);
            String fix = null;
            if (m.find()) {
                String object = m.group(2);
                String qualified = object.contains(".") ? object : "pg_catalog." + object;
                fix = switch (m.group(1)) {
                    case "schema" -> "GRANT USAGE ON SCHEMA " + object + " TO " + Identifiers.quoteIdent(role) + ";";
                    case "function" -> "GRANT EXECUTE ON FUNCTION " + qualified + " TO " + Identifiers.quoteIdent(role)
                            + ";  -- add the argument types if the name is overloaded";
                    default -> "GRANT SELECT ON " + qualified + " TO " + Identifiers.quoteIdent(role) + ";";
                };
                fix += "  -- as a superuser, " + where;
            }
            return new Report.IndexHealthUnavailable(false, "Role " + role + " may not read the index catalog " + where
                    + " (" + message + "), so index health could not be checked. The rest of the report is unaffected.", fix);
        }
        if (state.equals("57014")) {
            return new Report.IndexHealthUnavailable(false, "Reading the index catalog " + where + " took longer than the "
                    + "statement timeout of " + statementTimeout.toMillis() + " ms (three quarters of --interval, at most 10 s) "
                    + "and was cancelled.", "pgpulse report --interval 14s …  -- or: pgpulse indexes …, which allows 10 s");
        }
        if (state.equals("55P03")) {
            return new Report.IndexHealthUnavailable(false, "Reading the index catalog " + where + " waited longer than "
                    + "lock_timeout for a lock another session holds on an index or table (usually DDL in an open "
                    + "transaction) and gave up rather than queue behind it.",
                    "SELECT pid, state, now() - xact_start AS xact_age, query FROM pg_stat_activity WHERE pid IN "
                            + "(SELECT pid FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND granted);  "
                            + "-- then run pgpulse indexes again once that transaction has ended");
        }
        return new Report.IndexHealthUnavailable(false, "Reading the index catalog " + where + " failed: " + message
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ".", null);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        line = line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
