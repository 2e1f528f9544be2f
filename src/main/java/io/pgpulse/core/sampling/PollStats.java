package io.pgpulse.core.sampling;

import java.time.Duration;

/**
 * What one poll cost, as the sampler itself measured it.
 *
 * @param roundTrips         network round trips to the server
 * @param statementRows      pg_stat_statements counter rows received (changed entries only)
 * @param textsFetched       statement texts read in this poll (0 when no new queryid appeared)
 * @param batched            whether all sections went in one round trip
 * @param clientCpu          CPU time the poll used on this machine
 */
public record PollStats(
        Duration elapsed,
        int roundTrips,
        int statementRows,
        int textsFetched,
        boolean batched,
        Duration clientCpu) {
}
