package io.pgpulse.core.analysis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sessions per {@link SessionState}; every state is present, with 0 when nobody is in it. */
public record StateCounts(int active, int idle, int idleInTransaction, int idleInTransactionAborted, int other) {

    public static final StateCounts NONE = new StateCounts(0, 0, 0, 0, 0);

    public int total() {
        return active + idle + idleInTransaction + idleInTransactionAborted + other;
    }

    public int get(SessionState state) {
        return switch (state) {
            case ACTIVE -> active;
            case IDLE -> idle;
            case IDLE_IN_TRANSACTION -> idleInTransaction;
            case IDLE_IN_TRANSACTION_ABORTED -> idleInTransactionAborted;
            case OTHER -> other;
        };
    }

    /** One session in {@code state}. */
    public static StateCounts one(SessionState state) {
        return new StateCounts(
                state == SessionState.ACTIVE ? 1 : 0,
                state == SessionState.IDLE ? 1 : 0,
                state == SessionState.IDLE_IN_TRANSACTION ? 1 : 0,
                state == SessionState.IDLE_IN_TRANSACTION_ABORTED ? 1 : 0,
                state == SessionState.OTHER ? 1 : 0);
    }

    public StateCounts plus(StateCounts o) {
        return new StateCounts(active + o.active, idle + o.idle, idleInTransaction + o.idleInTransaction,
                idleInTransactionAborted + o.idleInTransactionAborted, other + o.other);
    }

    /** State label → count in {@link SessionState} order, every state present. */
    public Map<String, Integer> byLabel() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (SessionState s : SessionState.values()) {
            map.put(s.label(), get(s));
        }
        return Collections.unmodifiableMap(map);
    }

    public Map<SessionState, Integer> asMap() {
        Map<SessionState, Integer> map = new EnumMap<>(SessionState.class);
        for (SessionState s : SessionState.values()) {
            map.put(s, get(s));
        }
        return Collections.unmodifiableMap(map);
    }
}
