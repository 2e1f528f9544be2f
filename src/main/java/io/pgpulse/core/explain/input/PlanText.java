package io.pgpulse.core.explain.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pgpulse.core.explain.PlanFormatException;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;

/**
 * Reads the default text format of EXPLAIN (with or without ANALYZE, BUFFERS, VERBOSE, SETTINGS,
 * WAL, SERIALIZE, MEMORY; PostgreSQL 9.x to 18) into the same {@link QueryPlan} model as
 * {@link io.pgpulse.core.explain.PlanJson}: the same node types, labels and numbers, so insights
 * do not depend on the format the plan came in.
 *
 * <p>The tree is rebuilt from indentation with an explicit stack, never by recursion: a plan can
 * be thousands of levels deep. Where text leaves something out that JSON prints (a zero buffer
 * count, rows removed by a filter that removed none, the inner join type, the scan direction), the
 * JSON value is filled in. Lines the reader does not know are kept on their node under
 * {@value #OTHER_LINES} (or on the plan), never dropped and never an error. Only text that is not a
 * plan, or figures that cannot be read, throw a {@link PlanFormatException} naming the line and why.
 */
public final class PlanText {
    /** The key under which unrecognised lines are kept, on a node's extras or the plan's properties. */
    public static final String OTHER_LINES = "Other Lines";

    private PlanText() {}

    /** Every plan in the text (a rewrite rule can make one statement print several, separated by a blank line). */
    public static List<QueryPlan> parse(String text) throws PlanFormatException {
        return parse(SourceLine.split(text), 0, new Diagnostics());
    }

    static List<QueryPlan> parse(List<SourceLine> lines, Diagnostics diagnostics) throws PlanFormatException {
        return parse(lines, 0, diagnostics);
    }

    /** @param base indentation every non-blank line has in addition to the plan's own (psql's leading space) */
    static List<QueryPlan> parse(List<SourceLine> lines, int base, Diagnostics diagnostics) throws PlanFormatException {
        return new Reader(lines, base, diagnostics).read();
    }

    /** What the reader noticed that the user may want to know. */
    static final class Diagnostics {
        final List<Integer> unrecognised = new ArrayList<>();
        boolean startsInsidePlan;
    }

    /** A subplan label ({@code InitPlan 1 (returns $0)}, {@code SubPlan 2}, {@code CTE x}) waiting for its node. */
    private record SubplanLabel(String name, String relationship, int column, int line) {}

    private static final class Frame {
        /** Over {@link #props} itself: what is put there until the plan is built is the node's. */
        final PlanNode.Builder builder;
        final Map<String, Object> props;
        final Frame parent;
        final int textColumn;
        final boolean neverExecuted;
        String relationship;
        String subplanName;
        int regularIndex = -1;
        int regularChildren;
        SubplanLabel pendingLabel;
        List<Map<String, Object>> workers;
        Map<String, Object> worker;
        int workerColumn = -1;
        List<String> otherLines;
        List<TextProperties.KeyValue> grouping;

        Frame(Frame parent, int textColumn, NodeHeader header) {
            this.parent = parent;
            this.textColumn = textColumn;
            this.props = header.properties;
            this.builder = PlanNode.builder(props);
            this.neverExecuted = header.neverExecuted;
        }

        String nodeType() {
            return (String) props.get("Node Type");
        }

        void other(String text) {
            if (otherLines == null) {
                otherLines = new ArrayList<>(2);
            }
            otherLines.add(text);
        }
    }

    private static final class Plan {
        final Frame root;
        final int rootIndent;
        final List<Frame> frames = new ArrayList<>();
        final ArrayList<Frame> stack = new ArrayList<>();
        final Map<String, Object> statement = new LinkedHashMap<>();
        final List<String> otherLines = new ArrayList<>();
        boolean analyzed;
        boolean timing;
        boolean buffers;
        boolean wal;
        boolean inSummary;
        Map<String, Object> section;
        String sectionName;

