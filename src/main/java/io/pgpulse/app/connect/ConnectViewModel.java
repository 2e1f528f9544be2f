package io.pgpulse.app.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import io.pgpulse.app.context.ConnectActions;
import io.pgpulse.app.kit.Background;
import io.pgpulse.core.capability.Advice;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.capability.CapabilityProbe;
import io.pgpulse.core.capability.ProbeResult;
import io.pgpulse.core.capability.UnsupportedServer;
import io.pgpulse.core.connection.ConnectProblem;
import io.pgpulse.core.connection.MonitorConnectException;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.ParseResult;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.connection.input.Redactor;
import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.connection.input.SslMode;
import io.pgpulse.core.profiles.AskEverySession;
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
 * The connection dialog's state: the input in one of three forms, what it resolves to (checked as
 * the user types), a cancellable "Test connection" with the capability probe's findings, saving
 * as a profile, and connecting.
 *
 * <p>Parsing reads {@code .pgpass} and the service file, testing opens sessions, saving writes a
 * file and the keychain: all of it runs on the {@link Background}, and results are applied on the
 * UI thread only if the input has not changed in the meantime. Nothing here logs or shows a
 * password; messages come from the parser and the connection layer, which redact them.
 */
public final class ConnectViewModel {
    /** How the user describes the server. */
    public enum Mode { FIELDS, CONNECTION_STRING, SERVICE }

    /** Parsing reads files, so it waits until typing pauses this long. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(ConnectViewModel.class);
    /** The keychain probe has its own, shorter timeout; this only guards against a lost future. */
    private static final long KEYCHAIN_WAIT_SECONDS = 10;

