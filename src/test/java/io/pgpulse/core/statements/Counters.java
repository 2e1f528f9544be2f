package io.pgpulse.core.statements;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Hand-built pg_stat_statements rows and samples for tests. */
final class Counters {

    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    static final Instant STARTED = Instant.parse("2025-01-01T08:00:00Z");
    static final Instant RESET = Instant.parse("2025-01-01T07:00:00Z");

    private final StatementKey key;
    private long calls;
    private double execMs;
    private double planMs;
    private long rows;
    private long hit;
    private long read;
    private long tempRead;
    private long tempWritten;
    private OptionalLong wal = OptionalLong.empty();
    private Optional<Instant> statsSince = Optional.empty();

    private Counters(StatementKey key) {
        this.key = key;
    }

    static StatementKey key(long queryId) {
        return new StatementKey(10, 5, queryId, true);
    }

    static Counters of(long queryId) {
        return new Counters(key(queryId));
    }

    Counters calls(long value) {
        calls = value;
        return this;
    }

    Counters execMs(double value) {
        execMs = value;
        return this;
    }

    Counters planMs(double value) {
        planMs = value;
        return this;
    }

    Counters rows(long value) {
        rows = value;
        return this;
    }

    Counters blocks(long sharedHit, long sharedRead) {
        hit = sharedHit;
        read = sharedRead;
        return this;
    }

    Counters temp(long readBlocks, long writtenBlocks) {
        tempRead = readBlocks;
        tempWritten = writtenBlocks;
        return this;
    }

    Counters wal(long bytes) {
        wal = OptionalLong.of(bytes);
        return this;
    }

    Counters since(Instant createdAt) {
        statsSince = Optional.of(createdAt);
        return this;
    }

    StatementCounters build() {
        return new StatementCounters(key, calls, execMs, planMs, rows, hit, read, tempRead, tempWritten, wal,
                OptionalDouble.empty(), OptionalDouble.empty(), statsSince);
    }

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static StatementSample sample(long secondsAfterT0, Counters... rows) {
        return sample(secondsAfterT0, Optional.of(RESET), STARTED, rows);
    }

    static StatementSample sample(
            long secondsAfterT0, Optional<Instant> statsReset, Instant startedAt, Counters... rows) {
        return StatementSample.of(at(secondsAfterT0), statsReset, startedAt,
                List.of(rows).stream().map(Counters::build).toList());
    }
}