        Plan(Frame root, int rootIndent) {
            this.root = root;
            this.rootIndent = rootIndent;
            frames.add(root);
            stack.add(root);
        }
    }

    private static final class Reader {
        private final List<SourceLine> lines;
        private final int base;
        private final Diagnostics diagnostics;
        private final List<QueryPlan> plans = new ArrayList<>();
        private Plan current;
        /** Statement properties read before the plan they belong to (auto_explain's Query Text). */
        private Map<String, Object> leading = new LinkedHashMap<>();
        private StringBuilder capture;
        private String captureKey;
        private int captureLine;
        private boolean blankSeen;

        Reader(List<SourceLine> lines, int base, Diagnostics diagnostics) {
            this.lines = lines;
            this.base = base;
            this.diagnostics = diagnostics;
        }

        List<QueryPlan> read() throws PlanFormatException {
            for (SourceLine line : lines) {
                String raw = stripTrailing(line.text());
                if (raw.isEmpty()) {
                    blankSeen = true;
                    if (capture != null) {
                        capture.append('\n');
                    }
                    continue;
                }
                String content = raw.stripLeading();
                int leading = raw.length() - content.length();
                int indent = Math.max(0, leading - base);
                if (capture != null) {
                    if (content.startsWith("Query Parameters: ") && indent == 0) {
                        endCapture();
                        startCapture("Query Parameters", content, line);
                        continue;
                    }
                    if (!NodeHeader.hasFigures(content)) {
                        capture.append('\n').append(raw, Math.min(base, leading), raw.length());
                        continue;
                    }
                    endCapture();
                }
                if (current == null) {
                    if (startsCapture(content)) {
                        startCapture(content.startsWith("Query Text:") ? "Query Text" : "Query Parameters", content, line);
                        continue;
                    }
                    startPlan(line, indent, content);
                    continue;
                }
                boolean wasBlank = blankSeen;
                blankSeen = false;
                if (content.startsWith("->")) {
                    child(line, indent, content);
                    continue;
                }
                if (indent <= current.rootIndent) {
                    if (startsCapture(content)) {
                        finishPlan();
                        startCapture(content.startsWith("Query Text:") ? "Query Text" : "Query Parameters", content, line);
                    } else if (NodeHeader.hasFigures(content) || wasBlank && looksLikeNode(content, line)) {
                        finishPlan();
                        startPlan(line, indent, content);
                    } else {
                        summaryLine(line, content);
                    }
                    continue;
                }
                if (current.section != null) {
                    sectionLine(line, content);
                } else if (current.inSummary) {
                    current.otherLines.add(content);
                    diagnostics.unrecognised.add(line.number());
                } else {
                    treeLine(line, indent, content);
                }
            }
            if (capture != null) {
                throw new PlanFormatException("Line " + captureLine + ": \"" + captureKey
                        + ":\" is not followed by a plan (no line with \"(cost=…)\" or \"(actual …)\" after it).",
                        captureLine, null);
            }
            finishPlan();
            if (plans.isEmpty()) {
                throw new PlanFormatException("There is no plan in the text: it is empty.");
            }
            return plans;
        }

        private static boolean startsCapture(String content) {
            return content.startsWith("Query Text:") || content.startsWith("Query Parameters:");
        }

        private void startCapture(String key, String content, SourceLine line) {
            capture = new StringBuilder(content.substring(Math.min(content.length(), key.length() + 1)).strip());
            captureKey = key;
            captureLine = line.number();
        }

        private void endCapture() {
            String text = capture.toString();
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
            }
            leading.put(captureKey, text.substring(0, end));
            capture = null;
        }

        private boolean looksLikeNode(String content, SourceLine line) {
            if (TextProperties.keyValue(content) != null) {
                return false;
            }
            try {
                return NodeHeader.parse(content, line.number()).known;
            } catch (PlanFormatException e) {
                return false;
            }
        }

