package io.pgpulse.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pgpulse.core.analysis.Humanize;
import io.pgpulse.core.explain.report.IndexHealthOutput;
import io.pgpulse.core.indexes.IndexHealthItem;

/**
 * Renders a {@link Report} as GitHub-flavoured Markdown for an incident channel or a ticket:
 * findings first, because that is what someone opening the message needs; then the figures behind
 * them. Every number carries its unit and numeric columns are right-aligned.
 */
public final class ReportMarkdown {

    private static final int QUERY_CHARS = 80;
    private static final String NBSP = "\u00a0";

    private ReportMarkdown() {
    }

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# PgPulse report\n\n");
        md.append("PostgreSQL ").append(report.server().version())
                .append(" · generated ").append(report.generatedAt())
                .append(" · ").append(Humanize.seconds(report.sampledSeconds())).append(" sampled in ")
                .append(Humanize.count(report.samples(), "snapshot", "snapshots")).append("\n\n");
        findings(md, report.findings());
        connections(md, report.connections());
        statements(md, report.statements());
        locks(md, report.locks());
        indexHealth(md, report.indexHealth());
        capabilities(md, report.capabilities());
        return md.toString();
    }

    private static void findings(StringBuilder md, List<Report.FindingEntry> findings) {
        md.append("## Findings\n\n");
        if (findings.isEmpty()) {
            md.append("Nothing needs attention.\n\n");
            return;
        }
        Table overview = new Table(List.of("Severity", "Finding", "Summary"), List.of(false, false, false));
        for (Report.FindingEntry f : findings) {
            overview.row(f.severity().toUpperCase(Locale.ROOT), code(f.kind()), text(f.summary()));
        }
        overview.appendTo(md);
        for (Report.FindingEntry f : findings) {
            md.append("### ").append(f.severity().toUpperCase(Locale.ROOT)).append(" · ").append(f.kind()).append("\n\n");
            md.append(text(f.summary())).append("\n\n");
            md.append("- **Now:** ").append(text(f.advice().now())).append('\n');
            if (f.advice().nextTime() != null) {
                md.append("- **Next time:** ").append(text(f.advice().nextTime())).append('\n');
            }
            md.append('\n');
            if (!f.evidence().isEmpty()) {
                Table evidence = new Table(List.of("Evidence", "Value"), List.of(false, false));
                for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
                    evidence.row(code(e.getKey()), evidenceValue(e.getKey(), e.getValue()));
                }
                evidence.appendTo(md);
            }
        }
    }

    private static void connections(StringBuilder md, Report.Connections c) {
        md.append("## Connections\n\n");
        md.append("**").append(c.headroom()).append("** (").append(Humanize.percent(c.usedPercent()))
                .append(" used; peak ").append(Humanize.count(c.peakUsed())).append(" during the run).\n\n");
        Table budget = new Table(List.of("Budget", "Connections"), List.of(false, true));
        budget.row("max_connections", Humanize.count(c.maxConnections()));
        budget.row("reserved (superuser " + c.superuserReservedConnections() + ", reserved_connections "
                + c.reservedConnections() + ")", Humanize.count(c.reserved()));
        budget.row("usable", Humanize.count(c.usable()));
        budget.row("used (incl. " + Humanize.count(c.unlisted()) + " not listed, e.g. PgPulse)", Humanize.count(c.used()));
        budget.row("available", Humanize.count(c.available()));
        budget.appendTo(md);

        Table states = new Table(List.of("State", "Sessions"), List.of(false, true));
        c.byState().forEach((state, n) -> states.row(state, Humanize.count(n)));
        states.appendTo(md);

        if (!c.byApplication().isEmpty()) {
            md.append("### By application\n\n");
            List<String> headers = new ArrayList<>(List.of("Application", "Total"));
            List<Boolean> right = new ArrayList<>(List.of(false, true));
            for (String state : c.byState().keySet()) {
                headers.add(capitalize(state));
                right.add(true);
            }
            headers.add("Oldest transaction");
            right.add(true);
            Table apps = new Table(headers, right);
            for (Report.ApplicationConnections a : c.byApplication()) {
                List<String> cells = new ArrayList<>();
                cells.add(a.application() == null || a.application().isEmpty() ? "(none)" : text(a.application()));
                cells.add(Humanize.count(a.total()));
                a.byState().values().forEach(n -> cells.add(Humanize.count(n)));
                cells.add(a.oldestXactSeconds() == null ? "–" : Humanize.seconds(a.oldestXactSeconds()));
                apps.row(cells.toArray(String[]::new));
            }
            apps.appendTo(md);
        }
        if (!c.limits().isEmpty()) {
            md.append("### Role and database limits\n\n");
            Table limits = new Table(List.of("Kind", "Name", "In use", "Limit", "Free", "Near cap"),
                    List.of(false, false, true, true, true, false));
            for (Report.Limit l : c.limits()) {
                limits.row(l.kind(), text(l.name()), Humanize.count(l.inUse()), Humanize.count(l.limit()),
                        Humanize.count(l.free()), l.nearCap() ? "**yes**" : "no");
            }
            limits.appendTo(md);
        }
    }

    private static void statements(StringBuilder md, Report.Statements statements) {
        md.append("## Statements\n\n");
        if (statements instanceof Report.StatementsUnavailable u) {
            md.append("n/a — ").append(text(u.reason())).append("\n\n");
            if (u.fix() != null) {
                md.append("```\n").append(u.fix()).append("\n```\n\n");
            }
            return;
        }
        Report.StatementsAvailable s = (Report.StatementsAvailable) statements;
        md.append("Over ").append(Humanize.seconds(s.windowSeconds())).append(": ")
                .append(Humanize.count(s.statementsSeen(), "statement", "statements")).append(" ran for ")
                .append(Humanize.millis(s.totalExecTimeMs())).append(" in total.\n\n");
        md.append("### Top by total execution time\n\n");
        statementTable(md, s.topByTotalTime());
        md.append("### Top by calls\n\n");
        statementTable(md, s.topByCalls());
    }

    private static void statementTable(StringBuilder md, List<Report.StatementEntry> entries) {
        if (entries.isEmpty()) {
            md.append("No statement ran in the window.\n\n");
            return;
        }
        Table t = new Table(List.of("#", "Query", "Calls", "Calls/s", "Total", "Mean", "Rows", "Share", "queryid"),
                List.of(true, false, true, true, true, true, true, true, true));
        int i = 1;
        for (Report.StatementEntry e : entries) {
            t.row(String.valueOf(i++), e.query() == null ? "(text not fetched yet)" : code(abbreviate(e.query())),
                    Humanize.count(e.calls()), Humanize.rate(e.callsPerSecond()),
                    Humanize.millis(e.totalExecTimeMs()),
                    e.meanExecTimeMs() == null ? "n/a" : Humanize.millis(e.meanExecTimeMs()),
                    Humanize.count(e.rows()), e.sharePercent() == null ? "n/a" : Humanize.percent(e.sharePercent()),
                    code(e.queryid()));
        }
        t.appendTo(md);
    }

    private static void locks(StringBuilder md, Report.Locks locks) {
        md.append("## Locks\n\n");
        if (locks.blockingTrees().isEmpty()) {
            md.append("No session is waiting for a lock.\n\n");
            return;
        }
        md.append("**").append(Humanize.count(locks.waitingSessions(), "session", "sessions"))
                .append(" waiting** in ").append(Humanize.count(locks.blockingTrees().size(), "blocking tree", "blocking trees"))
                .append(".\n\n");
        Table t = new Table(List.of("Session", "State", "Lock", "Relation", "Waiting", "Waiters", "Query"),
                List.of(false, false, false, false, true, true, false));
        for (Report.LockNode root : locks.blockingTrees()) {
            lockRows(t, root, 0);
        }
        t.appendTo(md);
    }

    private static void lockRows(Table t, Report.LockNode n, int depth) {
        String pid = NBSP.repeat(depth * 3) + (depth > 0 ? "└ " : "") + n.pid() + (n.inCycle() ? " (cycle)" : "");
        String state = n.state() == null ? (n.backendType() == null ? "–" : n.backendType())
                : n.state() + (n.stateSeconds() == null ? "" : " for " + Humanize.seconds(n.stateSeconds()));
        String lock = n.lockMode() == null ? "–"
                : (Boolean.TRUE.equals(n.lockGranted()) ? "holds " : "waits for ") + n.lockMode();
        t.row(pid, text(state), lock, n.relation() == null ? "–" : text(n.relation()),
                n.waitingSeconds() == null ? "–" : Humanize.seconds(n.waitingSeconds()),
                Humanize.count(n.totalWaiters()), n.query() == null ? "–" : code(abbreviate(n.query())));
        for (Report.LockNode child : n.waiters()) {
            lockRows(t, child, depth + 1);
        }
    }

    /** An overview table, then each item (detail, DDL, warning) as {@code pgpulse indexes} prints it, one level down. */
    private static void indexHealth(StringBuilder md, Report.IndexHealth section) {
        md.append("## Index health\n\n");
        if (section instanceof Report.IndexHealthUnavailable u) {
            md.append("n/a — ").append(text(u.reason())).append("\n\n");
            if (u.fix() != null) {
                md.append("```\n").append(u.fix()).append("\n```\n\n");
            }
            return;
        }
        Report.IndexHealthAvailable h = (Report.IndexHealthAvailable) section;
        md.append("Database ").append(code(h.database())).append(": ")
                .append(IndexHealthOutput.scope(h.indexesChecked(), h.foreignKeysChecked(), h.statsAgeSeconds(), h.standby()))
                .append(" Maintenance advice, not incidents: these never count as findings or for `--fail-on`.\n\n");
        if (h.items().isEmpty()) {
            md.append(IndexHealthOutput.NOTHING_FOUND).append("\n\n");
            return;
        }
        Table t = new Table(List.of("Kind", "Table", "Index or constraint", "Size"), List.of(false, false, false, true));
        for (IndexHealthItem i : h.items()) {
            t.row(code(i.kind().label()), text(i.schema() + "." + i.table()), text(i.index()),
                    IndexHealthOutput.humanBytes(i.sizeBytes()));
        }
        t.appendTo(md);
        for (IndexHealthItem i : h.items()) {
            IndexHealthOutput.markdownItem(md, "###", i);
        }
    }

    private static void capabilities(StringBuilder md, Report.CapabilitiesSection caps) {
        md.append("## Capabilities\n\n");
        Table t = new Table(List.of("Check", "OK", "Explanation", "Fix"), List.of(false, false, false, false));
        for (Report.CapabilityCheck c : caps.findings()) {
            t.row(c.topic(), c.ok() ? "yes" : "**no**", text(c.explanation()), c.fix() == null ? "" : code(c.fix()));
        }
        t.appendTo(md);
    }

    private static String evidenceValue(String key, Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Number n && key.endsWith("_seconds")) {
            return Humanize.seconds(n.doubleValue());
        }
        if (value instanceof Number n && key.endsWith("_percent")) {
            return Humanize.percent(n.doubleValue());
        }
        if (value instanceof Number n && key.endsWith("_ms")) {
            return Humanize.millis(n.doubleValue());
        }
        if (value instanceof Integer || value instanceof Long) {
            return key.endsWith("pid") ? value.toString() : Humanize.count(((Number) value).longValue());
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "–" : text(String.join(", ", list.stream().map(String::valueOf).toList()));
        }
        return text(String.valueOf(value));
    }

    private static String abbreviate(String query) {
        String flat = query.strip().replaceAll("\\s+", " ");
        return flat.length() <= QUERY_CHARS ? flat : flat.substring(0, QUERY_CHARS - 1) + "…";
    }

    /** Table cells cannot hold pipes or line breaks. */
    private static String text(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * A code span, fenced with more backticks than the text contains. Pipes still end a table
     * cell inside code spans in GitHub's tables, so they are escaped too.
     */
    private static String code(String s) {
        String flat = s.replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
        String fence = flat.contains("`") ? "``" : "`";
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A Markdown table, columns padded so the source is readable as plain text too. */
    private static final class Table {
        private final List<String> headers;
        private final List<Boolean> rightAligned;
        private final List<String[]> rows = new ArrayList<>();

        Table(List<String> headers, List<Boolean> rightAligned) {
            this.headers = headers;
            this.rightAligned = rightAligned;
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void appendTo(StringBuilder md) {
            int[] widths = new int[headers.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(3, headers.get(i).length());
                for (String[] row : rows) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            line(md, headers.toArray(String[]::new), widths);
            md.append('|');
            for (int i = 0; i < widths.length; i++) {
                md.append(rightAligned.get(i) ? "-".repeat(widths[i] + 1) + ":" : "-".repeat(widths[i] + 2)).append('|');
            }
            md.append('\n');
            for (String[] row : rows) {
                line(md, row, widths);
            }
            md.append('\n');
        }

        private void line(StringBuilder md, String[] cells, int[] widths) {
            md.append('|');
            for (int i = 0; i < widths.length; i++) {
                String pad = " ".repeat(widths[i] - cells[i].length());
                md.append(' ').append(rightAligned.get(i) ? pad + cells[i] : cells[i] + pad).append(" |");
            }
            md.append('\n');
        }
    }
}
