package io.pgpulse.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Support agents look orders up by the reference code printed on the invoice. The column has no
 * index, so every lookup reads the whole orders table; the fix PgPulse should lead to is
 * {@code CREATE INDEX ON orders (reference_code)}.
 */
final class SlowQuery extends ScenarioRun {
    static final String SQL = "SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE reference_code = ?";
    private static final int WORKERS = 2;
    private static final SessionSpec SPEC = SessionSpec.app("shop-api", Duration.ofSeconds(10));

    SlowQuery(SessionFactory sessions, ScenarioCounters counters, StatusSink sink) {
        super(Scenario.SLOW_QUERY, sessions, counters, sink);
    }

    @Override
    void start() {
        status(WORKERS + " sessions look orders up by reference_code, which has no index");
        for (int i = 0; i < WORKERS; i++) {
            spawn(() -> repeat(SPEC, this::lookUp));
        }
    }

    private void lookUp(DemoSession session) throws SQLException {
        String code = referenceCode(1 + ThreadLocalRandom.current().nextInt(DemoSchema.ORDERS));
        session.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, code);
                return drain(ps);
            }
        });
        counters.queries(1);
        pause(150, 350);
    }

    /** The code the schema load gave order {@code id}: {@code 'ORD-' || upper(substr(md5(id::text), 1, 10))}. */
    static String referenceCode(int id) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(Integer.toString(id).getBytes(StandardCharsets.US_ASCII));
            return "ORD-" + HexFormat.of().formatHex(md5, 0, 5).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
