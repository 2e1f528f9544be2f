package io.pgpulse.demo;

/** Where a scenario is in its life; {@link #STOPPING} lasts until its threads and sessions are gone. */
public enum ScenarioState {
    OFF, RUNNING, STOPPING
}
