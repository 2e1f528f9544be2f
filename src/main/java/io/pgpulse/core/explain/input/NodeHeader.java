package io.pgpulse.core.explain.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pgpulse.core.explain.PlanFormatException;

/**
 * The first line of a node in text EXPLAIN, such as
 * {@code Parallel Index Scan Backward using orders_pkey on shop.orders o  (cost=0.29..8.31 rows=1 width=45) (actual time=0.01..0.02 rows=1 loops=3)},
 * turned into the properties JSON prints for it: the text folds the join type, the aggregate
 * strategy, the scan direction and the target into the node's name.
 */
final class NodeHeader {
    /** Node names that carry nothing else. */
    private static final Set<String> SIMPLE = Set.of("Result", "ProjectSet", "Append", "Merge Append",
            "Recursive Union", "BitmapAnd", "BitmapOr", "Materialize", "Memoize", "Sort", "Incremental Sort", "Group",
            "Unique", "Limit", "LockRows", "WindowAgg", "Hash", "Gather", "Gather Merge", "Result Cache",
            "Nested Loop", "Foreign Scan");

    private enum Target { RELATION, FUNCTION, TABLE_FUNCTION, CTE, TUPLESTORE, ALIAS }

    private static final Map<String, Target> SCANS = Map.ofEntries(
            Map.entry("Seq Scan", Target.RELATION), Map.entry("Sample Scan", Target.RELATION),
            Map.entry("Bitmap Heap Scan", Target.RELATION), Map.entry("Tid Scan", Target.RELATION),
            Map.entry("Tid Range Scan", Target.RELATION), Map.entry("Subquery Scan", Target.ALIAS),
            Map.entry("Function Scan", Target.FUNCTION), Map.entry("Table Function Scan", Target.TABLE_FUNCTION),
            Map.entry("Values Scan", Target.ALIAS), Map.entry("CTE Scan", Target.CTE),
            Map.entry("Named Tuplestore Scan", Target.TUPLESTORE), Map.entry("WorkTable Scan", Target.CTE),
            Map.entry("Foreign Scan", Target.RELATION));

    private static final List<String> MODIFY = List.of("Insert", "Update", "Delete", "Merge");

    final Map<String, Object> properties = new LinkedHashMap<>(48);
    /** The name is one PostgreSQL prints (the figures may still be absent, under COSTS OFF). */
    boolean known;
    /** Costs or actual figures were on the line. */
    boolean figures;
    boolean neverExecuted;
    boolean actual;
    boolean timing;

    private NodeHeader() {}

    String nodeType() {
        return (String) properties.get("Node Type");
    }

    /** True when the line has the figures of a node; a quick test that reads nothing. */
    static boolean hasFigures(String text) {
        return text.contains("  (cost=") || text.endsWith(" (never executed)")
                || text.endsWith(")") && text.contains(" (actual ") && text.contains("loops=");
    }

    static NodeHeader parse(String text, int line) throws PlanFormatException {
        NodeHeader h = new NodeHeader();
        String head = text;
        String rest = "";
        int cost = text.indexOf("  (cost=");
        if (cost >= 0) {
            int close = text.indexOf(')', cost);
            if (close < 0) {
                throw bad(line, "the cost figures are cut off", text.substring(cost + 2));
            }
            head = text.substring(0, cost);
            h.name(head.strip());
            if (!costs(text.substring(cost + 8, close), h.properties)) {
                throw bad(line, "cannot read the costs (expected \"(cost=startup..total rows=N width=N)\")",
                        text.substring(cost + 2, close + 1));
            }
            h.figures = true;
            rest = text.substring(close + 1).strip();
        } else {
            int at = Math.max(text.lastIndexOf(" (actual "), text.lastIndexOf(" (never executed)"));
            if (at >= 0) {
                head = text.substring(0, at);
                rest = text.substring(at).strip();
            }
        }
        if (cost < 0) {
            h.name(head.strip());
        }
        if (head.contains("(cost=")) {
            throw bad(line, "cannot read the costs (expected \"(cost=startup..total rows=N width=N)\" after two spaces)",
                    head.substring(head.indexOf("(cost=")));
        }
        if (!rest.isEmpty()) {
            if (rest.equals("(never executed)")) {
                h.neverExecuted = true;
                h.figures = true;
            } else if (rest.startsWith("(actual ") && rest.endsWith(")")) {
                if (!TextProperties.actual(h.properties, rest.substring("(actual ".length(), rest.length() - 1))
                        || !h.properties.containsKey("Actual Loops")) {
                    throw bad(line, "cannot read the actual figures (expected \"(actual time=start..total rows=N loops=N)\")",
                            rest);
                }
                h.figures = true;
                h.actual = true;
                h.timing = h.properties.containsKey("Actual Total Time");
            } else if (rest.startsWith("(actual") || rest.startsWith("(never")) {
                throw bad(line, "the actual figures are cut off", rest);
            } else {
                throw bad(line, "unexpected text after the node's figures", rest);
            }
        }
        return h;
    }

