package io.pgpulse.core.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalised statement texts by queryid, bounded in entries and (by truncation when read) in
 * characters, least recently used first out. Owned by the sampler thread.
 */
final class QueryTextCache {
    private final int maxEntries;
    private final LinkedHashMap<Long, QueryText> texts;

    QueryTextCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.texts = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, QueryText> eldest) {
                return size() > QueryTextCache.this.maxEntries;
            }
        };
    }

    QueryText get(long queryId) {
        return texts.get(queryId);
    }

    boolean contains(long queryId) {
        return texts.containsKey(queryId);
    }

    void put(QueryText text) {
        texts.put(text.queryId(), text);
    }

    int size() {
        return texts.size();
    }

    Map<Long, QueryText> copy() {
        return Map.copyOf(texts);
    }
}
