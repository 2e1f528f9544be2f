package io.pgpulse.core.explain.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the property lines of text EXPLAIN ({@code Sort Method: quicksort  Memory: 25kB},
 * {@code Buffers: shared hit=12 read=3}, {@code Output: a, b}) into the keys and values that
 * {@code FORMAT JSON} prints for the same thing, so both formats feed the same model. The
 * mapping follows what PostgreSQL's explain.c writes in each format.
 */
final class TextProperties {
    /** Printed by ExplainPropertyList: comma-separated in text, arrays in JSON. */
    static final Set<String> LIST_KEYS = Set.of("Output", "Sort Key", "Presorted Key", "Group Key", "Hash Key",
            "Params Evaluated", "Conflict Arbiter Indexes");

    /** Text in JSON even when the text happens to look like a number or a boolean. */
    private static final Set<String> STRING_KEYS = Set.of("Filter", "Join Filter", "Index Cond", "Recheck Cond",
            "Hash Cond", "Merge Cond", "TID Cond", "One-Time Filter", "Run Condition", "Order By", "Cache Key",
            "Cache Mode", "Remote SQL", "Relations", "Sampling", "Repeatable Seed", "Function Call",
            "Table Function Call", "Conflict Resolution", "Conflict Filter", "Query Text", "Query Parameters", "Window",
            "Storage", "Strategy", "Partial Mode", "Command", "Operation", "Scan Direction", "Sort Method",
            "Sort Space Type", "Custom Plan Provider");

    /** Expressions and SQL: never split at a double space, which may be inside a literal. */
    private static final Set<String> WHOLE_LINE_KEYS = Set.of("Filter", "Join Filter", "Index Cond", "Recheck Cond",
            "Hash Cond", "Merge Cond", "TID Cond", "One-Time Filter", "Run Condition", "Order By", "Cache Key",
            "Remote SQL", "Relations", "Sampling", "Repeatable Seed", "Function Call", "Table Function Call",
            "Conflict Filter", "Query Text", "Query Parameters", "Window");

    /**
     * One instance per known label: a 10,000-node plan has ~300,000 property keys, and the model copies
     * each node's map; shared keys (as Jackson gives JSON's) stay in the CPU cache, fresh substrings do not.
     */
    private static final Map<String, String> CANONICAL = canonical(List.of("Rows Removed by Filter",
            "Rows Removed by Join Filter", "Rows Removed by Index Recheck", "Heap Fetches", "Workers Planned",
            "Workers Launched", "Buffers", "I/O Timings", "WAL", "Heap Blocks", "Sort Method", "Buckets", "Batches",
            "Hits", "Misses", "Evictions", "Overflows", "Memory Usage", "Disk Usage", "Planned Partitions",
            "Index Searches", "Subplans Removed", "Inner Unique", "Disabled", "Single Copy", "Maximum Storage",
            "Estimates", "Full-sort Groups", "Pre-sorted Groups", "Memory", "Disk", "Average Memory", "Peak Memory",
            "Average Disk", "Peak Disk", "Sort Methods", "Planning Time", "Execution Time", "Settings",
            "Query Identifier", "Planning", "JIT", "Functions", "Options", "Timing", "Serialization"));

    /** Precompiled: String.split compiles its pattern on every call unless it is a single character. */
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern COMMA = Pattern.compile(", ");
    private static final Pattern TWO_SPACES = Pattern.compile(" {2}");

    private TextProperties() {}

    /** A property line split at its first colon; null when the line has no {@code Key: value} shape. */
    record KeyValue(String key, String value) {}

    static KeyValue keyValue(String content) {
        int colon = content.indexOf(':');
        if (colon <= 0 || colon > 60) {
            return null;
        }
        for (int i = 0; i < colon; i++) {
            char c = content.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == ' ' || c == '/' || c == '-' || c == '_' || c == '.'
                    || c == '&';
            if (!ok || (i == 0 && !Character.isLetter(c))) {
                return null;
            }
        }
        if (colon + 1 < content.length() && content.charAt(colon + 1) != ' ') {
            return null;
        }
        String value = colon + 1 < content.length() ? content.substring(colon + 1).strip() : "";
        String key = content.substring(0, colon);
        return new KeyValue(CANONICAL.getOrDefault(key, key), value);
    }

