package io.pgpulse.app.indexes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

/**
 * A small shop on the newest embedded server with one index problem of each common kind, built
 * for real: an unused index, a duplicate, an index covered by a wider one, and a foreign key with
 * no index. Every other index either enforces a constraint or has been scanned, so the findings
 * are exactly these four.
 */
final class IndexesFixture {
    static final String UNUSED = "orders_note_idx";
    static final String DUPLICATE = "orders_customer_idx";
    static final String DUPLICATE_OF = "orders_customer_id_idx";
    static final String COVERED = "orders_status_idx";
    static final String FOREIGN_KEY = "refunds_order_id_fkey";

    private IndexesFixture() {}

    static TestServer server() {
        return PgServers.newest();
    }

    /** Creates {@code database} afresh with the shop in it. */
    static void build(String database) {
        TestServer pg = server();
        execute(pg, "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
        execute(pg, database,
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id int PRIMARY KEY, email text NOT NULL UNIQUE, country text NOT NULL)",
                "INSERT INTO shop.customers SELECT g, 'c' || g || '@example.com', (ARRAY['de','fr','us'])[1 + g % 3]"
                        + " FROM generate_series(1, 5000) g",
                "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers,"
                        + " status text NOT NULL, note text, created_at timestamptz NOT NULL)",
                "INSERT INTO shop.orders SELECT g, 1 + g % 5000, (ARRAY['new','paid','shipped'])[1 + g % 3],"
                        + " 'note ' || g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 20000) g",
                "CREATE INDEX " + DUPLICATE_OF + " ON shop.orders (customer_id)",
                "CREATE INDEX orders_status_created_idx ON shop.orders (status, created_at)",
                "CREATE TABLE shop.refunds (id int PRIMARY KEY, order_id bigint NOT NULL REFERENCES shop.orders,"
                        + " amount_cents int NOT NULL)",
                "INSERT INTO shop.refunds SELECT g, g * 7, 100 FROM generate_series(1, 2000) g",
                "ANALYZE");
        // Scan the two indexes the shop relies on, so that they are not reported unused; the forced
        // flush makes the counts visible to other sessions before this one ends. The redundant
        // indexes come afterwards, so the planner cannot have picked one of them instead.
        execute(pg, database,
                "SET enable_seqscan = off",
                "SET enable_bitmapscan = off",
                "SELECT count(*) FROM shop.orders WHERE customer_id = 42",
                "SELECT count(*) FROM shop.orders WHERE status = 'paid' AND created_at > '2024-01-05'",
                "SELECT pg_stat_force_next_flush()",
                "SELECT 1");
        execute(pg, database,
                "CREATE INDEX " + DUPLICATE + " ON shop.orders (customer_id)",
                "CREATE INDEX " + COVERED + " ON shop.orders (status)",
                "CREATE INDEX " + UNUSED + " ON shop.orders (note)");
    }

    /** The monitoring role's pool on {@code database}, the way the app connects. */
    static MonitorConnection monitor(String database) throws Exception {
        return monitor(server().port(), database);
    }

    static MonitorConnection monitor(int port, String database) throws Exception {
        return MonitorConnection.open(Targets.parse("postgresql://" + TestServer.MONITOR_ROLE + ":"
                + TestServer.MONITOR_PASSWORD + "@localhost:" + port + "/" + database),
                MonitorSettings.withInterval(Duration.ofSeconds(4)));
    }

    static void execute(TestServer pg, String database, String... sql) {
        try (Connection c = pg.superuser(database); Statement s = c.createStatement()) {
            for (String q : List.of(sql)) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
