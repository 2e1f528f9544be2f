package io.pgpulse.core.explain.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Removes what people paste around a plan: psql's header, separator, {@code +} continuation marks,
 * row count and expanded-display records; the log-line prefix, {@code Query Text} and tab
 * indentation of auto_explain (stderr, CSV and JSON logs); surrounding quotes; Markdown fences;
 * indentation common to every line. Works line by line and keeps each line's number in the
 * original text, so that errors point at what the user pasted.
 */
final class PlanFraming {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A whole value: {@code "a" "b"} is not one JSON string. */
    private static final ObjectReader STRICT = MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern AUTO_EXPLAIN = Pattern.compile("duration: (\\d+(?:\\.\\d+)?) ms\\s+plan:");
    private static final Pattern ROW_COUNT = Pattern.compile("\\(\\d+ rows?\\)");
    private static final Pattern RECORD = Pattern.compile("[-+─┌├└╔╟╚═]*\\[ RECORD \\d+ \\][-+─┐┤┘╗╢╝═]*");
    private static final Pattern LOG_LINE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d.*");

    private PlanFraming() {}

    /**
     * One plan document (JSON or text) as found in the input.
     *
     * @param indent indentation common to every non-blank line, still in {@code lines}: cutting it
     *               would copy every line of a multi-megabyte plan, and the text reader works with
     *               indentation relative to the plan's first line anyway
     * @param origin where it came from, for the notes ("auto_explain log entry", "psql output" …); null when bare
     */
    record Block(List<SourceLine> lines, int indent, String origin, Double durationMs) {
        Block(List<SourceLine> lines, String origin, Double durationMs) {
            this(lines, 0, origin, durationMs);
        }

        /** The text of the block without the common indentation. */
        String text() {
            return SourceLine.join(lines, indent);
        }
    }

    record Result(List<Block> blocks, List<String> notes) {}

