package io.pgpulse.app.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.pgpulse.core.indexes.IndexHealthItem.Kind;

import org.junit.jupiter.api.Test;

/** The words and units of the page: sizes in pg_size_pretty's units, ages in the unit people say. */
class IndexKindsTest {
    @Test
    void sizesKeepThreeDigitsInPostgresUnits() {
        assertThat(IndexKinds.bytes(0)).isEqualTo("0 bytes");
        assertThat(IndexKinds.bytes(8192)).isEqualTo("8.0 kB");
        assertThat(IndexKinds.bytes(1_040_384)).isEqualTo("1016 kB");
        assertThat(IndexKinds.bytes(16_043_212)).isEqualTo("15.3 MB");
        assertThat(IndexKinds.bytes(1_288_490_189L)).isEqualTo("1.2 GB");
    }

    @Test
    void statisticsAgesReadAsSpoken() {
        assertThat(IndexKinds.age(Duration.ofSeconds(12))).isEqualTo("12 seconds");
        assertThat(IndexKinds.age(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(IndexKinds.age(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(IndexKinds.age(Duration.ofHours(30))).isEqualTo("30 hours");
        assertThat(IndexKinds.age(Duration.ofDays(12).plusHours(5))).isEqualTo("12 days");
    }

    @Test
    void countsAgreeWithTheirNumber() {
        assertThat(IndexKinds.counted(Kind.UNUSED, 1)).isEqualTo("1 unused index");
        assertThat(IndexKinds.counted(Kind.UNUSED, 3)).isEqualTo("3 unused indexes");
        assertThat(IndexKinds.counted(Kind.FOREIGN_KEY_WITHOUT_INDEX, 2)).isEqualTo("2 foreign keys without an index");
        assertThat(IndexKinds.counted(Kind.PREFIX_COVERED, 1)).isEqualTo("1 covered by a wider index");
    }
}
