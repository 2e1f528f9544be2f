package io.pgpulse.app.activity;

/**
 * Which sessions the table shows. Null choices mean "all"; the "only" switches narrow further and
 * combine with each other (waiting and idle in transaction together shows nothing).
 *
 * @param state  pg_stat_activity.state as spelled there, or {@link #BACKGROUND} for processes
 *               without one
 * @param search a pid, or text contained in the query, user or application (case-insensitive)
 */
public record SessionFilter(
        String state,
        String application,
        String user,
        String database,
        String search,
        boolean onlyWaiting,
        boolean onlyIdleInTransaction,
        boolean onlyLongRunning) {

    public static final String BACKGROUND = "no state (background process)";
    public static final SessionFilter ALL = new SessionFilter(null, null, null, null, "", false, false, false);

    public SessionFilter {
        search = search == null ? "" : search.strip();
    }

    public boolean isAll() {
        return equals(ALL);
    }

    boolean test(RowView v) {
        var row = v.row();
        if (state != null && !state.equals(row.state() == null ? BACKGROUND : row.state())) {
            return false;
        }
        if (application != null && !application.equals(row.application())) {
            return false;
        }
        if (user != null && !user.equals(row.user())) {
            return false;
        }
        if (database != null && !database.equals(row.database())) {
            return false;
        }
        if (onlyWaiting && !v.waiting()) {
            return false;
        }
        if (onlyIdleInTransaction && !v.state().isIdleInTransaction()) {
            return false;
        }
        if (onlyLongRunning && !v.longRunning()) {
            return false;
        }
        return search.isEmpty() || matchesSearch(v);
    }

    private boolean matchesSearch(RowView v) {
        var row = v.row();
        if (search.chars().allMatch(Character::isDigit)) {
            return Integer.toString(row.pid()).equals(search) || contains(row.query(), search);
        }
        return contains(row.query(), search) || contains(row.application(), search) || contains(row.user(), search);
    }

    private static boolean contains(String haystack, String needle) {
        if (haystack == null) {
            return false;
        }
        int n = needle.length();
        for (int i = 0; i + n <= haystack.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
