package io.pgpulse.app.overview;

import java.util.List;

import io.pgpulse.app.chart.SeriesKey;
import io.pgpulse.app.chart.Tone;
import io.pgpulse.core.session.Series;

/**
 * The overview's charts and the history series each one draws. Titles and units are written for
 * the card above the chart.
 */
public enum OverviewCharts {
    STATES("Connections by state", "connections", List.of(
            new Source(Series.ACTIVE, new SeriesKey("active", Tone.ACTIVE)),
            new Source(Series.IDLE, new SeriesKey("idle", Tone.IDLE)),
            new Source(Series.IDLE_IN_TRANSACTION, new SeriesKey("idle in transaction", Tone.IDLE_IN_TRANSACTION)),
            new Source(Series.IDLE_IN_TRANSACTION_ABORTED, new SeriesKey("idle in transaction (aborted)", Tone.ABORTED)),
            new Source(Series.OTHER, new SeriesKey("other", Tone.OTHER)))),
    CHURN("New connections", "sessions/s", List.of(
            new Source(Series.NEW_SESSIONS_PER_SECOND, new SeriesKey("new sessions per second", Tone.OTHER)))),
    TPS("Transactions", "commits/s", List.of(
            new Source(Series.COMMITS_PER_SECOND, new SeriesKey("commits per second", Tone.ACCENT)))),
    ROLLBACKS("Rollbacks", "rollbacks/s", List.of(
            new Source(Series.ROLLBACKS_PER_SECOND, new SeriesKey("rollbacks per second", Tone.WARNING)))),
    DEADLOCKS("Deadlocks", "per poll", List.of(
            new Source(Series.DEADLOCKS, new SeriesKey("deadlocks detected", Tone.CRITICAL))));

    /** A history series and how the chart labels and colours it. */
    public record Source(String series, SeriesKey key) {
    }

    private final String title;
    private final String unit;
    private final List<Source> sources;

    OverviewCharts(String title, String unit, List<Source> sources) {
        this.title = title;
        this.unit = unit;
        this.sources = sources;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    public List<Source> sources() {
        return sources;
    }

    SeriesKey[] keys() {
        return sources.stream().map(Source::key).toArray(SeriesKey[]::new);
    }
}
