package io.pgpulse.app.chart;

import java.util.Objects;

/**
 * A chart series' key: its legend label and its tone. Ordered by label because JFreeChart wants
 * comparable keys; the order of series in a dataset is the order they were given.
 */
public record SeriesKey(String label, Tone tone) implements Comparable<SeriesKey>, Tone.Toned {
    public SeriesKey {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(tone, "tone");
    }

    @Override
    public int compareTo(SeriesKey o) {
        return label.compareTo(o.label);
    }

    @Override
    public String toString() {
        return label;
    }
}
