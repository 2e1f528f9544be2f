package io.pgpulse.core.capability;

/** The supported range of PostgreSQL, decided once (see docs/decisions/0001-minimum-postgresql-version.md). */
public final class ServerVersions {
    public static final int OLDEST_SUPPORTED_MAJOR = 14;
    public static final int NEWEST_TESTED_MAJOR = 18;
    public static final int OLDEST_SUPPORTED_VERSION_NUM = OLDEST_SUPPORTED_MAJOR * 10000;

    private ServerVersions() {}

    public static boolean isSupported(int versionNum) {
        return versionNum >= OLDEST_SUPPORTED_VERSION_NUM;
    }

    public static int major(int versionNum) {
        return versionNum / 10000;
    }

    /** Newer than anything tested: PgPulse still runs, with the newest SQL variants. */
    public static boolean isNewerThanTested(int versionNum) {
        return major(versionNum) > NEWEST_TESTED_MAJOR;
    }
}
