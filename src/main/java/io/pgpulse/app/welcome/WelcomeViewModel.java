package io.pgpulse.app.welcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.pgpulse.app.connect.ConnectViewModel;
import io.pgpulse.app.connect.Notice;
import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.ConnectActions;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.Redactor;
import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.profiles.AskEverySession;
import io.pgpulse.core.profiles.OsKeychain;
import io.pgpulse.core.profiles.PasswordResolution;
import io.pgpulse.core.profiles.PasswordResolver;
import io.pgpulse.core.profiles.PasswordStorage;
import io.pgpulse.core.profiles.Profile;
import io.pgpulse.core.profiles.ProfileStore;
import io.pgpulse.core.profiles.ProfileStoreException;
import io.pgpulse.core.profiles.SecretStore;
import io.pgpulse.core.profiles.SecretStoreException;
import io.pgpulse.core.profiles.SecretStores;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The welcome screen's state: recent profiles, the demo, a new connection, and a box for a pasted
 * URL. Reading profiles, probing the keychain and resolving passwords all happen on the
 * {@link Background}; the keychain is probed once, when the screen opens, with a timeout.
 */
public final class WelcomeViewModel {
    /** How many profiles the screen lists; the most recently used come first. */
    static final int RECENT_LIMIT = 30;

    private static final Logger log = LoggerFactory.getLogger(WelcomeViewModel.class);
    private static final long KEYCHAIN_WAIT_SECONDS = 10;
    private static final Comparator<Profile> MOST_RECENT_FIRST = Comparator
            .comparing(Profile::lastUsed, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Profile::name, String.CASE_INSENSITIVE_ORDER);

    private final Background background;
    private final ConnectActions actions;
    /**
     * The profile store is made on first use, which is in the background: building it builds a JSON
     * mapper (~400 classes, ~0.1 s), and the first frame of the app should not wait for that.
     */
    private final Supplier<ProfileStore> makeProfiles;
    private final Object profilesLock = new Object();
    private ProfileStore profileStore;
    private final ConnectionInputParser parser;
    private final Clock clock;
    private final CompletableFuture<SecretStores.Detection> keychain;

    private final ObservableList<RecentProfile> recent = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper profilesProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper keychainStatus = new ReadOnlyStringWrapper("Checking for a keychain …");
    private final ReadOnlyStringWrapper keychainDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<PasswordRequest> passwordRequest = new ReadOnlyObjectWrapper<>();
    private final StringProperty pasted = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper pasteError = new ReadOnlyStringWrapper();

    public WelcomeViewModel(AppContext context, ConnectActions actions) {
        this(context.background(), actions, (Supplier<ProfileStore>) ProfileStore::forCurrentUser,
                ConnectionInputParser.forSystem(),
                () -> SecretStores.detect(OsKeychain.DEFAULT_TIMEOUT), Clock.systemUTC());
    }

    /**
     * @param keychainProbe finds the keychain; it may block up to its timeout and runs in the background
     */
    WelcomeViewModel(Background background, ConnectActions actions, ProfileStore profiles,
            ConnectionInputParser parser, Callable<SecretStores.Detection> keychainProbe, Clock clock) {
        this(background, actions, present(profiles), parser, keychainProbe, clock);
    }

    private WelcomeViewModel(Background background, ConnectActions actions, Supplier<ProfileStore> profiles,
            ConnectionInputParser parser, Callable<SecretStores.Detection> keychainProbe, Clock clock) {
        this.background = Objects.requireNonNull(background, "background");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.makeProfiles = profiles;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keychain = background.run(keychainProbe, detection -> {
            keychainStatus.set(detection.remembersPasswords() ? "Passwords are kept in the " + backendName(detection)
                    : "No keychain: PgPulse asks for passwords every session");
            keychainDetail.set(detection.explanation() + " Passwords are never written to a file.");
        }, e -> {
            keychainStatus.set("No keychain: PgPulse asks for passwords every session");
            keychainDetail.set("The keychain did not answer. Passwords are never written to a file.");
        });
        pasted.addListener((obs, old, now) -> pasteError.set(null));
        reload();
    }

    /** Saved profiles, most recently used first. */
    public ObservableList<RecentProfile> recentProfiles() {
        return FXCollections.unmodifiableObservableList(recent);
    }

    /** True once the profiles have been read at least once. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Why saved profiles are missing (a corrupt or unreadable file), or null. */
    public ReadOnlyStringProperty profilesProblemProperty() {
        return profilesProblem.getReadOnlyProperty();
    }

    /** The outcome of the last action on a profile, or null. */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void dismissNotice() {
        notice.set(null);
    }

