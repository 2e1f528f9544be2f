package io.pgpulse.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert thresholds on disk, in a real directory: read back, kept private, and never a crash. */
class AlertRulesStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private Path dir() {
        return home.resolve("config").resolve("pgpulse");
    }

    private AlertRulesStore store() {
        return new AlertRulesStore(dir(), CLOCK);
    }

    private static AlertRules changed() {
        return AlertRules.defaults()
                .with(new AlertRule(AlertKind.CONNECTIONS_USED, 50, 70, 45.5, Duration.ZERO))
                .with(new AlertRule(AlertKind.BLOCKED_SESSIONS, 2, 20, 1, Duration.ofMillis(30_500)));
    }

    private void write(String json) throws IOException {
        Files.createDirectories(dir());
        Files.writeString(dir().resolve(AlertRulesStore.FILE_NAME), json);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withoutAFileTheDefaultsApplyAndNothingIsWrong() {
        AlertRulesStore.Loaded loaded = store().load();

        assertThat(loaded.rules()).isEqualTo(AlertRules.defaults());
        assertThat(loaded.problem()).isEmpty();
        assertThat(dir()).doesNotExist();
    }

    @Test
    void savedThresholdsAreReadBackInAPrivateFileWrittenWhole() throws Exception {
        store().save(AlertRules.defaults());
        store().save(changed());

        AlertRulesStore.Loaded loaded = new AlertRulesStore(dir()).load();

        assertThat(loaded.rules()).isEqualTo(changed());
        assertThat(loaded.problem()).isEmpty();
        assertThat(files()).as("no temporary file left behind").containsExactly(AlertRulesStore.FILE_NAME);
        assertThat(Files.readString(dir().resolve(AlertRulesStore.FILE_NAME)))
                .contains("\"connections_used\"", "\"warning\" : 50.0", "\"sustain_seconds\" : 30.5");
        assumeTrue(dir().getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve(AlertRulesStore.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDamagedFileIsMovedAsideForRepairAndTheDefaultsApply() throws Exception {
        write("{\"format\": 1, \"rules\": {\"connections_used\": {\"warning\": 5");

        AlertRulesStore.Loaded loaded = store().load();

        assertThat(loaded.rules()).isEqualTo(AlertRules.defaults());
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("alert-rules.json is not valid JSON at line 1")
                .contains("moved to alert-rules.json.bad-20260301T101530Z")
                .contains("the default alert thresholds are used"));
        assertThat(files()).containsExactly("alert-rules.json.bad-20260301T101530Z");
        assertThat(Files.readString(dir().resolve("alert-rules.json.bad-20260301T101530Z"))).startsWith("{\"format\": 1");
        assertThat(store().load().problem()).as("reported once: the file is out of the way").isEmpty();

        store().save(changed());
        assertThat(store().load().rules()).isEqualTo(changed());
        assertThat(files()).contains("alert-rules.json.bad-20260301T101530Z");
    }

    @Test
    void filesThatHoldNoThresholdsAreMovedAsideToo() throws Exception {
        for (String content : List.of("", "  \n", "[1, 2]", "{\"rules\": {}}", "{\"format\": 1}",
                "{\"format\": 1, \"rules\": [1]}")) {
            write(content);

            AlertRulesStore.Loaded loaded = store().load();

            assertThat(loaded.rules()).as(content).isEqualTo(AlertRules.defaults());
            assertThat(loaded.problem()).as(content).hasValueSatisfying(p -> assertThat(p).contains("moved to"));
            assertThat(dir().resolve(AlertRulesStore.FILE_NAME)).doesNotExist();
        }
        assertThat(files()).hasSize(6).allMatch(f -> f.startsWith("alert-rules.json.bad-20260301T101530Z"));
    }

    @Test
    void oneAlertWithUnusableThresholdsGetsItsDefaultsAndTheOthersKeepTheirs() throws Exception {
        write("""
                {"format": 1, "rules": {
                  "connections_used": {"warning": 50, "critical": 70, "clear": 45, "sustain_seconds": 0},
                  "blocked_sessions": {"warning": 5, "critical": 2, "clear": 1, "sustain_seconds": 10},
                  "idle_in_transaction": {"warning": "soon", "critical": 300, "clear": 30, "sustain_seconds": 0},
                  "some_future_alert": {"warning": 1}
                }}""");

        AlertRulesStore.Loaded loaded = store().load();

        assertThat(loaded.rules().get(AlertKind.CONNECTIONS_USED).warning()).isEqualTo(50);
        assertThat(loaded.rules().get(AlertKind.BLOCKED_SESSIONS)).isEqualTo(AlertRules.defaults().get(AlertKind.BLOCKED_SESSIONS));
        assertThat(loaded.rules().get(AlertKind.IDLE_IN_TRANSACTION))
                .isEqualTo(AlertRules.defaults().get(AlertKind.IDLE_IN_TRANSACTION));
        assertThat(loaded.rules().get(AlertKind.LONGEST_TRANSACTION))
                .as("not saved: its defaults, without complaint")
                .isEqualTo(AlertRules.defaults().get(AlertKind.LONGEST_TRANSACTION));
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("Blocked sessions (the critical threshold must be at least the warning threshold)")
                .contains("Idle in transaction (warning is not a number)")
                .contains("those alerts use their default thresholds"));
        assertThat(files()).as("the file stays: the next save replaces it").containsExactly(AlertRulesStore.FILE_NAME);
    }

    @Test
    void aFileFromANewerVersionIsLeftAsItIs() throws Exception {
        String newer = "{\"format\": 2, \"rules\": {\"connections_used\": {\"levels\": [50, 70]}}}";
        write(newer);

        AlertRulesStore.Loaded loaded = store().load();

        assertThat(loaded.rules()).isEqualTo(AlertRules.defaults());
        assertThat(loaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("newer version of PgPulse"));
        assertThatThrownBy(() -> store().save(changed())).isInstanceOf(AlertRulesStoreException.class)
                .hasMessageContaining("newer version").hasMessageContaining("this session only");
        assertThat(Files.readString(dir().resolve(AlertRulesStore.FILE_NAME), StandardCharsets.UTF_8)).isEqualTo(newer);
    }

    @Test
    void aSaveThatCannotBeWrittenSaysWhy() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(dir(), "a file where the directory should be");

        assertThatThrownBy(() -> store().save(changed())).isInstanceOf(AlertRulesStoreException.class)
                .hasMessageContaining("Could not create " + dir());
        assertThat(store().load().rules()).isEqualTo(AlertRules.defaults());
    }
}
