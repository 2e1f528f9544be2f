package io.pgpulse.core.explain.input;

import java.util.ArrayList;
import java.util.List;

/**
 * One line to read, with its number in the text the user gave (which framing removal does not
 * change), so that an error points at the line the user sees.
 */
record SourceLine(int number, String text) {

    /** The lines of a text numbered from 1; CR LF and lone CR count as line ends. */
    static List<SourceLine> split(String text) {
        if (text.indexOf('\r') < 0) {
            // The usual case; indexOf is far faster than a loop over every character of a multi-megabyte plan.
            List<SourceLine> out = new ArrayList<>(Math.max(16, text.length() / 64));
            int start = 0;
            int number = 1;
            while (true) {
                int nl = text.indexOf('\n', start);
                if (nl < 0) {
                    out.add(new SourceLine(number, text.substring(start)));
                    return out;
                }
                out.add(new SourceLine(number++, text.substring(start, nl)));
                start = nl + 1;
            }
        }
        List<SourceLine> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int number = 1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(new SourceLine(number++, text.substring(start, i)));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(new SourceLine(number, text.substring(start)));
        return out;
    }

    SourceLine withText(String newText) {
        return new SourceLine(number, newText);
    }

    static String join(List<SourceLine> lines) {
        return join(lines, 0);
    }

    /** The lines joined by line ends, each without its first {@code indent} characters (blank lines stay empty). */
    static String join(List<SourceLine> lines, int indent) {
        int size = lines.size();
        for (SourceLine l : lines) {
            size += l.text().length();
        }
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            String t = lines.get(i).text();
            sb.append(t, Math.min(indent, t.length()), t.length());
        }
        return sb.toString();
    }
}