    /** Where passwords are kept this session, in a few words. */
    public ReadOnlyStringProperty keychainStatusProperty() {
        return keychainStatus.getReadOnlyProperty();
    }

    /** Why, in a sentence or two: which keychain, or why none is usable. */
    public ReadOnlyStringProperty keychainDetailProperty() {
        return keychainDetail.getReadOnlyProperty();
    }

    /** True while a profile's password is being looked up. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Set when a profile needs a password typed; the view asks and answers it. */
    public ReadOnlyObjectProperty<PasswordRequest> passwordRequestProperty() {
        return passwordRequest.getReadOnlyProperty();
    }

    /** The paste box: a postgresql:// URL or conninfo, connected to on Enter. */
    public StringProperty pastedProperty() {
        return pasted;
    }

    /** The parser's message for the pasted text, or null. */
    public ReadOnlyStringProperty pasteErrorProperty() {
        return pasteError.getReadOnlyProperty();
    }

    public void startDemo() {
        actions.startDemo();
    }

    /** Reads the profiles again, in the background. */
    public void reload() {
        background.run(() -> profiles().load(), result -> {
            Instant now = clock.instant();
            recent.setAll(result.profiles().stream().sorted(MOST_RECENT_FIRST).limit(RECENT_LIMIT)
                    .map(p -> new RecentProfile(p.name(), p.connection().displayName(), ago(p.lastUsed(), now),
                            p.connection().sslMode().libpqName()))
                    .toList());
            profilesProblem.set(result.problem().orElse(null));
            loaded.set(true);
        }, e -> {
            profilesProblem.set("Saved profiles could not be read (" + unwrap(e).getClass().getSimpleName() + ").");
            loaded.set(true);
        });
    }

    /** The state of a fresh connection dialog; saving a profile there refreshes this screen's list. */
    public ConnectViewModel newConnection() {
        ConnectViewModel dialog = new ConnectViewModel(background, actions, parser, profiles(), keychain,
                MonitorSettings.defaults(), ConnectViewModel.DEFAULT_DEBOUNCE);
        dialog.setOnProfileSaved(this::reload);
        return dialog;
    }

    /** A connection dialog holding what was pasted, to fix it there. */
    public ConnectViewModel editPasted() {
        ConnectViewModel dialog = newConnection();
        dialog.prefill(pasted.get());
        return dialog;
    }

    /**
     * Connects with a saved profile: its password comes from the input, PGPASSWORD, .pgpass or the
     * service file, then the keychain; if none has it, {@link #passwordRequestProperty()} asks.
     */
    public void connectProfile(String name) {
        busy.set(true);
        notice.set(null);
        background.run(() -> resolve(name), resolution -> {
            busy.set(false);
            if (resolution instanceof PasswordResolution.Resolved resolved) {
                connect(name, resolved.target());
            } else {
                ask(name, (PasswordResolution.PasswordNeeded) resolution);
            }
        }, e -> {
            busy.set(false);
            notice.set(Notice.danger("Cannot connect with profile '" + name + "': " + describe(e)));
        });
    }

    /** Connects to the pasted URL or conninfo, or shows why it cannot be used. */
    public void connectPasted() {
        String text = pasted.get() == null ? "" : pasted.get().strip();
        if (text.isEmpty()) {
            return;
        }
        background.run(() -> parser.parse(text), result -> {
            pasted.set("");
            ConnectionTarget target = result.target();
            actions.connect(target, target.hosts().get(0).host());
        }, e -> pasteError.set(describe(e)));
    }

    /** Deletes the profile and its keychain entry. */
    public void deleteProfile(String name) {
        background.run(() -> {
            boolean existed = profiles().delete(name);
            String keychainNote = forgetInKeychain(name);
            return existed ? "Deleted profile '" + name + "'." + keychainNote
                    : "There was no profile named '" + name + "'.";
        }, done -> {
            notice.set(Notice.success(done));
            reload();
        }, e -> notice.set(Notice.danger("Could not delete '" + name + "': " + describe(e))));
    }

    /** Renames the profile, moving its keychain entry along. */
    public void renameProfile(String from, String to) {
        String newName = to == null ? "" : to.strip();
        if (newName.isEmpty() || newName.equals(from)) {
            return;
        }
        background.run(() -> {
            Profile renamed = profiles().rename(from, newName);
            SecretStore store = detection().store();
            try {
                store.rename(from, renamed.name());
                return "Renamed '" + from + "' to '" + renamed.name() + "'.";
            } catch (SecretStoreException e) {
                return "Renamed '" + from + "' to '" + renamed.name() + "', but its saved password could not be moved: "
                        + e.getMessage() + " PgPulse will ask for it.";
            }
        }, done -> {
            notice.set(Notice.success(done));
            reload();
        }, e -> notice.set(Notice.danger("Could not rename '" + from + "': " + describe(e))));
    }

