package io.pgpulse.app.overview;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.pgpulse.core.analysis.ConnectionBudget;
import io.pgpulse.core.analysis.ConnectionFindings;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.LimitUsage;
import io.pgpulse.core.history.HistoryStore;
import io.pgpulse.core.history.SeriesSnapshot;
import io.pgpulse.core.sampling.Section;
import io.pgpulse.core.sampling.SectionState;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.session.Series;

/**
 * The overview's work that does not need the FX thread: the connection budget, findings, churn
 * attribution and the chart points new since the last update. Keeps per-chart bookmarks, so it
 * must be fed one snapshot at a time, in order.
 */
final class OverviewAnalysis {
    /** Points kept left of the window, so areas start at the chart's edge instead of a gap. */
    static final Duration WINDOW_MARGIN = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final HistoryStore history;
    private final ConnectionChurn churn = new ConnectionChurn();
    private final Map<OverviewCharts, Long> fetchedUpTo = new EnumMap<>(OverviewCharts.class);

    OverviewAnalysis(HistoryStore history) {
        this.history = history;
    }

    OverviewUpdate analyze(Snapshot s, Duration window, boolean reload) {
        ConnectionBudget budget = ConnectionBudget.of(s);
        Map<String, LimitUsage> limits = new HashMap<>();
        for (LimitUsage l : budget.limits()) {
            limits.put(limitKey(l.kindLabel(), l.name()), l);
        }
        List<Finding> findings = new ArrayList<>(ConnectionFindings.of(budget, s));
        churn.update(s, averageRate(Series.NEW_SESSIONS_PER_SECOND, s.takenAt(), ConnectionChurn.SPAN))
                .ifPresent(findings::add);
        findings.sort((a, b) -> b.severity().compareTo(a.severity()));

        Map<OverviewCharts, ChartPoints> charts = new EnumMap<>(OverviewCharts.class);
        Map<OverviewCharts, Double> rates = new EnumMap<>(OverviewCharts.class);
        long upTo = s.takenAt().toEpochMilli();
        for (OverviewCharts chart : OverviewCharts.values()) {
            Long bookmark = fetchedUpTo.get(chart);
            boolean replace = reload || bookmark == null;
            Instant since = replace ? s.takenAt().minus(window).minus(WINDOW_MARGIN) : Instant.ofEpochMilli(bookmark + 1);
            ChartPoints points = read(chart, since, upTo, replace);
            if (points.size() > 0) {
                fetchedUpTo.put(chart, points.xs()[points.size() - 1]);
            }
            charts.put(chart, points);
            if (chart != OverviewCharts.STATES) {
                rates.put(chart, latest(chart.sources().get(0).series(), upTo));
            }
        }
        return new OverviewUpdate(budget, limits, List.copyOf(findings), charts, rates, staleNote(s));
    }

    static String limitKey(String kind, String name) {
        return kind + ":" + name;
    }

    private ChartPoints read(OverviewCharts chart, Instant since, long upTo, boolean replace) {
        List<OverviewCharts.Source> sources = chart.sources();
        SeriesSnapshot[] series = new SeriesSnapshot[sources.size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = history.seriesSince(sources.get(i).series(), since).orElse(null);
        }
        SeriesSnapshot base = series[0];
        if (base == null || base.isEmpty()) {
            return replace ? new ChartPoints(new long[0], new double[0][], true) : ChartPoints.NONE;
        }
        int n = 0;
        while (n < base.size() && base.epochMillisAt(n) <= upTo) {
            n++;
        }
        long[] xs = new long[n];
        double[][] values = new double[n][series.length];
        int[] cursor = new int[series.length];
        for (int i = 0; i < n; i++) {
            long x = base.epochMillisAt(i);
            xs[i] = x;
            for (int s = 0; s < series.length; s++) {
                values[i][s] = valueAt(series[s], cursor, s, x);
            }
        }
        return new ChartPoints(xs, values, replace);
    }

    /**
     * The value of {@code series} at exactly {@code x}, walking a cursor forward: the series of one
     * chart are recorded at the same poll times, so the walk is linear. NaN where one has no point.
     */
    private static double valueAt(SeriesSnapshot series, int[] cursor, int s, long x) {
        if (series == null) {
            return Double.NaN;
        }
        while (cursor[s] < series.size() && series.epochMillisAt(cursor[s]) < x) {
            cursor[s]++;
        }
        return cursor[s] < series.size() && series.epochMillisAt(cursor[s]) == x ? series.valueAt(cursor[s]) : Double.NaN;
    }

    private OptionalDouble averageRate(String name, Instant now, Duration span) {
        Optional<SeriesSnapshot> points = history.seriesSince(name, now.minus(span));
        if (points.isEmpty() || points.get().isEmpty()) {
            return OptionalDouble.empty();
        }
        return Arrays.stream(points.get().values()).average();
    }

    private double latest(String name, long upTo) {
        Optional<SeriesSnapshot> all = history.seriesSince(name, Instant.ofEpochMilli(upTo).minus(Duration.ofMinutes(5)));
        if (all.isEmpty()) {
            return Double.NaN;
        }
        SeriesSnapshot s = all.get();
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.epochMillisAt(i) <= upTo) {
                return s.valueAt(i);
            }
        }
        return Double.NaN;
    }

    private static String staleNote(Snapshot s) {
        for (Section section : List.of(Section.SERVER, Section.ACTIVITY, Section.LIMITS)) {
            SectionState state = s.state(section);
            if (state instanceof SectionState.Stale stale) {
                return "The last poll could not read " + what(section) + " (" + stale.reason()
                        + "); these figures are from " + CLOCK.format(stale.since()) + ".";
            }
            if (state instanceof SectionState.Unavailable unavailable && section != Section.LIMITS) {
                return capitalize(what(section)) + " cannot be read: " + unavailable.reason();
            }
        }
        return "";
    }

    private static String what(Section section) {
        return switch (section) {
            case SERVER -> "the server's connection settings";
            case ACTIVITY -> "the sessions (pg_stat_activity)";
            case LIMITS -> "the role and database connection limits";
            default -> section.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
