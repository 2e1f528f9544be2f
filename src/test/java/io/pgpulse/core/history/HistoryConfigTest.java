package io.pgpulse.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistoryConfigTest {

    @Test
    void capacityCoversTheWholeRetentionPlusOnePoint() {
        assertThat(new HistoryConfig(Duration.ofHours(1), Duration.ofSeconds(1), 10).capacity()).isEqualTo(3601);
        assertThat(new HistoryConfig(Duration.ofHours(1), Duration.ofSeconds(7), 10).capacity()).isEqualTo(516);
        assertThat(new HistoryConfig(Duration.ofSeconds(1), Duration.ofSeconds(5), 10).capacity()).isEqualTo(2);
    }

    @Test
    void defaultsKeepOneHour() {
        HistoryConfig config = HistoryConfig.withDefaults(Duration.ofSeconds(2));

        assertThat(config.retention()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxStatementsTracked()).isEqualTo(500);
        assertThat(config.capacity()).isEqualTo(1801);
    }

    @Test
    void rejectsBoundsThatCannotBeHonoured() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HistoryConfig(Duration.ZERO, Duration.ofSeconds(1), 10));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HistoryConfig(Duration.ofHours(1), Duration.ofSeconds(-1), 10));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HistoryConfig(Duration.ofHours(1), Duration.ofSeconds(1), -1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HistoryConfig(Duration.ofDays(30), Duration.ofMillis(100), 10));
    }
}