    private static Map<String, String> canonical(List<String> more) {
        Map<String, String> out = new java.util.HashMap<>();
        for (java.util.Collection<String> names : List.of(LIST_KEYS, STRING_KEYS, WHOLE_LINE_KEYS, more)) {
            names.forEach(n -> out.put(n, n));
        }
        return Map.copyOf(out);
    }

    /**
     * Reads one property line into {@code target}. Returns false when the line is not a property
     * at all (the caller keeps it as an unrecognised line).
     *
     * @param nodeLevel true for a plan node or a worker, false for the statement-level sections
     */
    static boolean apply(Map<String, Object> target, String content, boolean nodeLevel) {
        if (content.startsWith("actual ")) {
            return actual(target, content.substring("actual ".length()));
        }
        return apply(target, content, keyValue(content), nodeLevel);
    }

    /** As {@link #apply(Map, String, boolean)}, with the line's first key and value already split. */
    static boolean apply(Map<String, Object> target, String content, KeyValue kv, boolean nodeLevel) {
        if (kv == null) {
            return false;
        }
        String key = kv.key();
        String value = kv.value();
        switch (key) {
            case "Buffers" -> buffers(target, value);
            case "I/O Timings" -> ioTimings(target, value);
            case "WAL" -> wal(target, value);
            case "Heap Blocks" -> heapBlocks(target, value);
            case "Sort Method" -> sortMethod(target, content);
            case "Buckets" -> hashTable(target, content);
            case "Batches", "Planned Partitions" -> {
                if (!nodeLevel) {
                    return generic(target, content, kv);
                }
                hashAggregate(target, content);
            }
            case "Hits" -> memoize(target, content);
            case "Estimates" -> memoizeEstimates(target, value);
            case "Full-sort Groups", "Pre-sorted Groups" -> incrementalSortGroups(target, content);
            case "Memory" -> {
                if (nodeLevel) {
                    return generic(target, content, kv);
                }
                planningMemory(target, value);
            }
            default -> {
                return generic(target, content, kv);
            }
        }
        return true;
    }

    /** {@code time=0.010..0.011 rows=1 loops=1} or {@code rows=1 loops=1}, as on a worker line. */
    static boolean actual(Map<String, Object> target, String figures) {
        Map<String, Object> out = new LinkedHashMap<>(8);
        String f = figures.strip();
        int from = 0;
        while (from < f.length()) {
            int space = f.indexOf(' ', from);
            String token = f.substring(from, space < 0 ? f.length() : space);
            from = space < 0 ? f.length() : space + 1;
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String name = token.substring(0, eq);
            String v = token.substring(eq + 1);
            switch (name) {
                case "time" -> {
                    int dots = v.indexOf("..");
                    Number start = dots < 0 ? null : number(v.substring(0, dots));
                    Number total = dots < 0 ? null : number(v.substring(dots + 2));
                    if (start == null || total == null) {
                        return false;
                    }
                    out.put("Actual Startup Time", start.doubleValue());
                    out.put("Actual Total Time", total.doubleValue());
                }
                case "rows" -> {
                    Number n = number(v);
                    if (n == null) {
                        return false;
                    }
                    out.put("Actual Rows", n);
                }
                case "loops" -> {
                    Number n = number(v);
                    if (n == null) {
                        return false;
                    }
                    out.put("Actual Loops", n);
                }
                default -> {
                    return false;
                }
            }
        }
        target.putAll(out);
        return !out.isEmpty();
    }

    /** The {@code Key: value} segments of a line that PostgreSQL joins with two spaces. */
    static List<KeyValue> segments(String content) {
        List<KeyValue> out = new ArrayList<>(4);
        int start = 0;
        int from = 0;
        while (true) {
            int gap = content.indexOf("  ", from);
            if (gap < 0) {
                break;
            }
            int next = gap;
            while (next < content.length() && content.charAt(next) == ' ') {
                next++;
            }
            KeyValue probe = next < content.length() ? keyValue(content.substring(next)) : null;
            if (probe != null) {
                KeyValue kv = keyValue(content.substring(start, gap));
                out.add(kv != null ? kv : new KeyValue(content.substring(start, gap).strip(), ""));
                start = next;
            }
            from = next;
        }
        KeyValue last = keyValue(content.substring(start));
        out.add(last != null ? last : new KeyValue(content.substring(start).strip(), ""));
        return out;
    }

