/**
 * The demo: a throw-away PostgreSQL with a small shop schema ({@link io.pgpulse.demo.DemoEnvironment})
 * and a load generator ({@link io.pgpulse.demo.Workload}) that reproduces, one switch per
 * {@link io.pgpulse.demo.Scenario}, the production incidents PgPulse is built to diagnose.
 *
 * <p>No JavaFX here: the app's Demo panel binds to this package through a view-model, and the
 * scenarios are exercised by tests against a real server.
 */
package io.pgpulse.demo;
