package io.pgpulse.app.activity;

/**
 * The migration-stall diagnosis in plain words, with the two ways out.
 *
 * @param nextTime    the prevention in one line; {@code nextTimeDetail} has the full advice
 * @param blockerIdle the blocker is idle in transaction: cancelling it does nothing
 * @param more        further stalled statements beyond this one
 */
public record StallCallout(
        String headline,
        String what,
        String now,
        String nextTime,
        String nextTimeDetail,
        int ddlPid,
        int blockerPid,
        boolean blockerIdle,
        int more) {
}
