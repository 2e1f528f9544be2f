package io.pgpulse.app.welcome;

import static io.pgpulse.app.welcome.WelcomeFixture.CANARY;
import static io.pgpulse.app.welcome.WelcomeFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pgpulse.app.connect.Notice;
import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.profiles.PasswordStorage;
import io.pgpulse.testing.LogCapture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WelcomeViewModelTest {
    @TempDir
    Path directory;

    private final Background background = new Background(UiExecutor.direct());
    private WelcomeFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WelcomeFixture(directory);
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    @Test
    void listsProfilesMostRecentlyUsedFirstWithWhenAndWhere() throws Exception {
        fixture.threeProfiles();

        WelcomeViewModel vm = loaded();

        assertThat(vm.recentProfiles()).extracting(RecentProfile::name)
                .containsExactly("shop-staging", "orders", "analytics");
        assertThat(vm.recentProfiles().get(0)).isEqualTo(
                new RecentProfile("shop-staging", "monitor@db-staging.internal:5432/shop", "3 h ago", "verify-full"));
        assertThat(vm.recentProfiles()).extracting(RecentProfile::lastUsed)
                .containsExactly("3 h ago", "yesterday", "never used");
        assertThat(vm.profilesProblemProperty().get()).isNull();
    }

    @Test
    void saysHowLongAgoInWordsPeopleUse() {
        assertThat(WelcomeViewModel.ago(null, NOW)).isEqualTo("never used");
        assertThat(WelcomeViewModel.ago(NOW.minusSeconds(20), NOW)).isEqualTo("just now");
        assertThat(WelcomeViewModel.ago(NOW.plusSeconds(20), NOW)).isEqualTo("just now");
        assertThat(WelcomeViewModel.ago(NOW.minus(Duration.ofMinutes(7)), NOW)).isEqualTo("7 min ago");
        assertThat(WelcomeViewModel.ago(NOW.minus(Duration.ofHours(3).plusMinutes(59)), NOW)).isEqualTo("3 h ago");
        assertThat(WelcomeViewModel.ago(NOW.minus(Duration.ofDays(1)), NOW)).isEqualTo("yesterday");
        assertThat(WelcomeViewModel.ago(NOW.minus(Duration.ofDays(12)), NOW)).isEqualTo("12 days ago");
        assertThat(WelcomeViewModel.ago(NOW.minus(Duration.ofDays(95)), NOW)).isEqualTo("3 months ago");
        assertThat(WelcomeViewModel.ago(NOW.minus(Duration.ofDays(800)), NOW)).isEqualTo("2 years ago");
    }

    @Test
    void corruptProfilesFileIsExplainedNotFatal() throws Exception {
        Files.createDirectories(fixture.store.file().getParent());
        Files.writeString(fixture.store.file(), "{ not json");

        WelcomeViewModel vm = loaded();

        assertThat(vm.recentProfiles()).isEmpty();
        assertThat(vm.profilesProblemProperty().get()).contains("is not valid JSON");
    }

    @Test
    void profileWhosePasswordIsInTheEnvironmentConnectsWithoutAsking() throws Exception {
        fixture.environment(Map.of("PGPASSWORD", CANARY)).threeProfiles();
        WelcomeViewModel vm = loaded();

        vm.connectProfile("orders");

        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
        WelcomeFixture.Connect connect = fixture.actions.connects.get(0);
        assertThat(connect.label()).isEqualTo("orders");
        assertThat(connect.target().passwordSource()).isEqualTo(PasswordSource.ENVIRONMENT);
        assertThat(vm.passwordRequestProperty().get()).isNull();
        await().atMost(5, TimeUnit.SECONDS).until(() -> NOW.equals(fixture.store.find("orders").orElseThrow().lastUsed()));
    }

    @Test
    void profileThatAsksEverySessionPromptsWithoutARememberOptionWhenThereIsNoKeychain() throws Exception {
        fixture.threeProfiles();
        WelcomeViewModel vm = loaded();
        try (LogCapture logs = new LogCapture()) {
            vm.connectProfile("shop-staging");

            await().atMost(5, TimeUnit.SECONDS).until(() -> vm.passwordRequestProperty().get() != null);
            PasswordRequest request = vm.passwordRequestProperty().get();
            assertThat(request.profileName()).isEqualTo("shop-staging");
            assertThat(request.message()).contains("asks for its password every session");
            assertThat(request.canRemember()).isFalse();
            assertThat(fixture.actions.connects).isEmpty();

            request.submit(CANARY, true);

            assertThat(vm.passwordRequestProperty().get()).isNull();
            await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
            var target = fixture.actions.connects.get(0).target();
            assertThat(target.passwordSource()).isEqualTo(PasswordSource.PROMPT);
            assertThat(target.password().reveal()).isEqualTo(CANARY);
            assertThat(fixture.store.find("shop-staging").orElseThrow().passwordStorage())
                    .isEqualTo(PasswordStorage.ASK_EVERY_SESSION);
            assertThat(logs.text()).doesNotContain(CANARY);
        }
        assertThat(Files.readString(fixture.store.file())).doesNotContain(CANARY);
    }

    @Test
    void cancellingThePromptConnectsNowhere() throws Exception {
        fixture.threeProfiles();
        WelcomeViewModel vm = loaded();
        vm.connectProfile("analytics");
        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.passwordRequestProperty().get() != null);

        vm.passwordRequestProperty().get().cancel();

        assertThat(vm.passwordRequestProperty().get()).isNull();
        assertThat(fixture.actions.connects).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void unknownProfileIsReportedNotConnected() {
        WelcomeViewModel vm = loaded();

        vm.connectProfile("nope");

        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.noticeProperty().get() != null);
        assertThat(vm.noticeProperty().get().tone()).isEqualTo(Notice.Tone.DANGER);
        assertThat(vm.noticeProperty().get().text()).contains("There is no saved profile named 'nope'");
        assertThat(fixture.actions.connects).isEmpty();
    }

    @Test
    void renameAndDeleteUpdateTheStoreAndTheList() throws Exception {
        fixture.threeProfiles();
        WelcomeViewModel vm = loaded();

        vm.renameProfile("orders", "orders-prod");
        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.recentProfiles().stream()
                .anyMatch(p -> p.name().equals("orders-prod")));
        vm.deleteProfile("analytics");
        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.recentProfiles().size() == 2);

        assertThat(vm.recentProfiles()).extracting(RecentProfile::name).containsExactly("shop-staging", "orders-prod");
        assertThat(fixture.store.list()).extracting(p -> p.name()).containsExactly("orders-prod", "shop-staging");
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Deleted profile 'analytics'.");
    }

    @Test
    void pastedUrlConnectsNamedAfterItsHost() {
        WelcomeViewModel vm = loaded();
        vm.pastedProperty().set("postgresql://monitor@db.example.com:6432/shop");

        vm.connectPasted();

        await().atMost(5, TimeUnit.SECONDS).until(() -> fixture.actions.connects.size() == 1);
        assertThat(fixture.actions.connects.get(0).label()).isEqualTo("db.example.com");
        assertThat(fixture.actions.connects.get(0).target().displayName()).isEqualTo("monitor@db.example.com:6432/shop");
        assertThat(vm.pastedProperty().get()).isEmpty();
    }

    @Test
    void badPasteShowsTheParsersMessageWithoutThePassword() {
        WelcomeViewModel vm = loaded();
        vm.pastedProperty().set("postgresql://monitor:" + CANARY + "@db.example.com/shop?sslfactory=x.Y");

        vm.connectPasted();

        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.pasteErrorProperty().get() != null);
        assertThat(vm.pasteErrorProperty().get()).contains("sslfactory").doesNotContain(CANARY);
        assertThat(fixture.actions.connects).isEmpty();

        vm.pastedProperty().set("");
        assertThat(vm.pasteErrorProperty().get()).isNull();
    }

    @Test
    void demoIsOneCallAway() {
        WelcomeViewModel vm = loaded();

        vm.startDemo();

        assertThat(fixture.actions.demos).hasValue(1);
    }

    @Test
    void keychainStatusSaysPasswordsAreAskedForWhenThereIsNone() {
        WelcomeViewModel vm = loaded();

        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.keychainDetailProperty().get().contains("no keychain in tests"));
        assertThat(vm.keychainStatusProperty().get()).isEqualTo("No keychain: PgPulse asks for passwords every session");
    }

    private WelcomeViewModel loaded() {
        WelcomeViewModel vm = fixture.viewModel(background);
        await().atMost(5, TimeUnit.SECONDS).until(() -> vm.loadedProperty().get());
        return vm;
    }
}
