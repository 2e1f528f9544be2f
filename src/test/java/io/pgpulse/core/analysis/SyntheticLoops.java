package io.pgpulse.core.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import io.pgpulse.core.sampling.ActivityRow;
import io.pgpulse.core.sampling.QueryText;
import io.pgpulse.core.sampling.Snapshot;
import io.pgpulse.core.statements.DeltaResult;
import io.pgpulse.core.statements.StatementDelta;
import io.pgpulse.core.statements.StatementKey;
import io.pgpulse.core.statements.query.SyntheticStatements;

/**
 * A seeded, repeatable mix of everything the N+1 detector must tell apart, at any size: N+1 loops
 * (one list query, one lookup per row, each poll's lookups following that poll's rows), decoy list
 * queries whose rows are almost as many as a loop's lookups, loops cut across poll boundaries,
 * lookups whose totals match a list query but whose polls do not, hot lookups, batched lookups,
 * lookups without a known text, and noise of every shape, over three databases and users; and
 * activity samples naming the applications that ran them.
 *
 * @param intervals the polls, each with the deltas of the statements that ran in it
 * @param labels    texts of most statements
 * @param samples   one activity sample per poll
 */
public record SyntheticLoops(List<DeltaResult> intervals, StatementLabels labels, List<Snapshot> samples) {
    private static final double SECONDS = 2;
    private static final String[] APPLICATIONS = {"shop", "billing", "worker", "admin"};