    /** Removes the profile's password from the keychain; PgPulse asks for it from now on. */
    public void forgetPassword(String name) {
        background.run(() -> {
            Profile profile = profiles().find(name).orElseThrow(() -> noSuchProfile(name));
            String keychainNote = forgetInKeychain(name);
            if (profile.passwordStorage() == PasswordStorage.KEYCHAIN) {
                profiles().save(profile.withPasswordStorage(PasswordStorage.ASK_EVERY_SESSION));
            }
            return "PgPulse will ask for the password of '" + name + "' from now on." + keychainNote;
        }, done -> notice.set(Notice.success(done)),
                e -> notice.set(Notice.danger("Could not forget the password of '" + name + "': " + describe(e))));
    }

    /** "3 h ago", "yesterday", "never used": how long ago a profile was last connected to. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never used";
        }
        Duration d = Duration.between(then, now);
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        long days = seconds / 86_400;
        if (days == 1) {
            return "yesterday";
        }
        if (days < 60) {
            return days + " days ago";
        }
        if (days < 730) {
            return days / 30 + " months ago";
        }
        return days / 365 + " years ago";
    }

    private PasswordResolution resolve(String name) throws ProfileStoreException, ConnectionInputException {
        Profile profile = profiles().find(name).orElseThrow(() -> noSuchProfile(name));
        return new PasswordResolver(detection().store(), parser).resolve(profile);
    }

    private void ask(String name, PasswordResolution.PasswordNeeded needed) {
        passwordRequest.set(new PasswordRequest(name, needed.message(), needed.canRemember(), (typed, remember) -> {
            passwordRequest.set(null);
            if (typed.isEmpty()) {
                // Trust, peer or certificate authentication needs none; the server says if it does.
                connect(name, needed.target());
                return;
            }
            Secret secret = Secret.of(typed);
            if (remember) {
                remember(name, secret);
            }
            connect(name, needed.supply(secret).target());
        }, () -> passwordRequest.set(null)));
    }

    private void remember(String name, Secret secret) {
        background.run(() -> {
            detection().store().save(name, secret);
            Profile profile = profiles().find(name).orElseThrow(() -> noSuchProfile(name));
            profiles().save(profile.withPasswordStorage(PasswordStorage.KEYCHAIN), secret);
            return null;
        }, ok -> { }, e -> notice.set(Notice.warning("The password was not saved in the keychain: " + describe(e))));
    }

    private void connect(String name, ConnectionTarget target) {
        background.run(() -> profiles().markUsed(name, clock.instant()), used -> reload(),
                e -> log.debug("Could not record the use of profile '{}': {}", name, unwrap(e).getMessage()));
        actions.connect(target, name);
    }

    private String forgetInKeychain(String name) {
        try {
            detection().store().delete(name);
            return "";
        } catch (SecretStoreException e) {
            return " Its keychain entry could not be removed: " + e.getMessage();
        }
    }

    private SecretStores.Detection detection() {
        try {
            return keychain.get(KEYCHAIN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SecretStores.Detection(AskEverySession.INSTANCE, new SecretStore.Unavailable("interrupted"));
        } catch (ExecutionException | TimeoutException e) {
            return new SecretStores.Detection(AskEverySession.INSTANCE,
                    new SecretStore.Unavailable("the keychain did not answer"));
        }
    }

    private static String backendName(SecretStores.Detection detection) {
        return detection.keychain() instanceof SecretStore.Available available ? available.backendName() : "keychain";
    }

    private static Supplier<ProfileStore> present(ProfileStore store) {
        Objects.requireNonNull(store, "profiles");
        return () -> store;
    }

    /** The profile store, made by whichever thread asks first. */
    private ProfileStore profiles() {
        synchronized (profilesLock) {
            if (profileStore == null) {
                profileStore = makeProfiles.get();
            }
            return profileStore;
        }
    }

    private static ProfileStoreException noSuchProfile(String name) {
        return new ProfileStoreException("There is no saved profile named '" + name + "'.");
    }

    private static String describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ConnectionInputException || e instanceof ProfileStoreException
                || e instanceof SecretStoreException) {
            return e.getMessage();
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            return Redactor.redact(e.getMessage());
        }
        log.warn("Unexpected failure on the welcome screen: {}", e.getClass().getName());
        return "unexpected " + e.getClass().getSimpleName() + ".";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
