package io.pgpulse.core.capability;

/** What the capability probe found: a server PgPulse can monitor, or one it cannot. */
public sealed interface ProbeResult permits Capabilities, UnsupportedServer {
    int versionNum();

    String version();
}
