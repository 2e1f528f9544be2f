package io.pgpulse.core.sampling;

import java.time.Duration;

/**
 * Limits that keep one poll cheap at any server size.
 *
 * @param maxActivityRows   sessions read per poll (the budget counts all of them server-side)
 * @param maxLockRows       lock rows read per poll
 * @param activityTextChars characters of a running query kept (1 MB texts become this)
 * @param statementTextChars characters of a statement text kept in the cache (enough for tables and
 *                           reports; a detail view reads the full text on demand)
 * @param maxCachedTexts    statement texts kept, least recently used out
 * @param textFetchInterval at most one text read per this interval, unless forced
 * @param textTimeout       statement_timeout for a text read (it reads the whole text file)
 */
public record SamplerConfig(
        int maxActivityRows,
        int maxLockRows,
        int activityTextChars,
        int statementTextChars,
        int maxCachedTexts,
        Duration textFetchInterval,
        Duration textTimeout) {

    public static SamplerConfig defaults() {
        return new SamplerConfig(10_000, 5_000, 2_048, 1_024, 20_000, Duration.ofSeconds(5), Duration.ofSeconds(3));
    }
}
