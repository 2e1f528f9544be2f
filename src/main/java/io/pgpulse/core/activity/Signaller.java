package io.pgpulse.core.activity;

import java.util.List;

/** Sends a cancel or terminate to sessions, one result per target in the order given. Blocking I/O. */
@FunctionalInterface
public interface Signaller {
    List<SignalResult> send(Signal signal, List<SessionRef> targets);
}
