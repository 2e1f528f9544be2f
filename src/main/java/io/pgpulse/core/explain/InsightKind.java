package io.pgpulse.core.explain;

import java.util.Locale;

/** What a plan insight is about; the JSON {@code kind} is the lower-case name. */
public enum InsightKind {
    ROW_MISESTIMATE,
    SEQ_SCAN_FILTER,
    DISK_SPILL,
    HASH_BATCHES,
    LOSSY_BITMAP,
    NESTED_LOOP_INNER,
    INDEX_HEAP_FETCHES,
    INDEX_FILTER,
    LARGE_OFFSET,
    STALE_STATISTICS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
