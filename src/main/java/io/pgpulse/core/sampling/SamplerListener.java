package io.pgpulse.core.sampling;

/**
 * Receives the sampler's output on the sampler's poll thread: implementations hand work to their
 * own thread (the app to the FX thread) and must return quickly.
 */
public interface SamplerListener {
    void onSnapshot(Snapshot snapshot);

    default void onStatus(SamplerStatus status) {
    }
}
