package io.pgpulse.core.analysis;

import java.util.Locale;

/** How urgent a finding is, least urgent first so that {@link #compareTo} orders by urgency. */
public enum Severity {
    /** Worth knowing; nothing to do now. */
    INFO,
    /** Will hurt if it grows or lasts; look at it today. */
    WARNING,
    /** Hurting now or about to: act during the incident. */
    CRITICAL;

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The lower-case name used in JSON and on the command line ({@code --fail-on warning}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String label) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + label + "' (expected info, warning or critical)");
    }
}
