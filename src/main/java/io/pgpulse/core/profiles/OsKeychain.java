package io.pgpulse.core.profiles;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.connection.input.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profile passwords in the OS keychain, fail-closed: when no secure store is usable the keychain
 * is {@link SecretStore.Unavailable}, never silently replaced by a weaker one.
 *
 * <p>libsecret and GNOME Keyring can block indefinitely on a headless or locked session (waiting
 * for an unlock prompt that cannot appear), and so can the library's own class initialisation.
 * So every call runs on one daemon thread owned by this instance and the caller waits at most the
 * timeout: a hung keychain costs one parked thread, never a frozen caller or a JVM that cannot
 * exit. Calls that queue behind a hung one time out too and are cancelled, so a save the caller
 * was told had failed does not happen later.
 *
 * <p>Passwords never reach a log line or a message, and neither do the keychain library's
 * exception messages, which can quote the output of the OS tools it runs.
 */
@CoreService
public final class OsKeychain implements SecretStore {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Entries are named like this in the keychain, so the user can find and remove them there. */
    static final String KEY_PREFIX = "PgPulse/";

    private static final Logger LOG = LoggerFactory.getLogger(OsKeychain.class);

    private final KeychainBackend backend;
    private final Duration timeout;
    private final ExecutorService executor;

    OsKeychain(KeychainBackend backend, Duration timeout) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        // At most one thread, created on demand and ended when idle, so an instance that is merely
        // dropped leaves nothing behind.
        this.executor = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "pgpulse-keychain");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The OS keychain, each call waiting at most {@code timeout}. */
    public static OsKeychain system(Duration timeout) {
        return new OsKeychain(new CredentialStorageBackend(), timeout);
    }

    /** Returns within the timeout (plus scheduling slack) whatever the keychain does. */
    @Override
    public Availability probe() {
        try {
            return call(backend::open, "opening the keychain");
        } catch (Timeout e) {
            return new Unavailable("the keychain did not answer within " + format(timeout));
        } catch (Failure e) {
            return new Unavailable("the keychain could not be opened (" + e.getMessage() + ")");
        }
    }

    @Override
    public Optional<Secret> load(String profileName) throws SecretStoreException {
        String name = Profile.checkName(profileName);
        return guarded(() -> backend.read(key(name)), "reading the password of profile '" + name + "'");
    }

    @Override
    public void save(String profileName, Secret password) throws SecretStoreException {
        String name = Profile.checkName(profileName);
        Objects.requireNonNull(password, "password");
        String action = "storing the password of profile '" + name + "'";
        if (!guarded(() -> backend.write(key(name), name, password), action)) {
            throw new SecretStoreException("The keychain refused " + action + ".");
        }
    }

    @Override
    public void delete(String profileName) throws SecretStoreException {
        String name = Profile.checkName(profileName);
        if (!guarded(() -> backend.remove(key(name)), "deleting the password of profile '" + name + "'")) {
            LOG.debug("The keychain had no password for profile '{}'", name);
        }
    }

    @Override
    public String toString() {
        return "OsKeychain[timeout=" + format(timeout) + "]";
    }

    static String key(String profileName) {
        return KEY_PREFIX + profileName;
    }

    private <T> T guarded(Callable<T> task, String action) throws SecretStoreException {
        try {
            return call(task, action);
        } catch (Timeout e) {
            throw new SecretStoreException("The keychain did not answer within " + format(timeout) + " while "
                    + action + ".");
        } catch (Failure e) {
            throw new SecretStoreException("The keychain failed while " + action + " (" + e.getMessage() + ").");
        }
    }

    private <T> T call(Callable<T> task, String action) throws Timeout, Failure {
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new Failure("it is shut down");
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("The keychain did not answer within {} while {}", format(timeout), action);
            throw new Timeout();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        } catch (ExecutionException e) {
            // Only the type: the message may hold what an OS tool printed, password included.
            String type = e.getCause().getClass().getSimpleName();
            LOG.warn("The keychain failed while {}: {}", action, type);
            throw new Failure(type);
        }
    }

    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Internal signals; never leave this class. */
    private static final class Timeout extends Exception {

        private static final long serialVersionUID = 1L;

        Timeout() {
            super(null, null, false, false);
        }
    }

    private static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        Failure(String type) {
            super(type, null, false, false);
        }
    }
}
