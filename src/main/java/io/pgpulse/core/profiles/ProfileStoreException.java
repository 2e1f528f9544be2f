package io.pgpulse.core.profiles;

/**
 * The profiles file could not be read or written, or a change was refused (an unknown name, a
 * name already taken). The message is meant for the user as is.
 */
public final class ProfileStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProfileStoreException(String message) {
        super(message);
    }

    public ProfileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