    private final Background background;
    private final ConnectActions actions;
    private final ConnectionInputParser parser;
    private final ProfileStore profiles;
    private final CompletableFuture<SecretStores.Detection> keychain;
    private final MonitorSettings settings;
    private final Duration debounce;
    private final Executor afterDebounce;
    private Runnable onProfileSaved = () -> { };

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.FIELDS);
    private final StringProperty connectionString = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty database = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty serviceName = new SimpleStringProperty("");
    private final ObjectProperty<SslMode> sslMode = new SimpleObjectProperty<>();
    private final StringProperty sslRootCert = new SimpleStringProperty("");
    private final StringProperty profileName = new SimpleStringProperty("");

    private final ReadOnlyObjectWrapper<Validation> validation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper usable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<TestState> test = new ReadOnlyObjectWrapper<>(new TestState.Idle());
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Notice> saveNotice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper passwordStorage = new ReadOnlyStringWrapper("Checking for a keychain …");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper();

    private long generation;
    private long parseStarted = -1;
    private boolean pending;
    private ParseResult parsed;
    private final List<Consumer<ParseResult>> waitingForParse = new ArrayList<>();
    private Attempt attempt;
    private String savedProfile;

    /**
     * @param keychain where typed passwords of saved profiles go; probed once per session
     * @param debounce {@link #DEFAULT_DEBOUNCE}, or zero in tests to parse on every change
     */
    public ConnectViewModel(Background background, ConnectActions actions, ConnectionInputParser parser,
            ProfileStore profiles, CompletableFuture<SecretStores.Detection> keychain, MonitorSettings settings,
            Duration debounce) {
        this.background = Objects.requireNonNull(background, "background");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.keychain = Objects.requireNonNull(keychain, "keychain");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.afterDebounce = CompletableFuture.delayedExecutor(debounce.toMillis(), TimeUnit.MILLISECONDS,
                background.ui()::execute);
        for (ObservableValue<?> input : List.of(mode, connectionString, host, port, database, user, password,
                serviceName, sslMode, sslRootCert)) {
            input.addListener((obs, old, now) -> inputChanged());
        }
        validation.addListener((obs, old, now) -> usable.set(now instanceof Validation.Valid));
        test.addListener((obs, old, now) -> testing.set(now instanceof TestState.Running));
        keychain.whenComplete((detection, error) -> background.ui().execute(() -> passwordStorage.set(
                error != null || detection == null ? "No keychain answered: PgPulse will ask for passwords every "
                        + "session. Passwords are never written to a file."
                        : detection.explanation() + " Passwords are never written to a file.")));
        inputChanged();
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** A {@code postgresql://} URI or a libpq {@code key=value} string. */
    public StringProperty connectionStringProperty() {
        return connectionString;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** In the connection-string form it is used only when the string carries no password. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty serviceNameProperty() {
        return serviceName;
    }

    /** {@code null} leaves it to the service entry, {@code PGSSLMODE} or libpq's default. */
    public ObjectProperty<SslMode> sslModeProperty() {
        return sslMode;
    }

    public StringProperty sslRootCertProperty() {
        return sslRootCert;
    }

    public StringProperty profileNameProperty() {
        return profileName;
    }

    public ReadOnlyObjectProperty<Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** Whether the input resolves, so that Test, Save and Connect make sense. */
    public ReadOnlyBooleanProperty usableProperty() {
        return usable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TestState> testProperty() {
        return test.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> saveNoticeProperty() {
        return saveNotice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Where a saved profile's password would go this session, in one sentence. */
    public ReadOnlyStringProperty passwordStorageProperty() {
        return passwordStorage.getReadOnlyProperty();
    }

    /** Becomes true when the dialog has handed the target to the app and should close. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** Called on the UI thread after each successful save, e.g. to refresh a list of profiles. */
    public void setOnProfileSaved(Runnable onProfileSaved) {
        this.onProfileSaved = Objects.requireNonNull(onProfileSaved, "onProfileSaved");
    }

    /** Starts in the connection-string form with {@code text}, e.g. a URL pasted elsewhere. */
    public void prefill(String text) {
        connectionString.set(text == null ? "" : text);
        mode.set(Mode.CONNECTION_STRING);
    }

    /** One click to the recommended TLS mode, which checks the certificate and the host name. */
    public void useVerifyFull() {
        sslMode.set(SslMode.VERIFY_FULL);
    }

    /** Connects, captures what PgPulse can do there, and disconnects; cancellable. */
    public void testConnection() {
        whenParsed(this::startTest);
    }

    /** Abandons a running test at once; its connection, if it got one, is closed in the background. */
    public void cancelTest() {
        if (attempt != null) {
            abandonAttempt();
            test.set(new TestState.Cancelled());
        }
    }

    /**
     * Saves the input as a profile named {@link #profileNameProperty()}. A typed password goes to
     * the keychain when there is one; otherwise the profile asks every session. It never reaches
     * the profile file.
     */
    public void saveProfile() {
        String name = profileName.get() == null ? "" : profileName.get().strip();
        if (name.isEmpty()) {
            saveNotice.set(Notice.danger("Give the profile a name, e.g. shop-staging."));
            return;
        }
        whenParsed(result -> {
            long savedGeneration = generation;
            saving.set(true);
            saveNotice.set(null);
            background.run(() -> save(name, result), saved -> {
                saving.set(false);
                if (savedGeneration == generation) {
                    savedProfile = saved.name();
                }
                saveNotice.set(saved.notice());
                onProfileSaved.run();
            }, error -> {
                saving.set(false);
                saveNotice.set(Notice.danger(describeSaveFailure(error)));
            });
        });
    }

    /** Hands the target to the app, named after the profile if this input was just saved as one. */
    public void connect() {
        whenParsed(result -> {
            abandonAttempt();
            ConnectionTarget target = result.target();
            String label = savedProfile != null ? savedProfile : target.hosts().get(0).host();
            if (savedProfile != null) {
                markUsed(savedProfile);
            }
            // The dialog stays open until the connection is up: if it fails, what was typed is
            // still there, with the reason in place of a test result.
            test.set(new TestState.Running("Connecting to " + target.displayName() + " …"));
            actions.connect(target, label, () -> finished.set(true),
                    why -> test.set(new TestState.Failed("Could not connect", why)));
        });
    }

    /** The dialog is closing: a running test is abandoned. */
    public void dispose() {
        abandonAttempt();
    }

    /** The running test's background work, for tests that check it really ends. */
    CompletableFuture<TestState> runningAttempt() {
        return attempt == null ? CompletableFuture.completedFuture(test.get()) : attempt.work;
    }

    private void inputChanged() {
        generation++;
        long current = generation;
        savedProfile = null;
        waitingForParse.clear();
        if (attempt != null || !(test.get() instanceof TestState.Idle)) {
            abandonAttempt();
            test.set(new TestState.Idle());
        }
        Input input = snapshot();
        Optional<String> emptyHint = input.emptyHint();
        if (emptyHint.isPresent()) {
            pending = false;
            parsed = null;
            validation.set(new Validation.Empty(emptyHint.get()));
            return;
        }
        pending = true;
        if (debounce.isZero()) {
            parse(current, input);
        } else {
            afterDebounce.execute(() -> {
                if (current == generation && parseStarted != current) {
                    parse(current, input);
                }
            });
        }
    }

    private void parse(long current, Input input) {
        parseStarted = current;
        background.run(() -> input.resolve(parser), result -> {
            if (current != generation) {
                return;
            }
            pending = false;
            parsed = result;
            validation.set(describe(result, input.mode()));
            List<Consumer<ParseResult>> waiting = List.copyOf(waitingForParse);
            waitingForParse.clear();
            waiting.forEach(action -> action.accept(result));
        }, error -> {
            if (current != generation) {
                return;
            }
            pending = false;
            parsed = null;
            waitingForParse.clear();
            validation.set(new Validation.Invalid(describeInputProblem(error)));
        });
    }

    /** Runs {@code action} with the parsed input now, or once typing has been parsed; never on bad input. */
    private void whenParsed(Consumer<ParseResult> action) {
        if (!pending) {
            if (parsed != null) {
                action.accept(parsed);
            }
            return;
        }
        waitingForParse.add(action);
        if (parseStarted != generation) {
            parse(generation, snapshot());
        }
    }

    private Input snapshot() {
        String typedPassword = password.get() == null ? "" : password.get();
        Secret secret = typedPassword.isEmpty() ? null : Secret.of(typedPassword);
        return new Input(mode.get(), text(connectionString), text(host), text(port), text(database), text(user),
                secret, text(serviceName), sslMode.get(), text(sslRootCert));
    }

    private static String text(StringProperty property) {
        return property.get() == null ? "" : property.get().strip();
    }

    /** What was typed, copied on the UI thread so that the background only sees immutable values. */
    private record Input(Mode mode, String connectionString, String host, String port, String database, String user,
            Secret password, String serviceName, SslMode sslMode, String sslRootCert) {

        Optional<String> emptyHint() {
            return switch (mode) {
                case CONNECTION_STRING -> connectionString.isEmpty()
                        ? Optional.of("Paste a postgresql:// URL or key=value settings such as host=db dbname=shop.")
                        : Optional.empty();
                case SERVICE -> serviceName.isEmpty()
                        ? Optional.of("Enter the name of an entry in pg_service.conf.") : Optional.empty();
                case FIELDS -> host.isEmpty() && port.isEmpty() && database.isEmpty() && user.isEmpty()
                        && password == null ? Optional.of("Enter the server's host, database and user.")
                        : Optional.empty();
            };
        }

        ParseResult resolve(ConnectionInputParser parser) throws ConnectionInputException {
            if (mode == Mode.CONNECTION_STRING) {
                ParseResult result = parser.parse(connectionString);
                if (password != null && result.target().passwordSource() == PasswordSource.NONE) {
                    return new ParseResult(result.target().withPassword(password, PasswordSource.PROMPT),
                            result.warnings());
                }
                return result;
            }
            boolean service = mode == Mode.SERVICE;
            return parser.fromFields(new ConnectionInputParser.Fields(service ? null : host, service ? null : port,
                    service ? null : database, service ? null : user, password, sslMode, sslRootCert,
                    service ? serviceName : null));
        }
    }

    private static Validation describe(ParseResult result, Mode mode) {
        ConnectionTarget target = result.target();
        StringBuilder details = new StringBuilder("TLS ").append(target.sslMode().libpqName());
        if (target.sslRootCert() != null) {
            details.append(" with root certificate ").append(target.sslRootCert().getFileName());
        }
        details.append(" · ").append(passwordOrigin(target.passwordSource(), mode));
        if (target.serviceName() != null) {
            details.append(" · service ").append(target.serviceName());
        }
        return new Validation.Valid(target.displayName(), details.toString(), result.warnings(),
                target.sslMode() != SslMode.VERIFY_FULL);
    }

    private static String passwordOrigin(PasswordSource source, Mode mode) {
        return switch (source) {
            case INPUT -> mode == Mode.CONNECTION_STRING ? "password from the connection string" : "password as typed";
            case PROMPT -> "password as typed";
            case ENVIRONMENT, PGPASS, SERVICE_FILE, KEYCHAIN -> "password from " + sourceName(source);
            case NONE -> "no password (fine if the server does not ask for one)";
        };
    }

    private static String sourceName(PasswordSource source) {
        return switch (source) {
            case ENVIRONMENT -> "PGPASSWORD";
            case PGPASS -> "the password file (.pgpass)";
            case SERVICE_FILE -> "the service file";
            case KEYCHAIN -> "the keychain";
            case INPUT, PROMPT -> "the input";
            case NONE -> "nowhere";
        };
    }

    private static String describeInputProblem(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ConnectionInputException) {
            return e.getMessage();
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            return Redactor.redact(e.getMessage());
        }
        log.warn("Unexpected failure while reading connection input: {}", e.getClass().getName());
        return "The input could not be read (" + e.getClass().getSimpleName() + ").";
    }

    private void startTest(ParseResult result) {
        abandonAttempt();
        ConnectionTarget target = result.target();
        Attempt started = new Attempt();
        attempt = started;
        test.set(new TestState.Running("Connecting to " + target.displayName() + " …"));
        started.work = background.run(() -> started.run(() -> probe(target, started)), outcome -> {
            if (attempt == started) {
                attempt = null;
                test.set(outcome);
            }
        }, error -> {
            if (attempt == started) {
                attempt = null;
                test.set(new TestState.Failed("Connection test failed", describeUnexpected(error)));
            }
        });
    }

    private TestState probe(ConnectionTarget target, Attempt owner) {
        MonitorConnection connection;
        try {
            connection = MonitorConnection.open(target, settings);
        } catch (MonitorConnectException e) {
            return owner.isCancelled() ? new TestState.Cancelled() : new TestState.Failed(title(e.problem()), e.explanation());
        }
        if (!owner.adopt(connection)) {
            connection.close();
            return new TestState.Cancelled();
        }
        try (Connection session = connection.borrow()) {
            return probed(CapabilityProbe.probe(session));
        } catch (SQLException e) {
            return new TestState.Failed("Connected, but the capability check failed",
                    Redactor.redact(String.valueOf(e.getMessage())));
        } finally {
            owner.release();
            connection.close();
        }
    }

    private static TestState probed(ProbeResult result) {
        if (result instanceof Capabilities caps) {
            List<ProbeFinding> findings = caps.findings().stream().map(ConnectViewModel::finding).toList();
            return new TestState.Probed("PostgreSQL " + caps.version() + " · role " + caps.role() + " · database "
                    + caps.database(), true, findings);
        }
        UnsupportedServer old = (UnsupportedServer) result;
        return new TestState.Probed("PostgreSQL " + old.version() + " — not supported", false, List.of(finding(old)));
    }

    private static ProbeFinding finding(Advice advice) {
        return new ProbeFinding(advice.ok(), advice.explanation(), advice.fix());
    }

    private static String title(ConnectProblem problem) {
        return switch (problem) {
            case AUTHENTICATION_FAILED -> "The server refused the login";
            case NOT_ALLOWED -> "The server does not let this user in";
            case DATABASE_NOT_FOUND -> "No such database";
            case TOO_MANY_CONNECTIONS -> "The server has no free connection slot";
            case UNREACHABLE -> "Server unreachable";
            case TIMED_OUT -> "The server did not answer";
            case SSL_FAILED -> "TLS failed";
            case SERVER_NOT_READY -> "The server is not ready";
            case OTHER -> "Connection failed";
        };
    }

    private void abandonAttempt() {
        Attempt abandoned = attempt;
        attempt = null;
        if (abandoned == null) {
            return;
        }
        AutoCloseable open = abandoned.cancel();
        if (open != null) {
            background.run(() -> {
                open.close();
                return null;
            }, ok -> { }, e -> log.debug("Closing an abandoned test connection failed: {}", e.getClass().getName()));
        }
    }

    private record Saved(String name, Notice notice) {
    }

    private Saved save(String name, ParseResult result) throws ProfileStoreException {
        Profile.Draft draft = Profile.fromParsed(name, result);
        Profile profile = draft.profile();
        boolean replaced = profiles.find(profile.name()).isPresent();
        Optional<Secret> typed = draft.password();
        String passwordNote;
        Notice.Tone tone = Notice.Tone.SUCCESS;
        if (typed.isPresent()) {
            SecretStores.Detection detection = detection();
            if (detection.remembersPasswords()) {
                try {
                    detection.store().save(profile.name(), typed.get());
                    passwordNote = "Its password is in the " + backendName(detection) + ".";
                } catch (SecretStoreException e) {
                    profile = profile.withPasswordStorage(PasswordStorage.ASK_EVERY_SESSION);
                    passwordNote = e.getMessage() + " PgPulse will ask for the password every session.";
                    tone = Notice.Tone.WARNING;
                }
            } else {
                profile = profile.withPasswordStorage(PasswordStorage.ASK_EVERY_SESSION);
                passwordNote = "No keychain is available, so PgPulse will ask for its password every session;"
                        + " it is never written to a file.";
            }
        } else if (profile.passwordStorage() == PasswordStorage.PGPASS_OR_ENV) {
            passwordNote = "Its password will come from " + sourceName(result.target().passwordSource())
                    + ", as it does now.";
        } else {
            passwordNote = "PgPulse will ask for its password when it connects, if the server wants one.";
        }
        profiles.save(profile, typed.orElse(null));
        StringBuilder text = new StringBuilder(replaced ? "Replaced" : "Saved").append(" profile '")
                .append(profile.name()).append("'. ").append(passwordNote);
        for (String warning : draft.warnings()) {
            if (!result.warnings().contains(warning)) {
                text.append(' ').append(warning);
                tone = Notice.Tone.WARNING;
            }
        }
        return new Saved(profile.name(), new Notice(tone, text.toString()));
    }

    private SecretStores.Detection detection() {
        try {
            return keychain.get(KEYCHAIN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("saving was interrupted");
        } catch (TimeoutException | ExecutionException e) {
            return unavailable("the keychain did not answer");
        }
    }

    private static SecretStores.Detection unavailable(String reason) {
        return new SecretStores.Detection(AskEverySession.INSTANCE, new SecretStore.Unavailable(reason));
    }

    private static String backendName(SecretStores.Detection detection) {
        return detection.keychain() instanceof SecretStore.Available available ? available.backendName() : "keychain";
    }

    private static String describeSaveFailure(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ProfileStoreException || e instanceof IllegalArgumentException) {
            return "Not saved: " + Redactor.redact(e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            // The store's leak guard refused to write: the password would have ended up in the file.
            return "Not saved: the profile would have contained the password.";
        }
        log.warn("Saving a profile failed: {}", e.getClass().getName());
        return "Not saved (" + e.getClass().getSimpleName() + ").";
    }

    private void markUsed(String name) {
        background.run(() -> profiles.markUsed(name, Instant.now()), ok -> { },
                e -> log.debug("Could not record the use of profile '{}': {}", name, unwrap(e).getMessage()));
    }

    private static String describeUnexpected(Throwable error) {
        Throwable e = unwrap(error);
        return Redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException
                || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * One test connection. Cancelling interrupts the worker (pgjdbc gives up waiting for the login
     * when interrupted) and hands back the connection if one was already open, so that the caller
     * closes it; the worker's own result is then ignored.
     */
    private static final class Attempt {
        CompletableFuture<TestState> work;
        private Thread worker;
        private AutoCloseable connection;
        private boolean cancelled;
        private boolean done;

        TestState run(Supplier<TestState> body) {
            synchronized (this) {
                if (cancelled) {
                    return new TestState.Cancelled();
                }
                worker = Thread.currentThread();
            }
            try {
                return body.get();
            } finally {
                synchronized (this) {
                    worker = null;
                    done = true;
                    // The thread goes back to a shared pool: it must not carry our interrupt along.
                    Thread.interrupted();
                }
            }
        }

        synchronized boolean isCancelled() {
            return cancelled;
        }

        /** @return false if the attempt was cancelled, in which case the caller closes the connection */
        synchronized boolean adopt(AutoCloseable open) {
            if (cancelled) {
                return false;
            }
            connection = open;
            return true;
        }

        synchronized void release() {
            connection = null;
        }

        /** @return the connection to close, if one is open */
        synchronized AutoCloseable cancel() {
            cancelled = true;
            if (worker != null && !done) {
                worker.interrupt();
            }
            AutoCloseable open = connection;
            connection = null;
            return open;
        }
    }
}