    private static boolean costs(String inner, Map<String, Object> p) {
        String[] parts = inner.split(" ");
        if (parts.length != 3 || !parts[1].startsWith("rows=") || !parts[2].startsWith("width=")) {
            return false;
        }
        int dots = parts[0].indexOf("..");
        if (dots < 0) {
            return false;
        }
        Number startup = TextProperties.number(parts[0].substring(0, dots));
        Number total = TextProperties.number(parts[0].substring(dots + 2));
        Number rows = TextProperties.number(parts[1].substring(5));
        Number width = TextProperties.number(parts[2].substring(6));
        if (startup == null || total == null || rows == null || width == null) {
            return false;
        }
        p.put("Startup Cost", startup.doubleValue());
        p.put("Total Cost", total.doubleValue());
        p.put("Plan Rows", rows);
        p.put("Plan Width", width);
        return true;
    }

    private static PlanFormatException bad(int line, String why, String what) {
        return new PlanFormatException("Line " + line + ": " + why + ": \"" + excerpt(what) + "\".", line, null);
    }

    static String excerpt(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }

    /** Fills Node Type and what the name carries; sets {@link #known}. */
    private void name(String full) {
        String h = full;
        boolean parallel = false;
        boolean async = false;
        if (h.startsWith("Parallel ")) {
            parallel = true;
            h = h.substring("Parallel ".length());
        }
        if (h.startsWith("Async ")) {
            async = true;
            h = h.substring("Async ".length());
        }
        Map<String, Object> p = properties;
        known = true;
        if (!joins(h) && !aggregate(h) && !setOp(h) && !modifyTable(h) && !foreign(h) && !custom(h) && !indexScan(h)
                && !scan(h)) {
            if (SIMPLE.contains(h)) {
                p.put("Node Type", h);
            } else {
                known = false;
                int on = h.indexOf(" on ");
                if (on > 0) {
                    p.put("Node Type", h.substring(0, on));
                    target(h.substring(on + 4), Target.RELATION);
                } else {
                    p.put("Node Type", h);
                }
            }
        }
        p.put("Parallel Aware", parallel);
        p.put("Async Capable", async);
    }

    private boolean joins(String h) {
        if (h.equals("Nested Loop")) {
            properties.put("Node Type", "Nested Loop");
            properties.put("Join Type", "Inner");
            return true;
        }
        if (!h.endsWith(" Join")) {
            return false;
        }
        String type;
        String middle;
        if (h.startsWith("Nested Loop ")) {
            type = "Nested Loop";
            middle = h.substring("Nested Loop ".length(), h.length() - " Join".length());
        } else if (h.startsWith("Hash ") || h.startsWith("Merge ")) {
            type = h.startsWith("Hash ") ? "Hash Join" : "Merge Join";
            middle = h.length() == type.length() ? "" : h.substring(type.indexOf(' ') + 1, h.length() - " Join".length()).strip();
        } else {
            return false;
        }
        properties.put("Node Type", type);
        properties.put("Join Type", middle.isEmpty() ? "Inner" : middle);
        return true;
    }

    private boolean aggregate(String h) {
        String mode = "Simple";
        String a = h;
        if (a.startsWith("Partial ")) {
            mode = "Partial";
            a = a.substring("Partial ".length());
        } else if (a.startsWith("Finalize ")) {
            mode = "Finalize";
            a = a.substring("Finalize ".length());
        }
        String strategy = switch (a) {
            case "Aggregate" -> "Plain";
            case "GroupAggregate" -> "Sorted";
            case "HashAggregate" -> "Hashed";
            case "MixedAggregate" -> "Mixed";
            default -> null;
        };
        if (strategy == null) {
            return false;
        }
        properties.put("Node Type", "Aggregate");
        properties.put("Strategy", strategy);
        properties.put("Partial Mode", mode);
        return true;
    }

    private boolean setOp(String h) {
        boolean hashed = h.startsWith("HashSetOp ");
        if (!hashed && !h.startsWith("SetOp ")) {
            return false;
        }
        properties.put("Node Type", "SetOp");
        properties.put("Strategy", hashed ? "Hashed" : "Sorted");
        properties.put("Command", h.substring(h.indexOf(' ') + 1));
        return true;
    }

    private boolean modifyTable(String h) {
        for (String op : MODIFY) {
            if (h.startsWith(op + " on ")) {
                properties.put("Node Type", "ModifyTable");
                properties.put("Operation", op);
                target(h.substring(op.length() + 4), Target.RELATION);
                return true;
            }
        }
        return false;
    }

    private boolean foreign(String h) {
        if (!h.startsWith("Foreign ")) {
            return false;
        }
        String rest = h.substring("Foreign ".length());
        String op = rest.startsWith("Scan") ? "Select" : rest.startsWith("Insert") ? "Insert"
                : rest.startsWith("Update") ? "Update" : rest.startsWith("Delete") ? "Delete" : null;
        if (op == null) {
            return false;
        }
        String verb = op.equals("Select") ? "Scan" : op;
        if (!rest.equals(verb) && !rest.startsWith(verb + " on ")) {
            return false;
        }
        properties.put("Node Type", "Foreign Scan");
        properties.put("Operation", op);
        if (rest.length() > verb.length()) {
            target(rest.substring(verb.length() + 4), Target.RELATION);
        }
        return true;
    }

