package io.pgpulse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md promises every message PgPulse can show, with what it means and what to
 * do. This keeps the promise for the places that build messages, listed in {@link #SINKS}: every
 * string literal of two words or more inside such a call (or method body) must appear in the page
 * word for word, whitespace and Markdown table escapes aside. The page writes the variable parts
 * as {@code {placeholders}} between the fixed parts, so a message changed or added in the code
 * without its line in the page fails here.
 */
class TroubleshootingDocTest {

    private static final Path BASE = Path.of(System.getProperty("basedir", "."));
    private static final Path DOC = BASE.resolve("docs/troubleshooting.md");
    private static final Path SOURCES = BASE.resolve("src/main/java/io/pgpulse");

    private enum Kind {
        /** The arguments of a call: from the match's '(' to its closing ')'. */
        CALL,
        /** The body of the method whose signature matched. */
        BODY,
        /** A constant's initialiser, up to the ';'. */
        CONSTANT
    }

    private record Sink(String files, Kind kind, Pattern start) {
        Sink(String files, Kind kind, String start) {
            this(files, kind, Pattern.compile(start));
        }
    }

    /** Where user-facing messages are built; paths are globs under src/main/java/io/pgpulse. */
    private static final List<Sink> SINKS = List.of(
            new Sink("core/connection/input/*.java", Kind.CALL,
                    "context\\.(fail|warn)\\(|new ConnectionInputException\\("),
            new Sink("core/connection/ConnectFailures.java", Kind.CALL, "new MonitorConnectException\\("),
            new Sink("core/connection/ConnectProblem.java", Kind.CALL, "\\b[A-Z_]+\\((?=\")"),
            new Sink("core/capability/*.java", Kind.BODY, "String explanation\\(\\)|Optional<String> fix\\(\\)"),
            new Sink("core/profiles/*.java", Kind.CALL,
                    "new (ProfileStoreException|SecretStoreException|Unavailable|PasswordNeeded)\\(|quarantine\\("),
            new Sink("core/profiles/*.java", Kind.CONSTANT, "NO_SECURE_STORE ="),
            new Sink("core/profiles/*.java", Kind.BODY, "String explanation\\(\\)"),
            new Sink("core/explain/StatementSplitter.java", Kind.CALL, "new StatementCheck\\.Refused\\("),
            new Sink("core/explain/ExplainRunner.java", Kind.CALL, "rejected\\(|new Refusal\\("
                    + "|new ExplainOutcome\\.(Failed|Rejected)\\(|new HypotheticalIndexCheck\\.(Failed|Unavailable)\\("),
            new Sink("core/explain/FunctionSafety.java", Kind.CALL, "Optional\\.of\\("),
            new Sink("core/explain/CheckedStatement.java", Kind.CALL, "Optional\\.of\\("),
            new Sink("core/explain/SqlLexer.java", Kind.CALL, "new LexException\\("),
            new Sink("core/explain/ExplainOptions.java", Kind.CALL, "new IllegalArgumentException\\("),
            new Sink("core/activity/*.java", Kind.BODY, "String message\\(\\)|String refusal\\([^)]*\\)"
                    + "|String missingGrant\\([^)]*\\)|SignalResult pidReused\\([^)]*\\)"),
            new Sink("core/activity/*.java", Kind.CALL, "new SignalResult\\.\\w+\\("),
            new Sink("core/sampling/SnapshotReader.java", Kind.BODY, "String describe\\(SQLException \\w+\\)"),
            new Sink("demo/DemoEnvironment.java", Kind.CALL, "new DemoUnavailableException\\("),
            new Sink("demo/DemoEnvironment.java", Kind.CONSTANT, "REAL_SERVER_HINT ="),
            new Sink("demo/DemoEnvironment.java", Kind.BODY, "String whyNoServer\\([^)]*\\)"),
            new Sink("cli/*.java", Kind.CALL,
                    "printer\\.error\\(|new (ConnectionOptions\\.)?UsageException\\(|new TypeConversionException\\("));

    @Test
    void everyMessageIsInThePage() throws IOException {
        String page = normalise(Files.readString(DOC).replace("\\|", "|"));
        List<String> missing = new ArrayList<>();
        for (Sink sink : SINKS) {
            for (Path file : files(sink)) {
                for (String fragment : fragments(sink, Files.readString(file))) {
                    if (!page.contains(fragment)) {
                        missing.add(SOURCES.relativize(file) + ": \"" + fragment + "\"");
                    }
                }
            }
        }
        assertThat(missing).as("message text in the code but not in docs/troubleshooting.md").isEmpty();
    }

    /** A sink that matches nothing any more (a renamed class or method) would check nothing, silently. */
    @Test
    void everySinkFindsMessages() throws IOException {
        for (Sink sink : SINKS) {
            List<String> found = new ArrayList<>();
            for (Path file : files(sink)) {
                found.addAll(fragments(sink, Files.readString(file)));
            }
            assertThat(found).as("messages found by %s in %s", sink.start(), sink.files()).isNotEmpty();
        }
    }

    @Test
    void fragmentsAreReadLikeJava() {
        String source = "class A { void f() { char q = '\"'; throw new Boom(\"It is \" + x + \" not \\\"ok\\\"\\n here.\"); } }"
                + " // new Boom(\"in a comment\")";
        Sink sink = new Sink("*", Kind.CALL, "new Boom\\(");
        assertThat(fragments(sink, source)).containsExactly("It is", "not \"ok\" here.");
    }

    private static List<Path> files(Sink sink) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + sink.files());
        try (Stream<Path> all = Files.walk(SOURCES)) {
            return all.filter(p -> matcher.matches(SOURCES.relativize(p))).sorted().toList();
        }
    }

    /** The normalised literals of two or more words inside every match of the sink in one file. */
    static List<String> fragments(Sink sink, String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = sink.start().matcher(source);
        int from = 0;
        while (from < source.length() && m.find(from)) {
            from = m.end();
            if (insideCommentOrString(source, m.start())) {
                continue;
            }
            String region = region(sink.kind(), source, m.end());
            if (region == null) {
                continue;
            }
            for (String literal : literals(region)) {
                String text = normalise(literal);
                if (text.contains(" ") && text.chars().anyMatch(Character::isLetter)) {
                    out.add(text);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String region(Kind kind, String source, int end) {
        return switch (kind) {
            case CALL -> balanced(source, source.lastIndexOf('(', end));
            case CONSTANT -> source.substring(end, skipTo(source, end, ';'));
            case BODY -> {
                int brace = skipTo(source, end, '{');
                int semicolon = skipTo(source, end, ';');
                yield semicolon < brace ? null : balanced(source, brace); // abstract: no body
            }
        };
    }

    /** From the bracket at {@code open} to its partner, skipping strings, characters and comments. */
    private static String balanced(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            int skipped = skip(source, i);
            if (skipped != i) {
                i = skipped - 1;
                continue;
            }
            char c = source.charAt(i);
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && --depth == 0) {
                return source.substring(open, i + 1);
            }
        }
        throw new IllegalStateException("unbalanced brackets from offset " + open);
    }

    private static int skipTo(String source, int from, char wanted) {
        for (int i = from; i < source.length(); i++) {
            int skipped = skip(source, i);
            if (skipped != i) {
                i = skipped - 1;
            } else if (source.charAt(i) == wanted) {
                return i;
            }
        }
        return source.length();
    }

    /** If a string, character literal or comment starts at {@code i}, the index after it; else {@code i}. */
    private static int skip(String s, int i) {
        if (s.startsWith("\"\"\"", i)) {
            return s.indexOf("\"\"\"", i + 3) + 3;
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (s.charAt(j) != c) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return j + 1;
        }
        if (s.startsWith("//", i)) {
            int eol = s.indexOf('\n', i);
            return eol < 0 ? s.length() : eol;
        }
        if (s.startsWith("/*", i)) {
            return s.indexOf("*/", i + 2) + 2;
        }
        return i;
    }

    private static boolean insideCommentOrString(String source, int position) {
        for (int i = 0; i < position; i++) {
            int skipped = skip(source, i);
            if (skipped > position) {
                return true;
            }
            if (skipped != i) {
                i = skipped - 1;
            }
        }
        return false;
    }

    private static List<String> literals(String code) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < code.length(); i++) {
            int skipped = skip(code, i);
            if (skipped != i) {
                if (code.charAt(i) == '"' && !code.startsWith("\"\"\"", i)) {
                    out.add(unescape(code.substring(i + 1, skipped - 1)));
                }
                i = skipped - 1;
            }
        }
        return out;
    }

    private static String unescape(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n', 't', 'r' -> out.append(' ');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
