package io.pgpulse.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A healthy shop: three API sessions doing indexed reads and the occasional checkout or shipment. */
final class BaselineTraffic extends ScenarioRun {
    private static final int WORKERS = 3;
    static final String PRODUCT_SQL = "SELECT id, sku, name, price_cents FROM products WHERE id = ?";
    private static final SessionSpec SPEC = SessionSpec.app("shop-api", Duration.ofSeconds(5));

    BaselineTraffic(SessionFactory sessions, ScenarioCounters counters, StatusSink sink) {
        super(Scenario.BASELINE, sessions, counters, sink);
    }

    @Override
    void start() {
        status(WORKERS + " API sessions: order pages, order histories, product pages, a few checkouts");
        for (int i = 0; i < WORKERS; i++) {
            spawn(() -> repeat(SPEC, this::request));
        }
    }

    private void request(DemoSession session) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int dice = r.nextInt(100);
        int queries = session.call(c -> {
            if (dice < 35) {
                return orderPage(c, 1 + r.nextLong(DemoSchema.ORDERS));
            } else if (dice < 70) {
                return orderHistory(c, 1 + r.nextLong(DemoSchema.CUSTOMERS));
            } else if (dice < 90) {
                return productPage(c, 1 + r.nextInt(DemoSchema.PRODUCTS));
            } else if (dice < 95) {
                return checkout(c, r);
            }
            return ship(c, DemoSchema.ORDERS - r.nextLong(DemoSchema.ORDERS / 50));
        });
        counters.queries(queries);
        pause(40, 160);
    }

    private static int orderPage(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT o.id, o.status, o.total_cents, o.created_at, i.line, i.product_id, i.quantity, i.unit_price_cents"
                        + " FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = ?")) {
            ps.setLong(1, orderId);
            drain(ps);
        }
        return 1;
    }

    private static int orderHistory(Connection c, long customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = ?"
                        + " ORDER BY created_at DESC LIMIT 10")) {
            ps.setLong(1, customerId);
            drain(ps);
        }
        return 1;
    }

    private static int productPage(Connection c, int productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PRODUCT_SQL)) {
            ps.setInt(1, productId);
            drain(ps);
        }
        return 1;
    }

    private static int checkout(Connection c, ThreadLocalRandom r) throws SQLException {
        return inTransaction(c, tx -> {
            long orderId;
            int first = 1 + r.nextInt(DemoSchema.PRODUCTS);
            int second = 1 + r.nextInt(DemoSchema.PRODUCTS);
            try (PreparedStatement ps = tx.prepareStatement(
                    "INSERT INTO orders (customer_id, status, reference_code, total_cents, shipping_address, metadata, created_at)"
                            + " VALUES (?, 'pending', ?, ?, ?, ?::jsonb, now()) RETURNING id")) {
                ps.setLong(1, 1 + r.nextLong(DemoSchema.CUSTOMERS));
                ps.setString(2, "ORD-" + HexFormat.of().withUpperCase().formatHex(randomBytes(r, 5)));
                ps.setLong(3, 500 + r.nextInt(50_000));
                ps.setString(4, (1 + r.nextInt(997)) + " Market Street, Springfield");
                ps.setString(5, "{\"channel\": \"web\", \"device\": \"" + (r.nextBoolean() ? "desktop" : "mobile")
                        + "\", \"gift_wrap\": " + (r.nextInt(7) == 0) + "}");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    orderId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = tx.prepareStatement(
                    "INSERT INTO order_items (order_id, line, product_id, quantity, unit_price_cents)"
                            + " SELECT ?, p.line, p.id, 1, pr.price_cents"
                            + " FROM (VALUES (1, ?::int), (2, ?::int)) AS p (line, id) JOIN products pr ON pr.id = p.id")) {
                ps.setLong(1, orderId);
                ps.setInt(2, first);
                ps.setInt(3, second);
                ps.executeUpdate();
            }
            return 2;
        });
    }

    private static int ship(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE orders SET status = 'shipped' WHERE id = ? AND status = 'paid'")) {
            ps.setLong(1, orderId);
            ps.executeUpdate();
        }
        return 1;
    }

    private static byte[] randomBytes(ThreadLocalRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