        private void startPlan(SourceLine line, int indent, String content) throws PlanFormatException {
            String text = content;
            int textColumn = indent;
            if (content.startsWith("->")) {
                int after = afterArrow(content);
                text = content.substring(after);
                textColumn = indent + after;
                diagnostics.startsInsidePlan = true;
            }
            NodeHeader h = NodeHeader.parse(text, line.number());
            if (!h.figures && !h.known) {
                throw new PlanFormatException("Line " + line.number() + ": expected the first node of a plan, such as "
                        + "\"Seq Scan on orders  (cost=0.00..1887.00 rows=100000 width=45)\", but found \""
                        + NodeHeader.excerpt(content) + "\".", line.number(), null);
            }
            Frame root = new Frame(null, textColumn, h);
            current = new Plan(root, indent);
            note(h);
            blankSeen = false;
        }

        private void note(NodeHeader h) {
            current.analyzed |= h.actual || h.neverExecuted;
            current.timing |= h.timing;
        }

        private static int afterArrow(String content) {
            int after = 2;
            while (after < content.length() && content.charAt(after) == ' ') {
                after++;
            }
            return after;
        }

        /** The deepest node whose text starts left of {@code column}; deeper nodes are closed. Null when none. */
        private Frame owner(int column) {
            ArrayList<Frame> stack = current.stack;
            while (stack.size() > 1 && stack.get(stack.size() - 1).textColumn >= column) {
                stack.remove(stack.size() - 1);
            }
            Frame top = stack.get(stack.size() - 1);
            return top.textColumn < column ? top : null;
        }

        private void child(SourceLine line, int indent, String content) throws PlanFormatException {
            int after = afterArrow(content);
            Frame parent = owner(indent);
            if (parent == null) {
                throw new PlanFormatException("Line " + line.number() + ": this node is not indented under any node "
                        + "(the plan's first node starts at column " + (current.root.textColumn + 1)
                        + "); is a line missing above it? \"" + NodeHeader.excerpt(content) + "\".", line.number(), null);
            }
            NodeHeader h = NodeHeader.parse(content.substring(after), line.number());
            Frame f = new Frame(parent, indent + after, h);
            SubplanLabel label = parent.pendingLabel;
            if (label != null && indent > label.column()) {
                f.relationship = label.relationship();
                f.subplanName = label.name();
            } else {
                if (label != null) {
                    keepOther(parent, label.name(), label.line());
                }
                f.regularIndex = parent.regularChildren++;
            }
            parent.pendingLabel = null;
            parent.worker = null;
            parent.builder.child(f.builder);
            current.frames.add(f);
            current.stack.add(f);
            current.inSummary = false;
            current.section = null;
            note(h);
        }

        private void keepOther(Frame f, String text, int lineNumber) {
            f.other(text);
            diagnostics.unrecognised.add(lineNumber);
        }

        private void treeLine(SourceLine line, int indent, String content) {
            Frame owner = owner(indent);
            if (owner == null) {
                current.otherLines.add(content);
                diagnostics.unrecognised.add(line.number());
                return;
            }
            if (owner.worker != null && indent > owner.workerColumn) {
                if (!TextProperties.apply(owner.worker, content, true)) {
                    keepOther(owner, content, line.number());
                }
                noteProperty(content);
                return;
            }
            owner.worker = null;
            if (owner.pendingLabel != null) {
                keepOther(owner, owner.pendingLabel.name(), owner.pendingLabel.line());
                owner.pendingLabel = null;
            }
            if (worker(owner, indent, content, line)) {
                return;
            }
            SubplanLabel label = subplanLabel(content, indent, line.number());
            if (label != null) {
                owner.pendingLabel = label;
                return;
            }
            TextProperties.KeyValue kv = TextProperties.keyValue(content);
            if (kv != null && "Aggregate".equals(owner.nodeType())
                    && (kv.key().equals("Group Key") || kv.key().equals("Hash Key") || kv.key().equals("Sort Key"))) {
                if (owner.grouping == null) {
                    owner.grouping = new ArrayList<>(2);
                }
                owner.grouping.add(kv);
                return;
            }
            if (!TextProperties.apply(owner.props, content, kv, true)) {
                keepOther(owner, content, line.number());
                return;
            }
            noteProperty(content);
        }

