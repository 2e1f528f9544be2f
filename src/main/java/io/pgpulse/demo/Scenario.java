package io.pgpulse.demo;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the demo workload can do to its server, each switch reproducing one production incident.
 * The purpose sentence is written for the Demo panel: it says which incident, not how.
 */
public enum Scenario {
    BASELINE("Baseline traffic",
            "Steady mixed shop traffic (indexed lookups, a few checkouts, a handful of connections)"
                    + " so that every incident stands out against a healthy normal.",
            true),
    CONNECTION_STORM("Connection storm",
            "Reproduces the 3 AM outage where every serverless function opened its own connections"
                    + " without a pooler: short-lived sessions churn while an oversized idle pool eats the"
                    + " remaining slots until the headroom collapses.",
            false),
    N_PLUS_ONE("N+1 queries",
            "Reproduces the ORM loop that turned one page into 51 queries: a list of 50 orders followed"
                    + " by one customer lookup per row, request after request.",
            false),
    SLOW_QUERY("Slow query, missing index",
            "Reproduces the lookup that was instant on a laptop and slow on production-sized data: orders"
                    + " are searched by a reference code that has no index, so every call scans the whole table.",
            false),
    MIGRATION_STALL("Migration stall",
            "Reproduces the deployment that hung on a migration: ALTER TABLE queues for its exclusive lock"
                    + " behind a transaction left idle, and every ordinary query on the table queues behind"
                    + " the ALTER.",
            false),
    BALANCE_RACE("Balance race",
            "Reproduces the payment race where two requests read the same balance and both commit a"
                    + " deduction: read-then-write at READ COMMITTED loses updates, which SELECT … FOR UPDATE"
                    + " or SERIALIZABLE prevents.",
            false);

    private final String displayName;
    private final String purpose;
    private final boolean onByDefault;

    Scenario(String displayName, String purpose, boolean onByDefault) {
        this.displayName = displayName;
        this.purpose = purpose;
        this.onByDefault = onByDefault;
    }

    public String displayName() {
        return displayName;
    }

    /** One sentence: the production incident this scenario reproduces. */
    public String purpose() {
        return purpose;
    }

    public boolean onByDefault() {
        return onByDefault;
    }

    public static Set<Scenario> defaults() {
        Set<Scenario> on = EnumSet.noneOf(Scenario.class);
        for (Scenario s : values()) {
            if (s.onByDefault) {
                on.add(s);
            }
        }
        return on;
    }

    /** The lower-case, hyphenated name used in thread names, e.g. {@code migration-stall}. */
    String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
