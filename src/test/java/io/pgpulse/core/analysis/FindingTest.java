package io.pgpulse.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void kindMustBeSnakeCase() {
        Remedy advice = new Remedy("now", null);

        assertThat(new Finding("n_plus_one", Severity.WARNING, "s", Map.of(), advice).kind()).isEqualTo("n_plus_one");
        assertThatThrownBy(() -> new Finding("NPlusOne", Severity.WARNING, "s", Map.of(), advice))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding("n-plus-one", Severity.WARNING, "s", Map.of(), advice))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evidenceKeepsTheAnalyzersOrder() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (String key : new String[] {"z_seconds", "a_count", "m_percent", "b", "y", "c"}) {
            evidence.put(key, 1);
        }

        Finding f = new Finding("k", Severity.INFO, "s", evidence, new Remedy("now", null));

        assertThat(f.evidence().keySet()).containsExactly("z_seconds", "a_count", "m_percent", "b", "y", "c");
    }

    @Test
    void severitiesCompareByUrgencyAndParseFromTheirLabels() {
        assertThat(Severity.CRITICAL.isAtLeast(Severity.WARNING)).isTrue();
        assertThat(Severity.INFO.isAtLeast(Severity.WARNING)).isFalse();
        assertThat(Severity.parse(" Warning ")).isEqualTo(Severity.WARNING);
        assertThat(Severity.CRITICAL.label()).isEqualTo("critical");
        assertThatThrownBy(() -> Severity.parse("fatal")).hasMessageContaining("info, warning or critical");
    }

    @Test
    void durationsReadNaturallyWithUnits() {
        assertThat(Humanize.duration(Duration.ofMillis(350))).isEqualTo("350 ms");
        assertThat(Humanize.duration(Duration.ofMillis(4500))).isEqualTo("4.5 s");
        assertThat(Humanize.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Humanize.duration(Duration.ofSeconds(724))).isEqualTo("12 min 4 s");
        assertThat(Humanize.duration(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(Humanize.duration(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(Humanize.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(Humanize.duration(null)).isEqualTo("n/a");
        assertThat(Humanize.count(12_345)).isEqualTo("12,345");
        assertThat(Humanize.percent(4.25)).isEqualTo("4.3 %");
        assertThat(Humanize.millis(1234.5)).isEqualTo("1,235 ms");
    }
}
