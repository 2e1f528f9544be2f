package io.pgpulse.core.alerts;

import java.time.Instant;

import io.pgpulse.core.analysis.Severity;

/**
 * An alert that is raised now.
 *
 * @param since   when it was raised
 * @param value   the latest measured value
 * @param summary the latest measurement in words
 */
public record ActiveAlert(AlertKind kind, Severity severity, Instant since, double value, String summary) {
}