    private boolean custom(String h) {
        if (!h.startsWith("Custom Scan (")) {
            return false;
        }
        int close = h.indexOf(')');
        if (close < 0) {
            return false;
        }
        properties.put("Node Type", "Custom Scan");
        properties.put("Custom Plan Provider", h.substring("Custom Scan (".length(), close));
        String rest = h.substring(close + 1);
        if (rest.startsWith(" on ")) {
            target(rest.substring(4), Target.RELATION);
        }
        return true;
    }

    private boolean indexScan(String h) {
        if (h.startsWith("Bitmap Index Scan on ")) {
            properties.put("Node Type", "Bitmap Index Scan");
            List<String> name = new ArrayList<>();
            int end = identifier(h, "Bitmap Index Scan on ".length(), name);
            properties.put("Index Name", end == h.length() ? name.get(0) : h.substring("Bitmap Index Scan on ".length()));
            return true;
        }
        String type = h.startsWith("Index Scan ") ? "Index Scan" : h.startsWith("Index Only Scan ") ? "Index Only Scan" : null;
        if (type == null) {
            return false;
        }
        String rest = h.substring(type.length() + 1);
        String direction = "Forward";
        if (rest.startsWith("Backward ")) {
            direction = "Backward";
            rest = rest.substring("Backward ".length());
        }
        if (!rest.startsWith("using ")) {
            return false;
        }
        List<String> index = new ArrayList<>();
        int end = identifier(rest, "using ".length(), index);
        if (end < 0 || !rest.startsWith(" on ", end)) {
            return false;
        }
        properties.put("Node Type", type);
        properties.put("Scan Direction", direction);
        properties.put("Index Name", index.get(0));
        target(rest.substring(end + 4), Target.RELATION);
        return true;
    }

    private boolean scan(String h) {
        int on = h.indexOf(" on ");
        String type = on < 0 ? h : h.substring(0, on);
        Target kind = SCANS.get(type);
        if (kind == null || type.equals("Foreign Scan")) {
            return false;
        }
        properties.put("Node Type", type);
        if (on >= 0) {
            target(h.substring(on + 4), kind);
        }
        return true;
    }

    /** {@code [schema.]name [alias]}, each possibly double-quoted, into the properties JSON uses for the kind of scan. */
    private void target(String text, Target kind) {
        List<String> dotted = new ArrayList<>();
        int i = identifier(text, 0, dotted);
        while (i > 0 && i < text.length() && text.charAt(i) == '.') {
            i = identifier(text, i + 1, dotted);
        }
        String alias = null;
        if (i > 0 && i < text.length() && text.charAt(i) == ' ') {
            List<String> a = new ArrayList<>();
            int end = identifier(text, i + 1, a);
            if (end == text.length()) {
                alias = a.get(0);
                i = end;
            }
        }
        if (i != text.length() || dotted.isEmpty() || dotted.size() > 2) {
            // Not the shape PostgreSQL prints: keep the text rather than guess.
            properties.put(kind == Target.ALIAS ? "Alias" : "Target", text);
            return;
        }
        String schema = dotted.size() == 2 ? dotted.get(0) : null;
        String name = dotted.get(dotted.size() - 1);
        String tag = switch (kind) {
            case RELATION -> "Relation Name";
            case FUNCTION -> "Function Name";
            case TABLE_FUNCTION -> "Table Function Name";
            case CTE -> "CTE Name";
            case TUPLESTORE -> "Tuplestore Name";
            case ALIAS -> null;
        };
        if (tag == null) {
            properties.put("Alias", alias != null ? alias : name);
            return;
        }
        properties.put(tag, name);
        if (schema != null) {
            properties.put("Schema", schema);
        }
        properties.put("Alias", alias != null ? alias : name);
    }

    /**
     * Reads one identifier at {@code start}: double-quoted (with {@code ""} for a quote) or up to
     * the next space or dot. Returns the index after it, or -1 when there is none.
     */
    static int identifier(String s, int start, List<String> out) {
        int n = s.length();
        if (start >= n) {
            return -1;
        }
        if (s.charAt(start) == '"') {
            StringBuilder sb = new StringBuilder();
            int i = start + 1;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (i + 1 < n && s.charAt(i + 1) == '"') {
                        sb.append('"');
                        i += 2;
                        continue;
                    }
                    out.add(sb.toString());
                    return i + 1;
                }
                sb.append(c);
                i++;
            }
            return -1;
        }
        int i = start;
        while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '.') {
            i++;
        }
        if (i == start) {
            return -1;
        }
        out.add(s.substring(start, i));
        return i;
    }
}
