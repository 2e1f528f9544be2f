package io.pgpulse.app.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StartupTimerTest {

    @Test
    void measuresFromTheLaunchTimeTheScriptPasses() {
        assertThat(StartupTimer.origin(Map.of(StartupTimer.ORIGIN_VARIABLE, " 1795621065466 ")))
                .isEqualTo(Instant.ofEpochMilli(1_795_621_065_466L));
    }

    @Test
    void otherwiseFromTheStartOfTheJvm() {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        assertThat(StartupTimer.origin(Map.of())).isEqualTo(jvmStart);
        assertThat(StartupTimer.origin(Map.of(StartupTimer.ORIGIN_VARIABLE, "yesterday"))).isEqualTo(jvmStart);
    }
}