    /** @param statements about how many statements; @param polls intervals; @param sessions sessions per sample */
    public static SyntheticLoops generate(long seed, int statements, int polls, int sessions) {
        Random random = new Random(seed);
        List<List<StatementDelta>> byPoll = new ArrayList<>();
        for (int p = 0; p < polls; p++) {
            byPoll.add(new ArrayList<>());
        }
        Map<Long, QueryText> texts = new HashMap<>();
        List<Long> queryIds = new ArrayList<>();
        List<long[]> loopIds = new ArrayList<>();
        long[] next = {1000};
        int loops = Math.max(6, statements / 50);
        int hot = Math.max(4, statements / 100);
        for (int l = 0; l < loops; l++) {
            long dbUser = random.nextInt(3);
            StatementKey parent = key(dbUser, next[0]++);
            StatementKey lookup = key(dbUser, next[0]++);
            texts.put(parent.queryId(), text(parent.queryId(), "SELECT id, ref_id FROM list_" + l
                    + " WHERE status = $1 ORDER BY id LIMIT $2"));
            if (random.nextInt(10) > 0) {
                texts.put(lookup.queryId(), text(lookup.queryId(), "SELECT name, price FROM item_" + l
                        + " WHERE id = $1"));
            }
            queryIds.add(parent.queryId());
            queryIds.add(lookup.queryId());
            loopIds.add(new long[] {parent.queryId(), lookup.queryId()});
            int rowsPerCall = 2 + random.nextInt(60);
            int shape = l % 6;
            long carried = 0;
            for (int p = 0; p < polls; p++) {
                boolean on = shape != 0 || random.nextInt(3) > 0;
                long calls = on ? 1 + random.nextInt(8) : 0;
                long rows = calls * rowsPerCall;
                long lookups = switch (shape) {
                    // a poll boundary cuts some loops in two
                    case 1 -> {
                        long now = rows - rows / 3 + carried;
                        carried = rows / 3;
                        yield now;
                    }
                    // the same totals, but in the polls where the list query did not run
                    case 2 -> p % 2 == 0 ? 0 : rows * 2;
                    // a little noise around one call per row
                    case 3 -> Math.max(0, rows + random.nextInt(5) - 2);
                    // now and then a poll runs the next poll's lookups too (the totals still match)
                    case 4 -> {
                        long now = p % 8 == 6 ? 2 * rows : Math.max(0, rows - carried);
                        carried = p % 8 == 6 ? rows : 0;
                        yield now;
                    }
                    default -> rows;
                };
                if (shape == 2 && p % 2 == 1) {
                    rows = 0;
                    calls = 0;
                }
                if (calls > 0) {
                    byPoll.get(p).add(delta(parent, calls, calls * (0.5 + random.nextDouble() * 5), rows));
                }
                if (lookups > 0) {
                    byPoll.get(p).add(delta(lookup, lookups, lookups * (0.01 + random.nextDouble() * 0.2), lookups));
                }
            }
            // a decoy: a list query of the same database and user almost as big as the loop's parent
            if (random.nextBoolean()) {
                StatementKey decoy = key(dbUser, next[0]++);
                texts.put(decoy.queryId(), text(decoy.queryId(), "SELECT * FROM decoy_" + l + " WHERE kind = $1"));
                queryIds.add(decoy.queryId());
                double scale = 0.8 + random.nextDouble() * 0.4;
                for (int p = 0; p < polls; p++) {
                    long calls = 1 + random.nextInt(3);
                    long rows = Math.round(rowsPerCall * 4.5 * scale);
                    byPoll.get(p).add(delta(decoy, calls, calls * 2.0, rows));
                }
            }
        }
        for (int h = 0; h < hot; h++) {
            StatementKey lookup = key(random.nextInt(3), next[0]++);
            String sql = switch (h % 4) {
                case 0 -> "SELECT status FROM hot_" + h + " WHERE id = ANY($1)";
                case 1 -> "SELECT h.status FROM hot_" + h + " h JOIN other o ON o.id = h.other_id WHERE h.id = $1";
                default -> "SELECT status FROM hot_" + h + " WHERE id = $1";
            };
            texts.put(lookup.queryId(), text(lookup.queryId(), sql));
            queryIds.add(lookup.queryId());
            long perPoll = 20 + random.nextInt(400);
            for (int p = 0; p < polls; p++) {
                byPoll.get(p).add(delta(lookup, perPoll, perPoll * 0.05, perPoll));
            }
        }
        int used = 2 * loops + hot + loops / 2;
        for (int n = used; n < statements; n++) {
            StatementKey noise = key(random.nextInt(3), next[0]++);
            int shape = random.nextInt(10);
            texts.put(noise.queryId(), text(noise.queryId(), shape == 0
                    ? "SELECT a FROM t" + n + " WHERE b = $1"
                    : "UPDATE t" + n + " SET a = $1 WHERE b = $2"));
            queryIds.add(noise.queryId());
            int rowsPerCall = shape == 0 ? 1 : 1 + random.nextInt(40);
            double presence = 0.3 + random.nextDouble() * 0.7;
            for (int p = 0; p < polls; p++) {
                if (random.nextDouble() < presence) {
                    long calls = 1 + random.nextInt(shape == 0 ? 60 : 30);
                    byPoll.get(p).add(delta(noise, calls, calls * random.nextDouble() * 8, calls * rowsPerCall));
                }
            }
        }
        List<DeltaResult> intervals = new ArrayList<>(polls);
        List<Snapshot> samples = new ArrayList<>(polls);
        for (int p = 0; p < polls; p++) {
            intervals.add(SyntheticStatements.interval(p, SECONDS, byPoll.get(p)));
            List<ActivityRow> activity = new ArrayList<>(sessions);
            for (int s = 0; s < sessions; s++) {
                int which = random.nextInt(10);
                Long queryId;
                String application;
                if (which < 5) {
                    // a loop's application running its list query or its lookups
                    int loop = random.nextInt(loopIds.size());
                    queryId = loopIds.get(loop)[random.nextInt(2)];
                    application = APPLICATIONS[loop % APPLICATIONS.length];
                } else {
                    queryId = which == 5 ? null : queryIds.get(random.nextInt(queryIds.size()));
                    application = which == 6 ? "" : APPLICATIONS[random.nextInt(APPLICATIONS.length)];
                }
                activity.add(SyntheticStatements.session(10_000 + s, application, queryId));
            }
            Instant at = SyntheticStatements.at(p + 1, SECONDS);
            samples.add(SyntheticStatements.snapshot(p, at, activity, null));
        }
        return new SyntheticLoops(intervals, new StatementLabels(texts, Map.of(), Map.of()), samples);
    }

    /** Three databases, each with its own user, so that a parent must be found in the lookup's own. */
    private static StatementKey key(long dbUser, long queryId) {
        return new StatementKey(10 + dbUser, 5 + dbUser, queryId, true);
    }

    private static StatementDelta delta(StatementKey key, long calls, double execMs, long rows) {
        return new StatementDelta(key, SECONDS, calls, execMs, 0, rows, calls * 4, calls / 10, 0, 0, OptionalLong.empty());
    }

    private static QueryText text(long queryId, String sql) {
        return new QueryText(queryId, sql, sql.length());
    }

    /** How many deltas the polls hold in all. */
    public int deltas() {
        int n = 0;
        for (DeltaResult r : intervals) {
            n += r.deltas().size();
        }
        return n;
    }
}
