package io.pgpulse.core.statements.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A shortened text is the start of the whole text on one line, however long and however spaced. */
class QueryExplanationsShortenTest {

    @ParameterizedTest
    @CsvSource({"10, 40", "10, 2", "30, 8", "60, 1", "100, 3", "5, 100"})
    void theStartOfTheWholeTextOnOneLine(int max, int repeat) {
        for (String unit : new String[] {"SELECT a,\n       b\n  FROM t\tWHERE x = $1 ", "     \n\n  ", "x ", "word",
                "  leading and trailing  ", "\u2003wide\u2003space "}) {
            String text = unit.repeat(repeat);
            String line = SqlFormatter.singleLine(text);
            String expected = line.length() > max ? line.substring(0, max - 1) + "…" : line;
            assertThat(QueryExplanations.shorten(text, max)).as("%s × %d at %d", unit, repeat, max).isEqualTo(expected);
        }
    }
}
