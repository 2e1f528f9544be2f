package io.pgpulse.core.sampling;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one poll saw, immutable. Sections that could not be read this time carry the data of
 * the last poll that could, marked {@link SectionState.Stale} in {@link #sections()}.
 *
 * @param sequence   1 for the first poll of a sampler, then increasing
 * @param takenAt    the server's clock when the poll ran
 * @param statements null when pg_stat_statements is unavailable (see {@code sections})
 */
public record Snapshot(
        long sequence,
        Instant takenAt,
        ServerInfo server,
        List<ActivityRow> activity,
        List<LockRow> locks,
        List<DatabaseCounters> databases,
        List<ConnectionLimit> limits,
        StatementsSnapshot statements,
        Map<Section, SectionState> sections,
        PollStats stats) {

    public Snapshot {
        activity = List.copyOf(activity);
        locks = List.copyOf(locks);
        databases = List.copyOf(databases);
        limits = List.copyOf(limits);
        sections = Map.copyOf(sections);
    }

    public SectionState state(Section section) {
        return sections.getOrDefault(section, SectionState.FRESH);
    }

    public boolean isFresh(Section section) {
        return state(section) instanceof SectionState.Fresh;
    }
}
