package io.pgpulse.demo;

/**
 * The demo cannot run its own server here. The message says why and how to use PgPulse with a real
 * server instead; it never carries a password.
 */
public final class DemoUnavailableException extends Exception {
    public DemoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
