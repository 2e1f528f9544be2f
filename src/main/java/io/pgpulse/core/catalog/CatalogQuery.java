package io.pgpulse.core.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * Every query PgPulse sends, with the version floors for which a variant exists. A variant for
 * floor F lives in {@code sql/<name>/<F>.sql} and serves every server from F up to the next
 * floor. The catalog test checks that this list and the resource files agree exactly.
 */
public enum CatalogQuery {
    /** Works on any version: it decides whether the server is supported at all. */
    SERVER_VERSION("server_version", 0),
    CAPABILITIES("capabilities", 140000),
    STATEMENTS_PROBE("statements_probe", 140000),
    SERVER_INFO("server_info", 140000, 160000),
    ACTIVITY("activity", 140000),
    LOCKS("locks", 140000),
    DATABASE_COUNTERS("database_counters", 140000),
    CONNECTION_LIMITS("connection_limits", 140000),
    STATEMENTS_INFO("statements_info", 140000),
    STATEMENT_COUNTERS("statement_counters", 140000, 170000),
    STATEMENT_TEXTS("statement_texts", 140000),
    ROLE_NAMES("role_names", 140000);

    private final String resourceName;
    private final int[] floors;

    CatalogQuery(String resourceName, int... floors) {
        this.resourceName = resourceName;
        this.floors = floors;
    }

    public String resourceName() {
        return resourceName;
    }

    public List<Integer> floors() {
        return Arrays.stream(floors).boxed().toList();
    }

    String resourcePath(int floor) {
        return "/io/pgpulse/core/catalog/sql/" + resourceName + "/" + floor + ".sql";
    }
}
