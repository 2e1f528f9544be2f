package io.pgpulse.core.explain;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.MonitorSettings;
import io.pgpulse.testing.PgMajor;
import io.pgpulse.testing.PgServers;
import io.pgpulse.testing.TestServer;
import io.pgpulse.testing.Targets;

/**
 * A realistic shop schema with data in its own database on a shared embedded server, and a
 * monitoring role that may read it (pg_monitor + pg_read_all_data): EXPLAIN needs SELECT on the
 * tables it plans.
 */
public final class ExplainFixture {
    public static final String DATABASE = "pgpulse_explain";
    public static final String ROLE = "pgpulse_explainer";
    public static final String PASSWORD = "explain-pw";
    public static final int CUSTOMERS = 20_000;
    public static final int ORDERS = 100_000;
    public static final int VICTIM_ROWS = 100;

    private static final Set<PgMajor> READY = new HashSet<>();

    private ExplainFixture() {}

    public static synchronized TestServer server(PgMajor major) {
        TestServer pg = PgServers.get(major);
        if (READY.add(major)) {
            setUp(pg);
        }
        return pg;
    }

    public static TestServer newest() {
        return server(PgMajor.NEWEST);
    }

    public static String uri(TestServer pg) {
        return "postgresql://" + ROLE + ":" + PASSWORD + "@localhost:" + pg.port() + "/" + DATABASE;
    }

    public static MonitorConnection monitor(TestServer pg) throws Exception {
        return MonitorConnection.open(Targets.parse(uri(pg)), MonitorSettings.withInterval(java.time.Duration.ofSeconds(14)));
    }

    public static Connection superuser(TestServer pg) throws SQLException {
        return pg.superuser(DATABASE);
    }

    public static void execute(TestServer pg, String... sql) {
        try (Connection c = superuser(pg); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static long count(TestServer pg, String sql) {
        try (Connection c = superuser(pg); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One session that every borrow hands out again; closing the borrowed handle keeps it open for inspection. */
    public static ConnectionSource sameSession(Connection session) {
        Connection handle = (Connection) Proxy.newProxyInstance(ExplainFixture.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(session, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return () -> handle;
    }

    private static void setUp(TestServer pg) {
        pg.execute("DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                + "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE pg_monitor, pg_read_all_data; "
                + "END IF; END$$");
        pg.createDatabase(DATABASE);
        execute(pg,
                "DROP SCHEMA IF EXISTS shop CASCADE",
                "CREATE SCHEMA shop",
                "ALTER DATABASE " + DATABASE + " SET search_path = shop, public",
                "SET search_path = shop, public",
                "CREATE TABLE shop.customers (id int PRIMARY KEY, email text NOT NULL, country text NOT NULL, "
                        + "created_at timestamptz NOT NULL)",
                "INSERT INTO shop.customers SELECT g, 'user' || g || '@example.com', "
                        + "(ARRAY['de','fr','us','uk','jp'])[1 + g % 5], now() - g * interval '1 hour' "
                        + "FROM generate_series(1, " + CUSTOMERS + ") g",
                "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers, "
                        + "status text NOT NULL, total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL, note text)",
                "INSERT INTO shop.orders SELECT g, 1 + (g * 7919) % " + CUSTOMERS + ", "
                        + "(ARRAY['new','paid','shipped','delivered','cancelled'])[1 + g % 5], (g % 1000) / 10.0, "
                        + "timestamptz '2024-01-01' + g * interval '5 minutes', CASE WHEN g % 100 = 0 THEN 'gift' END "
                        + "FROM generate_series(1, " + ORDERS + ") g",
                "CREATE TABLE shop.products (id int PRIMARY KEY, sku text NOT NULL, name text NOT NULL)",
                "INSERT INTO shop.products SELECT g, 'SKU-' || lpad(g::text, 6, '0'), 'product ' || g "
                        + "FROM generate_series(1, 50000) g",
                "CREATE INDEX products_sku_pattern_idx ON shop.products (sku text_pattern_ops)",
                "CREATE TABLE shop.shipments (id int PRIMARY KEY, order_id bigint NOT NULL, carrier text NOT NULL, "
                        + "shipped_at timestamptz NOT NULL)",
                "INSERT INTO shop.shipments SELECT g, g * 2, (ARRAY['dhl','ups','fedex'])[1 + g % 3], "
                        + "timestamptz '2024-01-01' + g * interval '10 minutes' FROM generate_series(1, 40000) g",
                "CREATE INDEX shipments_carrier_shipped_idx ON shop.shipments (carrier, shipped_at)",
                "CREATE TABLE shop.victims (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO shop.victims SELECT g, g FROM generate_series(1, " + VICTIM_ROWS + ") g",
                "CREATE TABLE shop.victim_pids (pid int)",
                "CREATE VIEW shop.kill_view AS SELECT pg_terminate_backend(p.pid) AS killed FROM shop.victim_pids p",
                "CREATE FUNCTION shop.sneaky_sleep() RETURNS int STABLE LANGUAGE sql AS 'SELECT 1 FROM pg_sleep(30)'",
                "CREATE FUNCTION shop.honest_double(x int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT x * 2'",
                "ANALYZE");
    }
}
