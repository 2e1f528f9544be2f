package io.pgpulse.app.overview;

import java.util.List;
import java.util.Map;

import io.pgpulse.core.analysis.ConnectionBudget;
import io.pgpulse.core.analysis.Finding;
import io.pgpulse.core.analysis.LimitUsage;

/**
 * Everything one snapshot changes on the overview, computed off the FX thread so that applying it
 * only copies values into properties, rows and chart points.
 *
 * @param limits     role and database limits by "kind:name", for the breakdown rows
 * @param charts     new chart points by chart
 * @param rates      the newest rate per small chart, NaN when none yet
 * @param staleNote  empty when all sections the overview uses are fresh
 */
record OverviewUpdate(
        ConnectionBudget budget,
        Map<String, LimitUsage> limits,
        List<Finding> findings,
        Map<OverviewCharts, ChartPoints> charts,
        Map<OverviewCharts, Double> rates,
        String staleNote) {
}
