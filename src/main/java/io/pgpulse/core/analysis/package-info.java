/**
 * Analyzers: pure functions from snapshots and statement windows to figures and {@link
 * io.pgpulse.core.analysis.Finding}s. Nothing here does I/O or keeps state, so the app's views,
 * the CLI report and the tests all see the same answers for the same input.
 *
 * <p>Ages are measured against {@link io.pgpulse.core.sampling.Snapshot#takenAt()}, the server's
 * clock, because the timestamps in pg_stat_activity and pg_locks come from that clock too; the
 * desktop's clock may be minutes off.
 */
package io.pgpulse.core.analysis;
