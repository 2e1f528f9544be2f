package io.pgpulse.core.profiles;

import io.pgpulse.core.connection.input.Secret;
import java.util.Optional;

/**
 * The fallback when there is no usable keychain: nothing is stored, so the user is asked for the
 * password whenever PgPulse connects. Saving is accepted and ignored so that callers need no
 * special case; {@link SecretStores.Detection#remembersPasswords()} tells the UI not to offer it.
 */
public final class AskEverySession implements SecretStore {

    public static final AskEverySession INSTANCE = new AskEverySession();

    private AskEverySession() {
    }

    @Override
    public Availability probe() {
        return new Available("none (PgPulse asks for passwords every session)");
    }

    @Override
    public Optional<Secret> load(String profileName) {
        return Optional.empty();
    }

    @Override
    public void save(String profileName, Secret password) {
        // Deliberately nothing: there is no place to keep it that is not a plaintext file.
    }

    @Override
    public void delete(String profileName) {
        // Nothing was stored.
    }

    @Override
    public String toString() {
        return "AskEverySession";
    }
}
