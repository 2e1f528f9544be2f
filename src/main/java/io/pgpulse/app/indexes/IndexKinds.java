package io.pgpulse.app.indexes;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.pgpulse.core.indexes.IndexHealthItem.Kind;

/** The words and units the page uses for each kind of finding, in one place for the view and its view-model. */
final class IndexKinds {
    /** The order of the summary, the filter buttons and the table's groups. */
    static final List<Kind> ORDER = List.of(Kind.UNUSED, Kind.DUPLICATE, Kind.PREFIX_COVERED, Kind.INVALID,
            Kind.FOREIGN_KEY_WITHOUT_INDEX);

    private IndexKinds() {}

    /** The chip in the table and the filter button. */
    static String label(Kind kind) {
        return switch (kind) {
            case UNUSED -> "Unused";
            case DUPLICATE -> "Duplicate";
            case PREFIX_COVERED -> "Covered";
            case INVALID -> "Invalid";
            case FOREIGN_KEY_WITHOUT_INDEX -> "FK without index";
        };
    }

    /** "3 unused indexes", "1 duplicate", "2 foreign keys without an index". */
    static String counted(Kind kind, long n) {
        boolean one = n == 1;
        return n + " " + switch (kind) {
            case UNUSED -> one ? "unused index" : "unused indexes";
            case DUPLICATE -> one ? "duplicate" : "duplicates";
            case PREFIX_COVERED -> one ? "covered by a wider index" : "covered by wider indexes";
            case INVALID -> one ? "invalid index" : "invalid indexes";
            case FOREIGN_KEY_WITHOUT_INDEX -> one ? "foreign key without an index" : "foreign keys without an index";
        };
    }

    /** What PgPulse looked for, for the empty state and the filter buttons' tooltips. */
    static String checked(Kind kind) {
        return switch (kind) {
            case UNUSED -> "Unused: indexes with no scans since the statistics were reset. Primary keys, unique and"
                    + " other constraint indexes are never reported: they enforce something even when nobody reads them.";
            case DUPLICATE -> "Duplicate: two indexes with the same definition on the same table. Every write"
                    + " maintains both; reads use one.";
            case PREFIX_COVERED -> "Covered: an index whose columns are the leading columns of a wider index,"
                    + " which serves the same searches.";
            case INVALID -> "Invalid: left behind by a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY."
                    + " Maintained on every write, never used for reads.";
            case FOREIGN_KEY_WITHOUT_INDEX -> "FK without index: a foreign key with no index leading with its columns."
                    + " Every DELETE or key UPDATE on the referenced table scans the referencing table, under lock.";
        };
    }

    static String styleClass(Kind kind) {
        return "indexes-kind-" + kind.label().replace('_', '-');
    }

    /** Sizes in pg_size_pretty's units, three digits at most: "8.0 kB", "15.3 MB", "1016 kB". */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** A statistics age in the largest unit that is still precise enough: "12 seconds", "40 minutes", "5 hours", "12 days". */
    static String age(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return plural(Math.max(0, d.toSeconds()), "second");
        }
        if (minutes < 120) {
            return plural(minutes, "minute");
        }
        long hours = d.toHours();
        if (hours < 48) {
            return plural(hours, "hour");
        }
        return plural(d.toDays(), "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
