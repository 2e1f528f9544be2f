package io.pgpulse.core.connection.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void rendersAsMaskWhateverItHolds() {
        Secret secret = Secret.of("hunter22");

        assertThat(secret).hasToString("********");
        assertThat(String.valueOf(secret)).doesNotContain("hunter22");
    }

    @Test
    void revealsThePlainTextForTheDriver() {
        assertThat(Secret.of("hunter22").reveal()).isEqualTo("hunter22");
    }

    @Test
    void comparesByContent() {
        assertThat(Secret.of("a-b-c")).isEqualTo(Secret.of("a-b-c".toCharArray()))
                .hasSameHashCodeAs(Secret.of("a-b-c"))
                .isNotEqualTo(Secret.of("a-b-d"));
    }

    @Test
    void copiesTheCharArraySoTheCallerCanWipeIt() {
        char[] typed = "hunter22".toCharArray();
        Secret secret = Secret.of(typed);

        Arrays.fill(typed, '\0');

        assertThat(secret.reveal()).isEqualTo("hunter22");
    }

    @Test
    void knowsWhenItIsEmpty() {
        assertThat(Secret.of("").isEmpty()).isTrue();
        assertThat(Secret.of("x").isEmpty()).isFalse();
    }
}
