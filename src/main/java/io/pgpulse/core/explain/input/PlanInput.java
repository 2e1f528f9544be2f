package io.pgpulse.core.explain.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.pgpulse.core.explain.PlanFormatException;
import io.pgpulse.core.explain.PlanJson;
import io.pgpulse.core.explain.QueryPlan;

/**
 * The one way in for a plan that PgPulse did not run itself: pasted from psql, copied out of an
 * auto_explain log line, attached to a ticket. Detects JSON or text, removes the framing around it
 * ({@link PlanFraming}) and reads it into the same model as a plan PgPulse ran, so the plan view
 * and the insights are the same.
 *
 * <p>Pure and thread-safe: call it off the FX thread (a 10,000-node plan takes tens of
 * milliseconds). Never throws for bad input; the {@link PlanReading.Unreadable} message is meant to
 * be shown as is.
 */
public final class PlanInput {
    private static final int MAX_LINES_LISTED = 10;

    private PlanInput() {}

    public static PlanReading read(String pasted) {
        Objects.requireNonNull(pasted, "pasted");
        try {
            return readOrThrow(pasted);
        } catch (PlanFormatException e) {
            return new PlanReading.Unreadable(e.getMessage(), e.line());
        }
    }

    private static PlanReading.Read readOrThrow(String pasted) throws PlanFormatException {
        if (pasted.isBlank()) {
            throw new PlanFormatException("Nothing to read: the text is empty.");
        }
        PlanFraming.Result framed = PlanFraming.strip(pasted);
        if (framed.blocks().isEmpty()) {
            throw new PlanFormatException("No plan found: only framing (" + String.join(" ", framed.notes()) + ")");
        }
        List<String> notes = new ArrayList<>(framed.notes());
        List<QueryPlan> plans = new ArrayList<>();
        PlanText.Diagnostics diagnostics = new PlanText.Diagnostics();
        PlanInputFormat format = null;
        boolean mixed = false;
        List<String> cleaned = new ArrayList<>(framed.blocks().size());
        for (PlanFraming.Block block : framed.blocks()) {
            PlanInputFormat f = detect(block);
            if (format == null) {
                format = f;
            } else {
                mixed |= format != f;
            }
            String text = block.text();
            cleaned.add(text);
            plans.addAll(f == PlanInputFormat.JSON ? json(text, block)
                    : PlanText.parse(block.lines(), block.indent(), diagnostics));
        }
        if (mixed) {
            notes.add("The plans are in both JSON and text format.");
        }
        if (diagnostics.startsInsidePlan) {
            notes.add("The text starts inside a plan (with \"->\"): it is read from the first node shown.");
        }
        if (plans.size() > 1) {
            notes.add(plans.size() + " plans: " + (framed.blocks().size() > 1
                    ? "one for each pasted output or log entry."
                    : "a rewrite rule made the statement produce several."));
        }
        if (!diagnostics.unrecognised.isEmpty()) {
            notes.add(unrecognised(diagnostics.unrecognised));
        }
        return new PlanReading.Read(plans, format, cleaned.size() == 1 ? cleaned.get(0) : String.join("\n\n", cleaned), notes);
    }

    private static String unrecognised(List<Integer> lines) {
        int n = lines.size();
        StringBuilder s = new StringBuilder();
        s.append(n == 1 ? "1 line was" : n + " lines were").append(" not recognised; ")
                .append(n == 1 ? "it is" : "they are").append(" kept as \"").append(PlanText.OTHER_LINES)
                .append("\" on the node or plan (line").append(n == 1 ? " " : "s ");
        for (int i = 0; i < Math.min(n, MAX_LINES_LISTED); i++) {
            s.append(i > 0 ? ", " : "").append(lines.get(i));
        }
        return s.append(n > MAX_LINES_LISTED ? ", …)." : ").").toString();
    }

    private static PlanInputFormat detect(PlanFraming.Block block) throws PlanFormatException {
        SourceLine first = block.lines().get(0);
        String t = first.text().strip();
        char c = t.charAt(0);
        if (c == '[' || c == '{') {
            return PlanInputFormat.JSON;
        }
        if (c == '<') {
            throw new PlanFormatException("Line " + first.number() + ": this looks like EXPLAIN (FORMAT XML); PgPulse "
                    + "reads the default text format and FORMAT JSON.", first.number(), null);
        }
        if (t.startsWith("- Plan:") || t.equals("Plan:")) {
            throw new PlanFormatException("Line " + first.number() + ": this looks like EXPLAIN (FORMAT YAML); PgPulse "
                    + "reads the default text format and FORMAT JSON.", first.number(), null);
        }
        return PlanInputFormat.TEXT;
    }

    /** PlanJson counts lines in the cleaned block; the message and the line are turned back into the user's. */
    private static List<QueryPlan> json(String text, PlanFraming.Block block) throws PlanFormatException {
        try {
            return PlanJson.parse(text);
        } catch (PlanFormatException e) {
            if (e.line().isEmpty() || e.line().getAsInt() > block.lines().size()) {
                throw e;
            }
            int cleanedLine = e.line().getAsInt();
            int original = block.lines().get(cleanedLine - 1).number();
            String message = e.getMessage().replace("at line " + cleanedLine + ",", "at line " + original + ",");
            throw new PlanFormatException(message, original, e);
        }
    }
}