    static Result strip(String pasted) {
        List<String> notes = new ArrayList<>();
        String text = pasted;
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<SourceLine> lines = SourceLine.split(text);
        lines = unquote(lines, notes);
        List<Block> blocks = jsonLog(lines, notes);
        if (blocks == null) {
            blocks = autoExplain(lines, notes);
        }
        if (blocks == null) {
            blocks = psql(lines, notes);
        }
        List<Block> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            Block cleaned = preamble(tidy(b), notes);
            if (!cleaned.lines().isEmpty()) {
                out.add(cleaned);
            }
        }
        return new Result(out, notes);
    }

    /** How far to look for the plan after lines that are not one ("Here is the plan from the ticket:"). */
    private static final int PREAMBLE_LINES = 20;

    /**
     * Words before the plan: dropped when a line soon after them clearly starts a plan (a node with its
     * figures, the start of JSON, auto_explain's Query Text). Otherwise left for the reader to refuse,
     * with the line number.
     */
    private static Block preamble(Block block, List<String> notes) {
        List<SourceLine> lines = block.lines();
        if (lines.isEmpty() || startsPlan(lines.get(0).text().strip())) {
            return block;
        }
        for (int i = 1; i < lines.size() && i <= PREAMBLE_LINES; i++) {
            String t = lines.get(i).text().strip();
            if (NodeHeader.hasFigures(t) || t.startsWith("Query Text:") || t.equals("[") || t.equals("{")
                    || t.startsWith("[{") || t.startsWith("{\"")) {
                notes.add("Ignored " + (i == 1 ? "line " + lines.get(0).number() : "lines " + lines.get(0).number()
                        + "–" + lines.get(i - 1).number()) + " before the plan.");
                return tidy(new Block(lines.subList(i, lines.size()), block.origin(), block.durationMs()));
            }
        }
        return block;
    }

    private static boolean startsPlan(String t) {
        if (t.isEmpty() || t.charAt(0) == '[' || t.charAt(0) == '{' || t.charAt(0) == '<' || t.startsWith("->")
                || t.startsWith("Query Text:") || t.startsWith("Query Parameters:") || t.startsWith("- Plan:")
                || NodeHeader.hasFigures(t)) {
            return true;
        }
        try {
            return NodeHeader.parse(t, 0).known;
        } catch (io.pgpulse.core.explain.PlanFormatException e) {
            return true; // a node line with broken figures: let the reader say what is wrong with it
        }
    }

    /** The whole text between double or single quotes: a JSON string, or SQL/CSV quoting with doubled quotes. */
    private static List<SourceLine> unquote(List<SourceLine> lines, List<String> notes) {
        int first = firstNonBlank(lines);
        int last = lastNonBlank(lines);
        if (first < 0) {
            return lines;
        }
        String head = lines.get(first).text().strip();
        String tail = lines.get(last).text().strip();
        if (head.isEmpty() || tail.isEmpty()) {
            return lines;
        }
        char q = head.charAt(0);
        if ((q != '"' && q != '\'') || tail.charAt(tail.length() - 1) != q || first == last && head.length() < 2) {
            return lines;
        }
        if (q == '"' && first == last) {
            try {
                JsonNode node = STRICT.readValue(head);
                if (node != null && node.isTextual()) {
                    notes.add("Removed the surrounding quotes and read the escapes (\\n, \\\") of a JSON string.");
                    int number = lines.get(first).number();
                    List<SourceLine> out = new ArrayList<>();
                    for (SourceLine l : SourceLine.split(node.textValue())) {
                        out.add(new SourceLine(number, l.text()));
                    }
                    return out;
                }
            } catch (JsonProcessingException e) {
                // not a JSON string: fall through to plain quotes
            }
        }
        List<SourceLine> out = new ArrayList<>(lines.subList(first, last + 1));
        String firstText = out.get(0).text();
        int open = firstText.indexOf(q);
        out.set(0, out.get(0).withText(firstText.substring(0, open) + firstText.substring(open + 1)));
        String lastText = out.get(out.size() - 1).text();
        int close = lastText.lastIndexOf(q);
        out.set(out.size() - 1, out.get(out.size() - 1).withText(lastText.substring(0, close) + lastText.substring(close + 1)));
        String doubled = "" + q + q;
        boolean allDoubled = true;
        boolean anyQuote = false;
        for (SourceLine l : out) {
            String t = l.text().replace(doubled, "");
            anyQuote |= l.text().indexOf(q) >= 0;
            allDoubled &= t.indexOf(q) < 0;
        }
        if (anyQuote && allDoubled) {
            out.replaceAll(l -> l.withText(l.text().replace(doubled, String.valueOf(q))));
            notes.add("Removed the surrounding quotes and undoubled the quotes inside.");
        } else {
            notes.add("Removed the surrounding quotes.");
        }
        return out;
    }

    /** PostgreSQL 15+ jsonlog: one JSON object per line, the plan in its "message". Null when not a JSON log. */
    private static List<Block> jsonLog(List<SourceLine> lines, List<String> notes) {
        int first = firstNonBlank(lines);
        if (first < 0) {
            return null;
        }
        String head = lines.get(first).text().strip();
        if (!head.startsWith("{") || !head.endsWith("}") || !head.contains("\"message\"")) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        for (SourceLine l : lines) {
            String t = l.text().strip();
            if (!t.startsWith("{") || !t.contains("\"message\"")) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(t);
            } catch (JsonProcessingException e) {
                continue;
            }
            String message = node == null ? null : node.path("message").textValue();
            if (message == null) {
                continue;
            }
            Matcher m = AUTO_EXPLAIN.matcher(message);
            if (!m.find()) {
                continue;
            }
            List<SourceLine> plan = new ArrayList<>();
            List<SourceLine> split = SourceLine.split(message.substring(m.end()));
            for (SourceLine s : split) {
                plan.add(new SourceLine(l.number(), s.text()));
            }
            blocks.add(new Block(plan, "auto_explain", Double.valueOf(m.group(1))));
        }
        if (blocks.isEmpty()) {
            return null;
        }
        notes.add(entries(blocks, "a JSON log (jsonlog)"));
        return blocks;
    }

    /** auto_explain entries in a stderr or CSV log; null when there is no {@code duration: … ms  plan:}. */
    private static List<Block> autoExplain(List<SourceLine> lines, List<String> notes) {
        List<Block> blocks = new ArrayList<>();
        boolean csv = false;
        int i = 0;
        while (i < lines.size()) {
            SourceLine l = lines.get(i);
            Matcher m = l.text().contains("duration: ") ? AUTO_EXPLAIN.matcher(l.text()) : null;
            if (m == null || !m.find()) {
                i++;
                continue;
            }
            Double duration = Double.valueOf(m.group(1));
            if (m.start() > 0 && l.text().charAt(m.start() - 1) == '"') {
                csv = true;
                i = csvField(lines, i, m.end(), duration, blocks);
                continue;
            }
            List<SourceLine> plan = new ArrayList<>();
            String after = l.text().substring(m.end()).strip();
            if (!after.isEmpty()) {
                plan.add(l.withText(after));
            }
            int j = i + 1;
            boolean tabbed = j < lines.size() && lines.get(j).text().startsWith("\t");
            while (j < lines.size()) {
                SourceLine next = lines.get(j);
                String t = next.text();
                if (t.contains("duration: ") && AUTO_EXPLAIN.matcher(t).find()) {
                    break;
                }
                if (tabbed) {
                    if (!t.startsWith("\t") && !t.isBlank()) {
                        break;
                    }
                    plan.add(next.withText(t.startsWith("\t") ? t.substring(1) : t));
                } else {
                    if (LOG_LINE_START.matcher(t).matches()) {
                        break;
                    }
                    plan.add(next);
                }
                j++;
            }
            blocks.add(new Block(plan, "auto_explain", duration));
            i = j;
        }
        if (blocks.isEmpty()) {
            return null;
        }
        notes.add(entries(blocks, csv ? "a CSV log" : "a log"));
        return blocks;
    }

    /** The rest of a CSV log field that starts after {@code "duration: … plan:}: up to its closing quote. */
    private static int csvField(List<SourceLine> lines, int start, int from, Double duration, List<Block> blocks) {
        List<SourceLine> plan = new ArrayList<>();
        int i = start;
        int pos = from;
        while (i < lines.size()) {
            SourceLine l = lines.get(i);
            String t = l.text();
            StringBuilder sb = new StringBuilder();
            boolean closed = false;
            int k = pos;
            while (k < t.length()) {
                char c = t.charAt(k);
                if (c == '"') {
                    if (k + 1 < t.length() && t.charAt(k + 1) == '"') {
                        sb.append('"');
                        k += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                sb.append(c);
                k++;
            }
            if (i > start || sb.length() > 0 && !sb.toString().isBlank()) {
                plan.add(l.withText(i == start ? sb.toString().strip() : sb.toString()));
            }
            i++;
            pos = 0;
            if (closed) {
                break;
            }
        }
        blocks.add(new Block(plan, "auto_explain", duration));
        return i;
    }

    private static String entries(List<Block> blocks, String where) {
        StringBuilder s = new StringBuilder("Read ");
        s.append(blocks.size() == 1 ? "an auto_explain entry" : blocks.size() + " auto_explain entries")
                .append(" from ").append(where).append(" (logged duration ");
        for (int i = 0; i < blocks.size() && i < 5; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(String.format(Locale.ROOT, "%.3f ms", blocks.get(i).durationMs()));
        }
        if (blocks.size() > 5) {
            s.append(", …");
        }
        return s.append(").").toString();
    }

    /** psql's aligned, expanded (\x) and border-2 output, possibly several outputs one after another. */
    private static List<Block> psql(List<SourceLine> lines, List<String> notes) {
        List<SourceLine> in = new ArrayList<>(lines.size());
        int fences = 0;
        for (SourceLine l : lines) {
            if (l.text().contains("```") && l.text().strip().startsWith("```")) {
                fences++;
            } else {
                in.add(l);
            }
        }
        if (fences > 0) {
            notes.add("Removed Markdown code fences.");
        }
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (isHeader(in.get(i).text())) {
                headers.add(i);
            }
        }
        boolean expanded = false;
        for (SourceLine l : in) {
            if (isRecord(l.text())) {
                expanded = true;
                break;
            }
        }
        List<Block> blocks = new ArrayList<>();
        if (expanded) {
            blocks.add(new Block(expanded(in), "psql", null));
            notes.add("Removed psql's expanded display (\\x): record headers and the \"QUERY PLAN |\" column.");
        } else if (headers.isEmpty()) {
            blocks.add(new Block(in, null, null));
        } else {
            int dropped = 0;
            for (int i = 0; i < headers.get(0); i++) {
                dropped += in.get(i).text().isBlank() || isSeparator(in.get(i).text()) ? 0 : 1;
            }
            int ignoredAfterFooter = 0;
            for (int h = 0; h < headers.size(); h++) {
                int start = headers.get(h) + 1;
                int end = h + 1 < headers.size() ? headers.get(h + 1) : in.size();
                List<SourceLine> block = new ArrayList<>();
                boolean footer = false;
                for (int i = start; i < end; i++) {
                    String t = in.get(i).text();
                    if (footer) {
                        ignoredAfterFooter += t.isBlank() || isSeparator(t) ? 0 : 1;
                        continue;
                    }
                    if (t.endsWith(")") && isRowCountStart(t) && ROW_COUNT.matcher(t.strip()).matches()) {
                        footer = true;
                        continue;
                    }
                    if (isSeparator(t)) {
                        continue;
                    }
                    block.add(in.get(i));
                }
                blocks.add(new Block(borders(block), "psql", null));
            }
            notes.add("Removed psql's \"QUERY PLAN\" header" + (headers.size() > 1 ? "s" : "") + ", separator and row count"
                    + (dropped > 0 ? ", and " + dropped + " line" + (dropped == 1 ? "" : "s") + " before the header" : "")
                    + (ignoredAfterFooter > 0 ? "; ignored " + ignoredAfterFooter + " line"
                    + (ignoredAfterFooter == 1 ? "" : "s") + " after the row count" : "") + ".");
        }
        int marks = 0;
        List<Block> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            int[] count = {0};
            List<SourceLine> unmarked = continuationMarks(b.lines(), !headers.isEmpty() || expanded, count);
            marks += count[0];
            out.add(new Block(unmarked, b.origin(), b.durationMs()));
        }
        if (marks > 0) {
            notes.add("Removed " + marks + " continuation mark" + (marks == 1 ? "" : "s") + " (+) of psql.");
        }
        return out;
    }

    /** A footer is short and starts with "(" (after psql's space at most); a node line is neither. */
    private static boolean isRowCountStart(String t) {
        return t.length() <= 40 && t.stripLeading().startsWith("(");
    }

    private static boolean isRecord(String t) {
        return t.contains("[ RECORD ") && RECORD.matcher(t.strip()).matches();
    }

    private static boolean isHeader(String t) {
        if (!t.contains("QUERY PLAN")) {
            return false;
        }
        String s = t.strip();
        if (s.startsWith("|") || s.startsWith("│")) {
            s = s.substring(1);
        }
        if (s.endsWith("|") || s.endsWith("│")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip().equals("QUERY PLAN");
    }

    private static boolean isSeparator(String t) {
        // The last character first: it rules out every plan line without scanning its indentation.
        String s = PlanText.stripTrailing(t);
        if (s.length() < 3 || "-+─┼┬┴┌┐└┘├┤═╪╤╧╔╗╚╝".indexOf(s.charAt(s.length() - 1)) < 0) {
            return false;
        }
        s = s.strip();
        if (s.length() < 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if ("-+─┼┬┴┌┐└┘├┤═╪╤╧╔╗╚╝".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code | Seq Scan on t |} of {@code \pset border 2}: the frame is removed when every line has it. */
    private static List<SourceLine> borders(List<SourceLine> block) {
        boolean framed = !block.isEmpty();
        for (SourceLine l : block) {
            String t = PlanText.stripTrailing(l.text());
            if (t.isEmpty()) {
                continue;
            }
            boolean left = t.startsWith("| ") || t.startsWith("│ ");
            boolean right = t.endsWith(" |") || t.endsWith(" │") || t.endsWith("+") || t.endsWith("↵");
            if (!left || !right) {
                framed = false;
                break;
            }
        }
        if (!framed) {
            return block;
        }
        List<SourceLine> out = new ArrayList<>(block.size());
        for (SourceLine l : block) {
            String t = PlanText.stripTrailing(l.text());
            if (t.isEmpty()) {
                out.add(l);
                continue;
            }
            String inner = t.substring(2);
            if (inner.endsWith(" |") || inner.endsWith(" │")) {
                inner = inner.substring(0, inner.length() - 2);
            }
            out.add(l.withText(inner));
        }
        return out;
    }

    /** {@code QUERY PLAN | value}: the value column of psql's expanded display. */
    private static List<SourceLine> expanded(List<SourceLine> in) {
        List<SourceLine> out = new ArrayList<>();
        int width = -1;
        for (SourceLine l : in) {
            String t = l.text();
            if (isRecord(t)) {
                continue;
            }
            if (width < 0) {
                int bar = indexOfBar(t);
                if (t.startsWith("QUERY PLAN") && bar > 0) {
                    width = bar + 1;
                } else {
                    continue;
                }
            }
            if (t.length() >= width && (t.charAt(width - 1) == '|' || t.charAt(width - 1) == '│')) {
                String v = t.substring(width);
                out.add(l.withText(v.startsWith(" ") ? v.substring(1) : v));
            } else if (!t.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private static int indexOfBar(String t) {
        int a = t.indexOf('|');
        int b = t.indexOf('│');
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /**
     * psql marks a value that continues on the next line with {@code +} (or {@code ↵}) in the column
     * after the widest line, so every mark of a block is at the same position (right after the text
     * when a line fills the column). Marks are removed when psql framing was seen, or when at least half
     * of the lines carry one at that position: a plan line does not end with a plus otherwise.
     */
    private static List<SourceLine> continuationMarks(List<SourceLine> lines, boolean psqlSeen, int[] count) {
        java.util.Map<Integer, Integer> positions = new java.util.HashMap<>();
        int nonBlank = 0;
        for (SourceLine l : lines) {
            String t = PlanText.stripTrailing(l.text());
            if (t.isEmpty()) {
                continue;
            }
            nonBlank++;
            if (isMark(t.charAt(t.length() - 1))) {
                positions.merge(t.length() - 1, 1, Integer::sum);
            }
        }
        int column = -1;
        int marked = 0;
        for (java.util.Map.Entry<Integer, Integer> e : positions.entrySet()) {
            if (e.getValue() > marked) {
                column = e.getKey();
                marked = e.getValue();
            }
        }
        if (marked == 0 || !psqlSeen && marked * 2 < nonBlank - 1) {
            return lines;
        }
        List<SourceLine> out = new ArrayList<>(lines.size());
        for (SourceLine l : lines) {
            String t = PlanText.stripTrailing(l.text());
            if (t.length() - 1 == column && isMark(t.charAt(column))) {
                out.add(l.withText(PlanText.stripTrailing(t.substring(0, column))));
                count[0]++;
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean isMark(char c) {
        return c == '+' || c == '↵';
    }

    /** Trailing blanks and blank lines around the plan removed; the indentation common to every line measured. */
    private static Block tidy(Block block) {
        List<SourceLine> lines = block.lines();
        List<SourceLine> out = new ArrayList<>(lines.size());
        int common = Integer.MAX_VALUE;
        for (SourceLine l : lines) {
            String t = PlanText.stripTrailing(l.text());
            out.add(t.length() == l.text().length() ? l : l.withText(t));
            if (!t.isEmpty() && common > 0) {
                // Look no further than the indentation found so far: a plan's first line usually has none.
                int i = 0;
                while (i < common && i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
                    i++;
                }
                common = i;
            }
        }
        int first = firstNonBlank(out);
        if (first < 0) {
            return new Block(List.of(), 0, block.origin(), block.durationMs());
        }
        int last = lastNonBlank(out);
        List<SourceLine> trimmed = first == 0 && last == out.size() - 1 ? out : new ArrayList<>(out.subList(first, last + 1));
        return new Block(trimmed, common == Integer.MAX_VALUE ? 0 : common, block.origin(), block.durationMs());
    }

    private static int firstNonBlank(List<SourceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).text().isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static int lastNonBlank(List<SourceLine> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).text().isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