        private void noteProperty(String content) {
            if (content.startsWith("Buffers: ")) {
                current.buffers = true;
            } else if (content.startsWith("WAL: ")) {
                current.wal = true;
            }
        }

        /** {@code Worker 0:  actual time=… rows=… loops=1}, {@code Worker 1:  Sort Method: …}; lines below it belong to it. */
        private boolean worker(Frame owner, int indent, String content, SourceLine line) {
            if (!content.startsWith("Worker ")) {
                return false;
            }
            int colon = content.indexOf(':');
            if (colon < 0) {
                return false;
            }
            Number n = TextProperties.number(content.substring("Worker ".length(), colon));
            if (!(n instanceof Long number)) {
                return false;
            }
            if (owner.workers == null) {
                owner.workers = new ArrayList<>(4);
            }
            Map<String, Object> w = null;
            for (Map<String, Object> existing : owner.workers) {
                if (number.equals(existing.get("Worker Number"))) {
                    w = existing;
                }
            }
            if (w == null) {
                w = new LinkedHashMap<>();
                w.put("Worker Number", number);
                owner.workers.add(w);
            }
            owner.worker = w;
            owner.workerColumn = indent;
            String rest = content.substring(colon + 1).strip();
            if (!rest.isEmpty()) {
                if (!TextProperties.apply(w, rest, true)) {
                    keepOther(owner, content, line.number());
                }
                noteProperty(rest);
            }
            return true;
        }

        private static SubplanLabel subplanLabel(String content, int column, int line) {
            if (content.startsWith("InitPlan ") || content.startsWith("SubPlan ")) {
                int space = content.indexOf(' ');
                int end = space + 1;
                while (end < content.length() && Character.isDigit(content.charAt(end))) {
                    end++;
                }
                if (end == space + 1 || end < content.length() && content.charAt(end) != ' ') {
                    return null;
                }
                return new SubplanLabel(content, content.substring(0, space), column, line);
            }
            if (content.startsWith("CTE ") && content.length() > 4 && TextProperties.keyValue(content) == null) {
                return new SubplanLabel(content, "InitPlan", column, line);
            }
            return null;
        }

        /** A line at the plan's own indentation after the tree: times, settings, triggers, JIT … */
        private void summaryLine(SourceLine line, String content) {
            Plan p = current;
            p.inSummary = true;
            p.section = null;
            if (content.startsWith("Trigger ") && trigger(content)) {
                return;
            }
            TextProperties.KeyValue kv = TextProperties.keyValue(content);
            if (kv == null) {
                p.otherLines.add(content);
                diagnostics.unrecognised.add(line.number());
                return;
            }
            String v = kv.value();
            switch (kv.key()) {
                case "Planning", "JIT" -> {
                    if (!v.isEmpty()) {
                        p.statement.put(kv.key(), TextProperties.value(kv.key(), v));
                        return;
                    }
                    Map<String, Object> section = new LinkedHashMap<>();
                    p.statement.put(kv.key(), section);
                    p.section = section;
                    p.sectionName = kv.key();
                }
                case "Planning Time", "Planning time" -> p.statement.put("Planning Time", TextProperties.value("", v));
                case "Execution Time", "Execution time" -> p.statement.put("Execution Time", TextProperties.value("", v));
                case "Total runtime", "Total Runtime" -> p.statement.put("Total Runtime", TextProperties.value("", v));
                case "Settings" -> p.statement.put("Settings", TextProperties.settings(v));
                case "Serialization" -> {
                    Map<String, Object> section = TextProperties.serialization(v);
                    p.statement.put("Serialization", section);
                    p.section = section;
                    p.sectionName = "Serialization";
                }
                default -> p.statement.put(kv.key(), TextProperties.value(kv.key(), v));
            }
        }

