package io.pgpulse.core.statements;

import static io.pgpulse.core.statements.Counters.RESET;
import static io.pgpulse.core.statements.Counters.STARTED;
import static io.pgpulse.core.statements.Counters.T0;
import static io.pgpulse.core.statements.Counters.key;
import static io.pgpulse.core.statements.Counters.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatementSampleTest {

    @Test
    void countersMeanIsUnavailableBeforeTheFirstCall() {
        assertThat(of(1).calls(0).build().meanExecTimeMs()).isEmpty();
        assertThat(of(1).calls(4).execMs(10).build().meanExecTimeMs()).hasValue(2.5);
    }

    @Test
    void countersRejectNegativeValuesFromABrokenMapping() {
        assertThatIllegalArgumentException().isThrownBy(() -> of(1).calls(-1).build());
        assertThatIllegalArgumentException().isThrownBy(() -> of(1).execMs(Double.NaN).build());
        assertThatIllegalArgumentException().isThrownBy(() -> new StatementCounters(key(1), 1, 1, 0, 0, 0, 0, 0, 0,
                OptionalLong.empty(), OptionalDouble.of(-2), OptionalDouble.empty(), Optional.empty()));
    }

    @Test
    void sampleRejectsTheSameKeyTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> StatementSample.of(T0, Optional.of(RESET), STARTED,
                List.of(of(1).calls(1).build(), of(1).calls(2).build())));
    }

    @Test
    void sampleRejectsCountersFiledUnderAnotherKey() {
        Map<StatementKey, StatementCounters> misfiled = Map.of(key(2), of(1).build());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StatementSample(T0, Optional.empty(), STARTED, misfiled));
    }

    @Test
    void sampleIsNotAffectedByLaterChangesToTheCallersMap() {
        Map<StatementKey, StatementCounters> rows = new HashMap<>();
        rows.put(key(1), of(1).calls(1).build());
        StatementSample sample = new StatementSample(T0, Optional.empty(), STARTED, rows);

        rows.put(key(2), of(2).build());

        assertThat(sample.counters()).containsOnlyKeys(key(1));
        assertThatThrownBy(() -> sample.counters().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
