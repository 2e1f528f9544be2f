package io.pgpulse.demo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an ORM does for "recent orders with their customer" when the relation is not loaded with the
 * list: one query for the page, then one query per row. Each query is fast; their count is the problem.
 */
final class NPlusOne extends ScenarioRun {
    static final int PAGE_SIZE = 50;
    static final String LIST_SQL = "SELECT id, customer_id, status, total_cents, created_at FROM orders"
            + " WHERE status = ? ORDER BY created_at DESC LIMIT " + PAGE_SIZE;
    static final String CUSTOMER_SQL = "SELECT id, name, email, country FROM customers WHERE id = ?";
    private static final String[] STATUSES = {"paid", "shipped", "delivered"};
    private static final SessionSpec SPEC = SessionSpec.app("shop-api", Duration.ofSeconds(5));

    private int page;

    NPlusOne(SessionFactory sessions, ScenarioCounters counters, StatusSink sink) {
        super(Scenario.N_PLUS_ONE, sessions, counters, sink);
    }

    @Override
    void start() {
        status("shop-api renders \"recent orders\": 1 list query + " + PAGE_SIZE + " customer lookups per page");
        spawn(() -> repeat(SPEC, this::renderPage));
    }

    private void renderPage(DemoSession session) throws SQLException {
        String status = STATUSES[page++ % STATUSES.length];
        int queries = session.call(c -> {
            List<Long> customerIds = new ArrayList<>(PAGE_SIZE);
            try (PreparedStatement ps = c.prepareStatement(LIST_SQL)) {
                ps.setString(1, status);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        customerIds.add(rs.getLong("customer_id"));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(CUSTOMER_SQL)) {
                for (long id : customerIds) {
                    ps.setLong(1, id);
                    drain(ps);
                }
            }
            return 1 + customerIds.size();
        });
        counters.queries(queries);
        pause(40, 80);
    }
}
