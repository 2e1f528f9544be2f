package io.pgpulse.app.activity;

/** The result of a signal for one session, as the page reports it. */
public record ActionOutcome(int pid, boolean sent, String message) {
}
