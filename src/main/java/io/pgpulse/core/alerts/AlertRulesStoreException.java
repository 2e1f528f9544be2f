package io.pgpulse.core.alerts;

/** The alert thresholds could not be saved; the message is worded for the user and names the file. */
public final class AlertRulesStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public AlertRulesStoreException(String message) {
        super(message);
    }

    public AlertRulesStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