    private static boolean generic(Map<String, Object> target, String content, KeyValue whole) {
        List<KeyValue> parts = WHOLE_LINE_KEYS.contains(whole.key()) || LIST_KEYS.contains(whole.key())
                || content.indexOf("  ") < 0 ? List.of(whole) : segments(content);
        for (KeyValue kv : parts) {
            if (LIST_KEYS.contains(kv.key())) {
                target.put(kv.key(), splitList(kv.value()));
            } else {
                target.put(kv.key(), value(kv.key(), kv.value()));
            }
        }
        return true;
    }

    /** The JSON value of a text property: a number (units dropped), a boolean or the text itself. */
    static Object value(String key, String text) {
        if (STRING_KEYS.contains(key)) {
            return text;
        }
        if (text.equals("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("false")) {
            return Boolean.FALSE;
        }
        Number n = numberWithUnit(text);
        return n != null ? n : text;
    }

    /** {@code 12}, {@code 0.123 ms}, {@code 25kB}, {@code 99.00%}; null when it is anything else. */
    static Number numberWithUnit(String text) {
        String t = text;
        for (String unit : new String[] {" ms", "kB", " kB", "%"}) {
            if (t.endsWith(unit)) {
                t = t.substring(0, t.length() - unit.length());
                break;
            }
        }
        return number(t);
    }

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    /** A plain decimal as PostgreSQL prints them: Long when integral in the text, Double otherwise. */
    static Number number(String t) {
        int n = t.length();
        if (n == 0 || n > 40) {
            return null;
        }
        int i = t.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return null;
        }
        int dot = -1;
        int digits = 0;
        long mantissa = 0;
        for (int k = i; k < n; k++) {
            char c = t.charAt(k);
            if (c == '.') {
                if (dot >= 0) {
                    return null;
                }
                dot = k;
            } else if (c >= '0' && c <= '9') {
                digits++;
                mantissa = mantissa * 10 + (c - '0');
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        boolean negative = i == 1;
        int decimals = dot < 0 ? 0 : n - dot - 1;
        if (digits <= 15) {
            // Exact: the mantissa and the power of ten are exact doubles, and IEEE division rounds
            // correctly, so this equals Double.parseDouble without its cost (a plan has ~10 numbers a node).
            if (dot < 0) {
                return negative ? -mantissa : mantissa;
            }
            double v = mantissa / POWERS_OF_TEN[decimals];
            return negative ? -v : v;
        }
        if (dot < 0) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                // beyond a long: a double, as Jackson reads it
            }
        }
        return Double.parseDouble(t);
    }

