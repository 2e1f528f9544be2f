package io.pgpulse.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    @Test
    void appendingToAFullBufferEvictsTheOldest() {
        RingBuffer<String> ring = new RingBuffer<>(3);

        assertThat(ring.append("a")).isEmpty();
        ring.append("b");
        ring.append("c");

        assertThat(ring.append("d")).hasValue("a");
        assertThat(ring.append("e")).hasValue("b");
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.snapshot()).containsExactly("c", "d", "e");
        assertThat(ring.get(0)).isEqualTo("c");
        assertThat(ring.newest()).hasValue("e");
    }

    @Test
    void wrapsAroundManyTimesKeepingTheNewestInOrder() {
        RingBuffer<Integer> ring = new RingBuffer<>(4);
        for (int i = 0; i < 1003; i++) {
            ring.append(i);
        }

        assertThat(ring.snapshot()).containsExactly(999, 1000, 1001, 1002);
    }

    @Test
    void removeOldestShrinksFromTheOldEnd() {
        RingBuffer<String> ring = new RingBuffer<>(2);
        ring.append("a");
        ring.append("b");
        ring.append("c");

        assertThat(ring.removeOldest()).hasValue("b");
        assertThat(ring.snapshot()).containsExactly("c");
        ring.append("d");
        ring.append("e");
        assertThat(ring.snapshot()).containsExactly("d", "e");
        assertThat(ring.removeOldest()).hasValue("d");
        assertThat(ring.removeOldest()).hasValue("e");
        assertThat(ring.removeOldest()).isEmpty();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.newest()).isEmpty();
    }

    @Test
    void snapshotIsAnImmutableCopy() {
        RingBuffer<String> ring = new RingBuffer<>(2);
        ring.append("a");
        List<String> snapshot = ring.snapshot();

        ring.append("b");

        assertThat(snapshot).containsExactly("a");
        assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsIndexOutsideTheRetainedElementsAndNonPositiveCapacity() {
        RingBuffer<String> ring = new RingBuffer<>(2);
        ring.append("a");

        assertThatThrownBy(() -> ring.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> new RingBuffer<String>(0));
    }
}
