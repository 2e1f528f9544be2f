/**
 * Alerts: thresholds on the figures an on-call engineer is paged for, and an engine that turns a
 * stream of snapshots into raised, escalated and cleared events.
 *
 * <p>Unlike the analyzers, the engine keeps state: an alert stays raised until its value falls
 * below the clear threshold, so a figure that hovers around a threshold produces one event, not
 * one per poll. Values are measured against {@link io.pgpulse.core.sampling.Snapshot#takenAt()},
 * the server's clock, like everything in {@code core.analysis}.
 */
package io.pgpulse.core.alerts;
