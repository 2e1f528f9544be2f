package io.pgpulse.core.profiles;

import com.microsoft.credentialstorage.StorageProvider;
import com.microsoft.credentialstorage.model.StoredCredential;
import io.pgpulse.core.connection.input.Secret;
import java.util.Arrays;
import java.util.Optional;

/**
 * The keychain through Microsoft's credential-secure-storage: Windows Credential Manager, the
 * macOS Keychain, or libsecret / GNOME Keyring on Linux.
 */
final class CredentialStorageBackend implements KeychainBackend {

    static final String NO_SECURE_STORE = "no secure credential store is usable here (PgPulse needs the macOS "
            + "Keychain, the Windows Credential Manager, or on Linux libsecret with an unlocked login keyring)";

    private volatile com.microsoft.credentialstorage.SecretStore<StoredCredential> store;

    @Override
    public SecretStore.Availability open() {
        // REQUIRED makes the library return null instead of an in-memory or plaintext store.
        com.microsoft.credentialstorage.SecretStore<StoredCredential> found =
                StorageProvider.getCredentialStorage(true, StorageProvider.SecureOption.REQUIRED);
        if (found == null) {
            return new SecretStore.Unavailable(NO_SECURE_STORE);
        }
        store = found;
        return new SecretStore.Available(nameOf(found));
    }

    @Override
    public Optional<Secret> read(String key) {
        StoredCredential credential = store().get(key);
        if (credential == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Secret.of(credential.getPassword()));
        } finally {
            credential.clear();
        }
    }

    @Override
    public boolean write(String key, String account, Secret password) {
        char[] chars = password.reveal().toCharArray();
        StoredCredential credential = new StoredCredential(account, chars);
        try {
            return store().add(key, credential);
        } finally {
            credential.clear();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public boolean remove(String key) {
        return store().delete(key);
    }

    private com.microsoft.credentialstorage.SecretStore<StoredCredential> store() {
        if (store == null && open() instanceof SecretStore.Unavailable unavailable) {
            throw new IllegalStateException(unavailable.reason());
        }
        return store;
    }

    private static String nameOf(Object store) {
        String type = store.getClass().getSimpleName();
        if (type.startsWith("LibSecret")) {
            return "Secret Service (libsecret)";
        }
        if (type.startsWith("GnomeKeyring")) {
            return "GNOME Keyring";
        }
        if (type.startsWith("Keychain")) {
            return "macOS Keychain";
        }
        if (type.startsWith("CredManager")) {
            return "Windows Credential Manager";
        }
        return type;
    }
}
