package io.pgpulse.core.profiles;

/**
 * The keychain failed or did not answer. The message is meant for the user as is and never holds
 * a secret. There is deliberately no cause: keychain libraries put the output of the tools they
 * call into their messages (the macOS {@code security} tool prints the password it found).
 */
public final class SecretStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public SecretStoreException(String message) {
        super(message);
    }
}
