package io.pgpulse.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), "development" when run from classes. */
public final class Version implements IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"PgPulse " + current(), "Java " + System.getProperty("java.version")};
    }
}
