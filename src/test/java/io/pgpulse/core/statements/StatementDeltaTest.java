package io.pgpulse.core.statements;

import static io.pgpulse.core.statements.Counters.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatementDeltaTest {

    private static StatementDelta delta(double seconds, long calls, double execMs, long rows, long hit, long read) {
        return new StatementDelta(key(1), seconds, calls, execMs, 0, rows, hit, read, 0, 0, OptionalLong.empty());
    }

    @Test
    void callsPerSecondDividesCallsByTheInterval() {
        assertThat(delta(4, 10, 0, 0, 0, 0).callsPerSecond()).isEqualTo(2.5);
        assertThat(delta(4, 0, 0, 0, 0, 0).callsPerSecond()).isZero();
    }

    @Test
    void meanAndRowsPerCallAreDerivedFromCalls() {
        StatementDelta d = delta(1, 4, 10, 6, 0, 0);

        assertThat(d.meanExecTimeMs()).hasValue(2.5);
        assertThat(d.rowsPerCall()).hasValue(1.5);
    }

    @Test
    void meanAndRowsPerCallAreUnavailableWithoutCalls() {
        StatementDelta d = delta(1, 0, 0, 0, 0, 0);

        assertThat(d.meanExecTimeMs()).isEmpty();
        assertThat(d.rowsPerCall()).isEmpty();
    }

    @Test
    void sharedHitRatioIsHitsOverAllTouchedBlocks() {
        assertThat(delta(1, 1, 1, 1, 3, 1).sharedHitRatio()).hasValue(0.75);
        assertThat(delta(1, 1, 1, 1, 0, 8).sharedHitRatio()).hasValue(0.0);
    }

    @Test
    void sharedHitRatioIsUnavailableWhenNoBlockWasTouched() {
        assertThat(delta(1, 5, 1, 1, 0, 0).sharedHitRatio()).isEmpty();
    }

    @Test
    void intervalMustBePositiveSoRatesAreAlwaysDefined() {
        assertThatIllegalArgumentException().isThrownBy(() -> delta(0, 1, 1, 1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> delta(-1, 1, 1, 1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> delta(Double.NaN, 1, 1, 1, 0, 0));
    }

    @Test
    void negativeComponentsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> delta(1, -1, 1, 1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> delta(1, 1, -0.5, 1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new StatementDelta(key(1), 1, 1, 1, 0, 1, 0, 0, 0, 0,
                OptionalLong.of(-1)));
    }
}
