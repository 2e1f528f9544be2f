package io.pgpulse.core.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the newest {@code capacity} elements; appending to a full buffer evicts the oldest.
 * Not thread-safe.
 */
public final class RingBuffer<T> {

    private final Object[] slots;
    private int oldest;
    private int size;

    public RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.slots = new Object[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** @return the element evicted to make room, if the buffer was full */
    public Optional<T> append(T element) {
        Objects.requireNonNull(element, "element");
        if (size < slots.length) {
            slots[(oldest + size) % slots.length] = element;
            size++;
            return Optional.empty();
        }
        T evicted = at(oldest);
        slots[oldest] = element;
        oldest = (oldest + 1) % slots.length;
        return Optional.of(evicted);
    }

    public Optional<T> removeOldest() {
        if (size == 0) {
            return Optional.empty();
        }
        T removed = at(oldest);
        slots[oldest] = null;
        oldest = (oldest + 1) % slots.length;
        size--;
        return Optional.of(removed);
    }

    public Optional<T> newest() {
        return size == 0 ? Optional.empty() : Optional.of(get(size - 1));
    }

    /** @param index 0 is the oldest element */
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return at((oldest + index) % slots.length);
    }

    /** Immutable copy, oldest first. */
    public List<T> snapshot() {
        List<T> copy = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            copy.add(get(i));
        }
        return List.copyOf(copy);
    }

    public void clear() {
        Arrays.fill(slots, null);
        oldest = 0;
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private T at(int slot) {
        return (T) slots[slot];
    }
}