    /**
     * Splits {@code a, lower(b), 'x, y'::text} at the commas that separate items: not inside
     * parentheses, brackets or quotes.
     */
    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        if (value.isEmpty()) {
            return items;
        }
        int depth = 0;
        boolean single = false;
        boolean dbl = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (single) {
                single = c != '\'';
            } else if (dbl) {
                dbl = c != '"';
            } else if (c == '\'') {
                single = true;
            } else if (c == '"') {
                dbl = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0 && i + 1 < value.length() && value.charAt(i + 1) == ' ') {
                items.add(value.substring(start, i));
                start = i + 2;
                i++;
            }
        }
        items.add(value.substring(start));
        return items;
    }

    /** {@code shared hit=12 read=3 dirtied=1 written=2, local hit=1, temp read=5 written=6}. */
    private static void buffers(Map<String, Object> target, String value) {
        // Hand-split: this line comes with every node of a BUFFERS plan.
        int scope = -1;
        int i = 0;
        int n = value.length();
        while (i < n) {
            int end = value.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            String word = value.substring(i, end);
            if (word.endsWith(",")) {
                word = word.substring(0, word.length() - 1);
            }
            int eq = word.indexOf('=');
            if (eq < 0) {
                scope = switch (word) {
                    case "shared" -> 0;
                    case "local" -> 1;
                    case "temp" -> 2;
                    default -> -1;
                };
                if (scope < 0) {
                    target.put("Buffers", value);
                    return;
                }
            } else if (scope >= 0) {
                int kind = switch (word.substring(0, eq)) {
                    case "hit" -> 0;
                    case "read" -> 1;
                    case "dirtied" -> 2;
                    case "written" -> 3;
                    default -> -1;
                };
                Number count = number(word.substring(eq + 1));
                if (kind >= 0 && count != null) {
                    target.put(BUFFER_KEYS[scope][kind], count);
                }
            }
            i = end + 1;
        }
    }

    /** The block counters by scope (shared, local, temp) and kind (hit, read, dirtied, written), as JSON names them. */
    private static final String[][] BUFFER_KEYS = {
        {"Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks", "Shared Written Blocks"},
        {"Local Hit Blocks", "Local Read Blocks", "Local Dirtied Blocks", "Local Written Blocks"},
        {"Temp Hit Blocks", "Temp Read Blocks", "Temp Dirtied Blocks", "Temp Written Blocks"}};

    /** Fills the block counters that text leaves out when they are zero (JSON always prints them). */
    static void zeroBuffers(Map<String, Object> target) {
        for (int scope = 0; scope < 2; scope++) {
            for (String key : BUFFER_KEYS[scope]) {
                target.putIfAbsent(key, 0L);
            }
        }
        target.putIfAbsent(BUFFER_KEYS[2][1], 0L);
        target.putIfAbsent(BUFFER_KEYS[2][3], 0L);
    }

    /**
     * {@code read=1.2 write=0.3} (14), {@code shared/local read=… write=…, temp read=…} (15),
     * {@code shared read=…, local read=…, temp read=…} (16+).
     */
    private static void ioTimings(Map<String, Object> target, String value) {
        for (String part : COMMA.split(value)) {
            String[] words = SPACES.split(part.strip());
            String prefix = "";
            int first = 0;
            if (words.length > 0 && !words[0].contains("=")) {
                prefix = switch (words[0]) {
                    case "shared" -> "Shared ";
                    case "local" -> "Local ";
                    case "temp" -> "Temp ";
                    default -> "";
                };
                first = 1;
            }
            for (int i = first; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                Number n = number(words[i].substring(eq + 1));
                if (n != null) {
                    target.put(prefix + "I/O " + capitalise(words[i].substring(0, eq)) + " Time", n.doubleValue());
                }
            }
        }
    }

    /** {@code records=2 fpi=0 bytes=150 buffers full=0}. */
    private static void wal(Map<String, Object> target, String value) {
        String v = value.replace("buffers full=", "buffers_full=");
        for (String token : SPACES.split(v)) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                continue;
            }
            Number n = number(token.substring(eq + 1));
            String name = switch (token.substring(0, eq)) {
                case "records" -> "WAL Records";
                case "fpi" -> "WAL FPI";
                case "bytes" -> "WAL Bytes";
                case "buffers_full" -> "WAL Buffers Full";
                default -> "WAL " + token.substring(0, eq);
            };
            if (n != null) {
                target.put(name, n);
            }
        }
        for (String name : new String[] {"WAL Records", "WAL FPI", "WAL Bytes"}) {
            target.putIfAbsent(name, 0L);
        }
    }

    /** {@code exact=12 lossy=3}; text leaves out a zero count, JSON prints both. */
    private static void heapBlocks(Map<String, Object> target, String value) {
        for (String token : SPACES.split(value)) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                continue;
            }
            Number n = number(token.substring(eq + 1));
            if (n != null) {
                target.put(capitalise(token.substring(0, eq)) + " Heap Blocks", n);
            }
        }
        target.putIfAbsent("Exact Heap Blocks", 0L);
        target.putIfAbsent("Lossy Heap Blocks", 0L);
    }

    /** {@code Sort Method: external merge  Disk: 1032kB}. */
    private static void sortMethod(Map<String, Object> target, String content) {
        for (KeyValue kv : segments(content)) {
            switch (kv.key()) {
                case "Sort Method" -> target.put("Sort Method", kv.value());
                case "Memory", "Disk" -> {
                    target.put("Sort Space Used", orText(numberWithUnit(kv.value()), kv.value()));
                    target.put("Sort Space Type", kv.key());
                }
                default -> target.put(kv.key(), value(kv.key(), kv.value()));
            }
        }
    }

    /** {@code Buckets: 65536 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 3073kB}. */
    private static void hashTable(Map<String, Object> target, String content) {
        for (KeyValue kv : segments(content)) {
            switch (kv.key()) {
                case "Buckets" -> originally(target, "Hash Buckets", "Original Hash Buckets", kv.value());
                case "Batches" -> originally(target, "Hash Batches", "Original Hash Batches", kv.value());
                case "Memory Usage" -> target.put("Peak Memory Usage", orText(numberWithUnit(kv.value()), kv.value()));
                default -> target.put(kv.key(), value(kv.key(), kv.value()));
            }
        }
    }

    private static void originally(Map<String, Object> target, String key, String originalKey, String text) {
        int paren = text.indexOf(" (originally ");
        String now = paren < 0 ? text : text.substring(0, paren);
        Number n = number(now.strip());
        target.put(key, orText(n, now));
        if (paren >= 0 && text.endsWith(")")) {
            String before = text.substring(paren + " (originally ".length(), text.length() - 1);
            target.put(originalKey, orText(number(before), before));
        } else if (n != null) {
            target.put(originalKey, n);
        }
    }

    /** {@code Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage: 4160kB}. */
    private static void hashAggregate(Map<String, Object> target, String content) {
        for (KeyValue kv : segments(content)) {
            Object v = orText(numberWithUnit(kv.value()), kv.value());
            switch (kv.key()) {
                case "Batches" -> target.put("HashAgg Batches", v);
                case "Memory Usage" -> target.put("Peak Memory Usage", v);
                default -> target.put(kv.key(), v);
            }
        }
        if (target.containsKey("HashAgg Batches")) {
            target.putIfAbsent("Disk Usage", 0L);
        }
    }

    /** {@code Hits: 9900  Misses: 100  Evictions: 0  Overflows: 0  Memory Usage: 11kB}. */
    private static void memoize(Map<String, Object> target, String content) {
        for (KeyValue kv : segments(content)) {
            Object v = orText(numberWithUnit(kv.value()), kv.value());
            switch (kv.key()) {
                case "Hits", "Misses", "Evictions", "Overflows" -> target.put("Cache " + kv.key(), v);
                case "Memory Usage" -> target.put("Peak Memory Usage", v);
                default -> target.put(kv.key(), v);
            }
        }
    }

    /** {@code capacity=100 distinct keys=100 lookups=10000 hit percent=99.00%} (PostgreSQL 18). */
    private static void memoizeEstimates(Map<String, Object> target, String value) {
        String v = value.replace("distinct keys=", "distinct_keys=").replace("hit percent=", "hit_percent=");
        for (String token : SPACES.split(v)) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                continue;
            }
            Number n = numberWithUnit(token.substring(eq + 1));
            String name = switch (token.substring(0, eq)) {
                case "capacity" -> "Estimated Capacity";
                case "distinct_keys" -> "Estimated Distinct Lookup Keys";
                case "lookups" -> "Estimated Lookups";
                case "hit_percent" -> "Estimated Hit Percent";
                default -> "Estimated " + token.substring(0, eq);
            };
            target.put(name, orText(n, token.substring(eq + 1)));
        }
    }

    /**
     * {@code Full-sort Groups: 1  Sort Method: quicksort  Average Memory: 27kB  Peak Memory: 27kB},
     * as JSON's nested {@code "Full-sort Groups": {"Group Count", "Sort Methods Used", "Sort Space Memory"}}.
     */
    private static void incrementalSortGroups(Map<String, Object> target, String content) {
        List<KeyValue> parts = segments(content);
        Map<String, Object> group = new LinkedHashMap<>();
        Map<String, Object> memory = new LinkedHashMap<>();
        Map<String, Object> disk = new LinkedHashMap<>();
        for (KeyValue kv : parts.subList(1, parts.size())) {
            Object v = orText(numberWithUnit(kv.value()), kv.value());
            switch (kv.key()) {
                case "Sort Method", "Sort Methods" -> group.put("Sort Methods Used", splitList(kv.value()));
                case "Average Memory" -> memory.put("Average Sort Space Used", v);
                case "Peak Memory" -> memory.put("Peak Sort Space Used", v);
                case "Average Disk" -> disk.put("Average Sort Space Used", v);
                case "Peak Disk" -> disk.put("Peak Sort Space Used", v);
                default -> group.put(kv.key(), v);
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("Group Count", orText(number(parts.get(0).value()), parts.get(0).value()));
        ordered.putAll(group);
        if (!memory.isEmpty()) {
            ordered.put("Sort Space Memory", memory);
        }
        if (!disk.isEmpty()) {
            ordered.put("Sort Space Disk", disk);
        }
        target.put(parts.get(0).key(), ordered);
    }

    /** {@code used=8kB  allocated=16kB} under "Planning:" (PostgreSQL 17 MEMORY option). */
    private static void planningMemory(Map<String, Object> target, String value) {
        for (String token : SPACES.split(value)) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                continue;
            }
            target.put("Memory " + capitalise(token.substring(0, eq)),
                    orText(numberWithUnit(token.substring(eq + 1)), token.substring(eq + 1)));
        }
    }

    /** {@code work_mem = '64kB', enable_seqscan = 'off'} as JSON's object of settings. */
    static Map<String, Object> settings(String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            int eq = value.indexOf(" = ", i);
            if (eq < 0) {
                break;
            }
            String name = value.substring(i, eq).strip();
            int v = eq + 3;
            if (value.startsWith("NULL", v)) {
                out.put(name, null);
                i = v + 4;
            } else if (v < n && value.charAt(v) == '\'') {
                // The setting is printed between quotes without escaping: it ends at the quote before ", " or the end.
                int end = v + 1;
                while (true) {
                    int q = value.indexOf('\'', end);
                    if (q < 0) {
                        end = n;
                        break;
                    }
                    if (q == n - 1 || value.startsWith(", ", q + 1) && value.indexOf(" = ", q) > 0) {
                        end = q;
                        break;
                    }
                    end = q + 1;
                }
                out.put(name, value.substring(v + 1, Math.min(end, n)));
                i = end + 1;
            } else {
                int comma = value.indexOf(", ", v);
                out.put(name, value.substring(v, comma < 0 ? n : comma));
                i = comma < 0 ? n : comma;
            }
            if (value.startsWith(", ", i)) {
                i += 2;
            }
        }
        return out;
    }

    /** {@code Options: Inlining false, Optimization false, Expressions true, Deforming true}. */
    static Map<String, Object> jitOptions(String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : COMMA.split(value)) {
            int space = part.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String v = part.substring(space + 1);
            out.put(part.substring(0, space), v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : v);
        }
        return out;
    }

    /** {@code Timing: Generation 0.5 ms (Deform 0.1 ms), Inlining 0.0 ms, …, Total 4.8 ms}. */
    static Map<String, Object> jitTiming(String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : TextProperties.splitList(value)) {
            String p = part.strip();
            String deform = null;
            int paren = p.indexOf(" (");
            if (paren > 0 && p.endsWith(")")) {
                deform = p.substring(paren + 2, p.length() - 1);
                p = p.substring(0, paren);
            }
            int space = p.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = p.substring(0, space);
            Number n = numberWithUnit(p.substring(space + 1));
            Object v = n == null ? p.substring(space + 1) : n.doubleValue();
            if (deform != null && deform.startsWith("Deform ")) {
                Map<String, Object> nested = new LinkedHashMap<>();
                Number d = numberWithUnit(deform.substring("Deform ".length()));
                nested.put("Deform", d == null ? deform : d.doubleValue());
                nested.put("Total", v);
                out.put(name, nested);
            } else {
                out.put(name, v);
            }
        }
        return out;
    }

    /** {@code time=0.123 ms  output=1kB  format=text} of SERIALIZE (PostgreSQL 17). */
    static Map<String, Object> serialization(String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : TWO_SPACES.split(value)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = part.substring(eq + 1);
            switch (part.substring(0, eq)) {
                case "time" -> out.put("Time", orText(numberWithUnit(v), v));
                case "output" -> out.put("Output Volume", orText(numberWithUnit(v), v));
                case "format" -> out.put("Format", v);
                default -> out.put(capitalise(part.substring(0, eq)), value(part.substring(0, eq), v));
            }
        }
        return out;
    }

    private static Object orText(Number n, String text) {
        return n != null ? n : text;
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