        private void sectionLine(SourceLine line, String content) {
            Map<String, Object> section = current.section;
            if ("JIT".equals(current.sectionName)) {
                TextProperties.KeyValue kv = TextProperties.keyValue(content);
                if (kv != null && kv.key().equals("Options")) {
                    section.put("Options", TextProperties.jitOptions(kv.value()));
                    return;
                }
                if (kv != null && kv.key().equals("Timing")) {
                    section.put("Timing", TextProperties.jitTiming(kv.value()));
                    return;
                }
            }
            if (!TextProperties.apply(section, content, false)) {
                current.otherLines.add(content);
                diagnostics.unrecognised.add(line.number());
            } else if (content.startsWith("Buffers: ")) {
                current.buffers = true;
            }
        }

        /**
         * {@code Trigger name: time=1.2 calls=3}, {@code Trigger for constraint fk: …},
         * {@code Trigger name for constraint fk on orders: calls=3}.
         */
        private boolean trigger(String content) {
            int colon = content.lastIndexOf(": ");
            if (colon < 0) {
                return false;
            }
            String figures = content.substring(colon + 2);
            if (!figures.startsWith("time=") && !figures.startsWith("calls=")) {
                return false;
            }
            String head = content.substring("Trigger".length(), colon);
            Map<String, Object> t = new LinkedHashMap<>();
            String constraint = null;
            String relation = null;
            int on = head.lastIndexOf(" on ");
            if (on >= 0) {
                relation = head.substring(on + 4);
                head = head.substring(0, on);
            }
            int forc = head.indexOf(" for constraint ");
            if (forc >= 0) {
                constraint = head.substring(forc + " for constraint ".length());
                head = head.substring(0, forc);
            }
            if (!head.isBlank()) {
                t.put("Trigger Name", head.strip());
            }
            if (constraint != null) {
                t.put("Constraint Name", constraint);
            }
            if (relation != null) {
                t.put("Relation", relation);
            }
            for (String token : figures.split(" ")) {
                int eq = token.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                Number n = TextProperties.number(token.substring(eq + 1));
                String name = TextProperties.capitalise(token.substring(0, eq));
                t.put(name, n == null ? token.substring(eq + 1) : name.equals("Time") ? (Object) n.doubleValue() : n);
            }
            @SuppressWarnings("unchecked")
            List<Object> triggers = (List<Object>) current.statement.computeIfAbsent("Triggers", k -> new ArrayList<>());
            triggers.add(t);
            return true;
        }

        private void finishPlan() {
            Plan p = current;
            if (p == null) {
                return;
            }
            current = null;
            for (Frame f : p.frames) {
                finish(f, p);
            }
            Map<String, Object> statement = new LinkedHashMap<>(leading);
            leading = new LinkedHashMap<>();
            statement.putAll(p.statement);
            if (p.analyzed) {
                statement.putIfAbsent("Triggers", new ArrayList<>());
            }
            if (!p.otherLines.isEmpty()) {
                statement.put(OTHER_LINES, List.copyOf(p.otherLines));
            }
            plans.add(QueryPlan.of(p.root.builder, statement));
        }

