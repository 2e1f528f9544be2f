package io.pgpulse.core.analysis;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** The phrases findings share, so every summary names things the same way. */
final class Describe {
    private static final Set<String> TARGET_WORDS =
            Set.of("TABLE", "INDEX", "VIEW", "SEQUENCE", "TYPE", "SCHEMA", "TRIGGER", "FULL", "DATABASE");
    private static final Set<String> DDL_VERBS = Set.of("ALTER", "CREATE", "DROP", "TRUNCATE", "REINDEX", "VACUUM",
            "CLUSTER", "LOCK", "REFRESH", "COMMENT", "GRANT", "REVOKE");

    private Describe() {
    }

    /** "application "billing"", or a plain statement that it has none. */
    static String application(String name) {
        return name == null || name.isEmpty() ? "no application_name" : "application \"" + name + "\"";
    }

    /** "idle in transaction for 12 min", "active for 3.2 s", "autovacuum worker"… */
    static String session(BlockingNode node) {
        if (node.pid() == 0) {
            return "a prepared transaction; see pg_prepared_xacts";
        }
        if (!node.listed()) {
            return "not listed in pg_stat_activity";
        }
        if (node.state() != null && node.stateAge() != null) {
            return node.state() + " for " + Humanize.duration(node.stateAge());
        }
        if (node.state() != null) {
            return node.state();
        }
        return node.backendType() != null ? node.backendType() : "state not visible to this role";
    }

    /**
     * The statement's leading keywords ("ALTER TABLE", "CREATE UNIQUE INDEX"), or null when the
     * text is hidden or does not start with a DDL verb.
     */
    static String ddlStatement(String query) {
        if (query == null) {
            return null;
        }
        String text = stripLeadingComments(query);
        String[] words = text.split("\\s+", 6);
        if (words.length == 0 || !DDL_VERBS.contains(words[0].toUpperCase(Locale.ROOT))) {
            return null;
        }
        StringBuilder sb = new StringBuilder(words[0].toUpperCase(Locale.ROOT));
        for (int i = 1; i < Math.min(words.length, 4); i++) {
            String w = words[i].toUpperCase(Locale.ROOT);
            if (!w.matches("[A-Z]+")) {
                break;
            }
            sb.append(' ').append(w);
            if (TARGET_WORDS.contains(w)) {
                break;
            }
        }
        return sb.toString();
    }

    static double seconds(Duration d) {
        return d == null ? 0 : d.toMillis() / 1000.0;
    }

    /** Seconds for evidence, or null when unknown: evidence never shows "unknown" as 0. */
    static Double secondsOrNull(Duration d) {
        return d == null ? null : seconds(d);
    }

    static String abbreviate(String text, int max) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static String stripLeadingComments(String query) {
        String s = query.strip();
        while (true) {
            if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                if (end < 0) {
                    return "";
                }
                s = s.substring(end + 2).strip();
            } else if (s.startsWith("--")) {
                int end = s.indexOf('\n');
                if (end < 0) {
                    return "";
                }
                s = s.substring(end + 1).strip();
            } else {
                return s;
            }
        }
    }
}
