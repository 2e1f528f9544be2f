package io.pgpulse.app.chart;

import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;

/** Markers that know their {@link Tone}, so {@link ChartStyler} can colour them for the theme. */
public final class ToneMarkers {
    private ToneMarkers() {
    }

    /** A labelled horizontal line such as a connection limit. */
    public static final class Line extends ValueMarker implements Tone.Toned {
        private final Tone tone;

        public Line(double value, Tone tone, String label) {
            super(value);
            this.tone = tone;
            setLabel(label);
        }

        @Override
        public Tone tone() {
            return tone;
        }
    }

    /** A translucent band behind the data, such as the warning zone of a limit. */
    public static final class Band extends IntervalMarker implements Tone.Toned {
        private final Tone tone;

        public Band(double start, double end, Tone tone) {
            super(start, end);
            this.tone = tone;
        }

        @Override
        public Tone tone() {
            return tone;
        }
    }
}
