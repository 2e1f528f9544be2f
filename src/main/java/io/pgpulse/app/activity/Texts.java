package io.pgpulse.app.activity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How this page writes ages, queries and pid lists in cells and sentences. */
final class Texts {
    static final String NONE = "—";

    private Texts() {
    }

    /** "<1 s", "42 s", "12 min 4 s", "3 h 5 min", "2 d 4 h": seconds are enough for ages. */
    static String age(Duration d) {
        if (d == null) {
            return "";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 1) {
            return "<1 s";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return pair(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return pair(s / 3600, "h", s % 3600 / 60, "min");
        }
        return pair(s / 86_400, "d", s % 86_400 / 3600, "h");
    }

    /**
     * The query on one line, whitespace folded, cut at {@code max} characters. Applied to visible
     * cells only: folding 10,000 multi-KB texts on every refresh would be wasted work.
     */
    static String oneLine(String query, int max) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(query.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < query.length() && sb.length() <= max; i++) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        if (sb.length() > max) {
            sb.setLength(max - 1);
            sb.append('…');
        }
        return sb.toString();
    }

    static String pids(List<Integer> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? singular : plural);
    }

    static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
