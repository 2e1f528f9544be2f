package io.pgpulse.core.indexes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.pgpulse.core.explain.ExplainOutcome;
import io.pgpulse.core.explain.ExplainRequest;
import io.pgpulse.core.explain.ExplainRunner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verification with hypothetical indexes on a real PostgreSQL 15 with hypopg (the embedded
 * binaries have no hypopg). Needs Debian's postgresql-15 and postgresql-15-hypopg; .ci/run installs
 * them. PostgreSQL refuses to run as root, so as root the cluster runs as the user "nobody".
 */
class HypopgVerificationTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final List<Path> REQUIRED = List.of(BIN.resolve("postgres"), BIN.resolve("initdb"), BIN.resolve("pg_ctl"),
            Path.of("/usr/share/postgresql/15/extension/hypopg.control"), Path.of("/usr/lib/postgresql/15/lib/hypopg.so"));
    private static final String ROLE = "pgpulse_hypo";
    private static final String PASSWORD = "hypo-pw";

    private static Path dir;
    private static int port;
    private static boolean asRoot;

    @BeforeAll
    static void startCluster() throws Exception {
        List<Path> missing = REQUIRED.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            System.err.println("\n*** HypopgVerificationTest SKIPPED: missing " + missing
                    + " (apt-get install postgresql-15 postgresql-15-hypopg) ***\n");
        }
        assumeTrue(missing.isEmpty(), "PostgreSQL 15 with hypopg is not installed: " + missing);
        asRoot = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("pgpulse-hypopg-");
        if (asRoot) {
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dir, nobody);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust");
        run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=localhost", "start");
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION hypopg");
            s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE pg_monitor, pg_read_all_data");
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, 1 + g % 20000, (ARRAY['new','paid','shipped'])[1 + g % 3] "
                    + "FROM generate_series(1, 100000) g");
            s.execute("ANALYZE orders");
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (dir == null) {
            return;
        }
        try {
            run(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "stop");
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asRoot) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cmd.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("cmd.log")));
        }
    }

    private static Connection superuser() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
    }

    private static Connection monitorSession() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", ROLE, PASSWORD);
        try (Statement s = c.createStatement()) {
            s.execute("SET default_transaction_read_only = on");
        }
        return c;
    }

    @Test
    void suggestionIsVerifiedWithAHypotheticalIndexInAReadOnlyTransactionAndNothingRemains() throws Exception {
        try (Connection session = monitorSession()) {
            var source = io.pgpulse.core.explain.ExplainFixture.sameSession(session);
            ExplainRunner runner = new ExplainRunner(source);
            ExplainRequest request = ExplainRequest.of("SELECT * FROM orders WHERE customer_id = $1");
            ExplainOutcome.Plan plan = (ExplainOutcome.Plan) runner.explain(request);
            List<IndexSuggestion> suggestions = new IndexAdvisor(source, runner).advise(request, plan);
            assertThat(suggestions).singleElement().satisfies(s -> {
                assertThat(s.columns()).containsExactly("customer_id");
                assertThat(s.verified()).isTrue();
                assertThat(s.usedByPlanner()).isTrue();
                assertThat(s.costAfter()).isLessThan(s.costBefore());
                assertThat(s.verification()).startsWith("Verified with hypopg: the planner uses it");
            });
            try (Statement s = session.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM hypopg()), "
                         + "(SELECT count(*) FROM pg_prepared_statements WHERE from_sql)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("hypothetical indexes left in the session").isZero();
                assertThat(rs.getInt(2)).as("prepared statements left in the session").isZero();
            }
        }
        try (Connection c = superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE tablename = 'orders'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("only the primary key exists for real").isEqualTo(1);
        }
    }
}
