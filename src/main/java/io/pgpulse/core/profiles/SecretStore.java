package io.pgpulse.core.profiles;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.connection.input.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Where profile passwords are kept, keyed by profile name. Sealed because the list of places is a
 * security decision: the OS keychain, or nowhere. A file-based store must not be added quietly.
 *
 * <p>Every method may block (the keychain can take seconds or hang on a locked session), so none
 * may be called on the FX thread; {@link OsKeychain} bounds each call with a timeout.
 */
@CoreService
public sealed interface SecretStore permits OsKeychain, AskEverySession {

    /** Whether the store can be used now, and if not, why. */
    sealed interface Availability permits Available, Unavailable {
    }

    /** @param backendName for the user, e.g. "macOS Keychain" */
    record Available(String backendName) implements Availability {

        public Available {
            Objects.requireNonNull(backendName, "backendName");
        }
    }

    /** @param reason for the user, e.g. "the keychain did not answer within 3 s" */
    record Unavailable(String reason) implements Availability {

        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    Availability probe();

    Optional<Secret> load(String profileName) throws SecretStoreException;

    void save(String profileName, Secret password) throws SecretStoreException;

    /** Does nothing if there is no entry. */
    void delete(String profileName) throws SecretStoreException;

    /** Moves the entry along with a renamed profile; does nothing if there is none. */
    default void rename(String from, String to) throws SecretStoreException {
        Optional<Secret> password = load(from);
        if (password.isPresent()) {
            save(to, password.get());
            delete(from);
        }
    }
}