        /** Fills what text leaves implicit, so the node equals what FORMAT JSON gives for it. */
        private static void finish(Frame f, Plan plan) {
            Map<String, Object> p = f.props;
            String type = f.nodeType();
            if (f.parent != null) {
                p.put("Parent Relationship", f.relationship != null ? f.relationship : relationship(f));
                if (f.subplanName != null) {
                    p.put("Subplan Name", f.subplanName);
                }
            }
            if (f.neverExecuted) {
                if (plan.timing) {
                    p.put("Actual Startup Time", 0.0);
                    p.put("Actual Total Time", 0.0);
                }
                p.put("Actual Rows", 0L);
                p.put("Actual Loops", 0L);
            }
            // Printed by JSON always, by text only when true or not zero.
            switch (type) {
                case "Gather" -> p.putIfAbsent("Single Copy", Boolean.FALSE);
                case "Append", "Merge Append" -> p.putIfAbsent("Subplans Removed", 0L);
                default -> {
                }
            }
            if (p.containsKey("Actual Loops")) {
                // EXPLAIN ANALYZE in JSON prints these even when zero; text only when not.
                if (p.containsKey("Filter")) {
                    p.putIfAbsent("Rows Removed by Filter", 0L);
                }
                if (p.containsKey("Join Filter")) {
                    p.putIfAbsent("Rows Removed by Join Filter", 0L);
                }
                boolean recheck = type.equals("Bitmap Heap Scan") ? p.containsKey("Recheck Cond")
                        : (type.equals("Index Scan") || type.equals("Index Only Scan")) && p.containsKey("Index Cond");
                if (recheck) {
                    p.putIfAbsent("Rows Removed by Index Recheck", 0L);
                }
                if (type.equals("Bitmap Heap Scan")) {
                    p.putIfAbsent("Exact Heap Blocks", 0L);
                    p.putIfAbsent("Lossy Heap Blocks", 0L);
                }
                if (plan.buffers) {
                    TextProperties.zeroBuffers(p);
                }
                if (plan.wal) {
                    p.putIfAbsent("WAL Records", 0L);
                    p.putIfAbsent("WAL FPI", 0L);
                    p.putIfAbsent("WAL Bytes", 0L);
                }
            }
            if (f.grouping != null) {
                grouping(f);
            }
            if (f.pendingLabel != null) {
                f.other(f.pendingLabel.name());
            }
            if (f.workers != null) {
                p.put("Workers", f.workers);
            }
            if (f.otherLines != null) {
                p.put(OTHER_LINES, f.otherLines);
            }
        }

        /** What JSON calls the edge to the parent: Outer/Inner by position, Member under Append and BitmapAnd/Or … */
        private static String relationship(Frame f) {
            Frame parent = f.parent;
            return switch (parent.nodeType()) {
                case "Append", "Merge Append", "BitmapAnd", "BitmapOr" -> "Member";
                case "Subquery Scan" -> "Subquery";
                case "Custom Scan" -> "children";
                case "ModifyTable" -> parent.regularChildren > 1 ? "Member" : "Outer";
                default -> f.regularIndex == 0 ? "Outer" : f.regularIndex == 1 ? "Inner" : "Member";
            };
        }

        /**
         * An Aggregate's key lines: one {@code Group Key} is the plain case; several, a {@code Hash Key}
         * or a {@code Sort Key} mean grouping sets, which JSON lists under "Grouping Sets".
         */
        private static void grouping(Frame f) {
            List<TextProperties.KeyValue> keys = f.grouping;
            if (keys.size() == 1 && keys.get(0).key().equals("Group Key")) {
                f.props.put("Group Key", TextProperties.splitList(keys.get(0).value()));
                return;
            }
            // One set per hash table (Hash Key), one per sorted rollup (its Group Keys, after its Sort Key).
            List<Map<String, Object>> sets = new ArrayList<>();
            Map<String, Object> set = null;
            for (TextProperties.KeyValue kv : keys) {
                boolean hash = kv.key().equals("Hash Key");
                if (kv.key().equals("Sort Key") || hash || set == null || set.containsKey("Hash Keys")) {
                    set = new LinkedHashMap<>();
                    sets.add(set);
                }
                if (kv.key().equals("Sort Key")) {
                    set.put("Sort Key", TextProperties.splitList(kv.value()));
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) set.computeIfAbsent(hash ? "Hash Keys" : "Group Keys", k -> new ArrayList<>());
                list.add(kv.value().equals("()") ? List.of() : TextProperties.splitList(kv.value()));
            }
            f.props.put("Grouping Sets", sets);
        }
    }

    static int indexOfNonBlank(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
