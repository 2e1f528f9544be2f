package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.Secret;
import java.util.Optional;

/**
 * The OS keychain as {@link OsKeychain} needs it. Every method may block for as long as the OS
 * likes — a locked GNOME keyring waits for an unlock prompt nobody can see — which is why
 * {@link OsKeychain} only ever calls it from its own thread, with a timeout.
 */
interface KeychainBackend {

    /** Finds a secure store; never falls back to an insecure one. */
    SecretStore.Availability open();

    Optional<Secret> read(String key);

    /** @return whether the keychain accepted it */
    boolean write(String key, String account, Secret password);

    /** @return whether there was an entry to delete */
    boolean remove(String key);
}
