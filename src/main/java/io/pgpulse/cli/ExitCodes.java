package io.pgpulse.cli;

/** The CLI's exit codes, documented in docs/report-json.md; scripts depend on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_CONNECT = 3;
    public static final int UNSUPPORTED_SERVER = 4;
    /** Findings at or above the --fail-on severity were reported. */
    public static final int FINDINGS = 5;
    /** The server could not produce a plan (explain). */
    public static final int EXPLAIN_FAILED = 6;

    private ExitCodes() {}
}
