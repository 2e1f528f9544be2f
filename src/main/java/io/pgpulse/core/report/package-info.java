/**
 * The {@code pgpulse report} output: one {@link io.pgpulse.core.report.Report} model built from a
 * run's snapshots by the same analyzers the app uses, rendered as JSON (a stable, documented
 * contract: docs/report-json.md) or as Markdown for an incident channel.
 */
package io.pgpulse.core.report;
