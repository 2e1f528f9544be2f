package io.pgpulse.app.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsOpensTheWelcomeScreen() {
        LaunchOptions o = LaunchOptions.parse(List.of());
        assertThat(o.demo()).isFalse();
        assertThat(o.url()).isNull();
        assertThat(o.profile()).isNull();
    }

    @Test
    void demoWithScenariosAndATheme() {
        LaunchOptions o = LaunchOptions.parse(List.of("--demo", "--scenarios", "N_PLUS_ONE,MIGRATION_STALL", "--theme=light"));
        assertThat(o.demo()).isTrue();
        assertThat(o.scenarios()).containsExactly("N_PLUS_ONE", "MIGRATION_STALL");
        assertThat(o.theme()).isEqualTo("light");
    }

    @Test
    void urlAndProfileInBothSpellings() {
        assertThat(LaunchOptions.parse(List.of("--url", "postgresql://x@h/db")).url()).isEqualTo("postgresql://x@h/db");
        assertThat(LaunchOptions.parse(List.of("--profile=staging")).profile()).isEqualTo("staging");
    }

    @Test
    void conflictingOrUnknownOptionsAreExplained() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--demo", "--url", "x")))
                .hasMessage("Give only one of --demo, --url and --profile.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--frobnicate")))
                .hasMessageContaining("Unknown option '--frobnicate'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--url")))
                .hasMessage("--url needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--scenarios", "N_PLUS_ONE")))
                .hasMessage("--scenarios only applies to --demo.");
    }
}
