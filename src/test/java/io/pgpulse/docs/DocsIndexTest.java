package io.pgpulse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The README is the index of the documentation: every page is linked from it, and every link leads somewhere. */
class DocsIndexTest {

    private static final Path BASE = Path.of(System.getProperty("basedir", "."));
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    @Test
    void readmeLinksEveryPage() throws IOException {
        String readme = Files.readString(BASE.resolve("README.md"));
        List<String> pages;
        try (Stream<Path> docs = Files.list(BASE.resolve("docs"))) {
            pages = docs.filter(p -> p.toString().endsWith(".md")).map(p -> "docs/" + p.getFileName()).sorted().toList();
        }
        assertThat(pages).isNotEmpty();
        assertThat(pages).allSatisfy(page -> assertThat(readme).as("README links " + page).contains("](" + page + ")"));
    }

    @Test
    void relativeLinksInTheReadmeAndTheDocsResolve() throws IOException {
        List<Path> files;
        try (Stream<Path> docs = Files.walk(BASE.resolve("docs"))) {
            files = Stream.concat(Stream.of(BASE.resolve("README.md")),
                    docs.filter(p -> p.toString().endsWith(".md"))).toList();
        }
        for (Path file : files) {
            Matcher m = LINK.matcher(Files.readString(file));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                assertThat(file.getParent().resolve(target).normalize())
                        .as("link %s in %s", target, BASE.relativize(file)).exists();
            }
        }
    }
}
