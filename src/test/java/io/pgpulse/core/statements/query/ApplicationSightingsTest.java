package io.pgpulse.core.statements.query;

import static io.pgpulse.core.statements.query.SyntheticStatements.T0;
import static io.pgpulse.core.statements.query.SyntheticStatements.session;
import static io.pgpulse.core.statements.query.SyntheticStatements.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApplicationSightingsTest {

    @Test
    void aStatementIsLinkedToEveryApplicationSeenRunningIt() {
        ApplicationSightings s = new ApplicationSightings(100);
        s.record(List.of(
                snapshot(1, T0, List.of(session(1, "shop-api", 7L), session(2, "", 7L), session(3, "billing", null)), null),
                snapshot(2, T0.plusSeconds(2), List.of(session(4, "reports", 7L), session(5, "shop-api", 8L)), null)));
        assertThat(s.snapshot().get(7L)).containsExactlyInAnyOrder("shop-api", "reports");
        assertThat(s.snapshot().get(8L)).containsExactly("shop-api");
        assertThat(s.snapshot()).doesNotContainKey(0L);
    }

    @Test
    void aPollIsCountedOnceAndTheLeastRecentlySeenStatementsAreForgottenFirst() {
        ApplicationSightings s = new ApplicationSightings(2);
        var first = snapshot(1, T0, List.of(session(1, "a", 1L), session(2, "a", 2L)), null);
        s.record(List.of(first));
        s.record(List.of(first, snapshot(2, T0.plusSeconds(2), List.of(session(3, "b", 1L), session(4, "c", 3L)), null)));
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.snapshot()).containsOnlyKeys(1L, 3L);
        assertThat(s.snapshot().get(1L)).containsExactlyInAnyOrder("a", "b");
    }
}
