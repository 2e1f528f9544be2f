package io.pgpulse.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SqlCatalogTest {

    @ParameterizedTest(name = "{0} on {1} uses the {2} variant")
    @CsvSource({
            "SERVER_VERSION, 90624, 0",
            "SERVER_VERSION, 180001, 0",
            "SERVER_INFO, 140000, 140000",
            "SERVER_INFO, 150012, 140000",
            "SERVER_INFO, 159999, 140000",
            "SERVER_INFO, 160000, 160000",
            "SERVER_INFO, 180006, 160000",
            "SERVER_INFO, 190000, 160000",
            "STATEMENT_COUNTERS, 140005, 140000",
            "STATEMENT_COUNTERS, 160015, 140000",
            "STATEMENT_COUNTERS, 170000, 170000",
            "STATEMENT_COUNTERS, 180006, 170000",
            "ACTIVITY, 140000, 140000",
            "ACTIVITY, 180006, 140000",
            "LOCKS, 170011, 140000",
            "STATEMENT_TEXTS, 150019, 140000",
    })
    void floorLookupPicksTheHighestVariantNotAboveTheServer(CatalogQuery query, int versionNum, int expectedFloor) {
        assertThat(SqlCatalog.floorFor(query, versionNum)).isEqualTo(expectedFloor);
    }

    @ParameterizedTest
    @EnumSource(value = CatalogQuery.class, names = "SERVER_VERSION", mode = EnumSource.Mode.EXCLUDE)
    void serversOlderThanFourteenHaveNoVariant(CatalogQuery query) {
        assertThatThrownBy(() -> SqlCatalog.floorFor(query, 130012))
                .isInstanceOf(SqlCatalog.UnsupportedVersionException.class)
                .hasMessageContaining(query.resourceName());
    }

    @ParameterizedTest
    @EnumSource(CatalogQuery.class)
    void everyVariantIsTaggedAndLoads(CatalogQuery query) {
        for (int floor : query.floors()) {
            String sql = SqlCatalog.forServer(Math.max(floor, 140000), "public").sql(query);
            assertThat(sql).startsWith(SqlCatalog.TAG);
        }
    }

    @Test
    void sessionQueriesExcludeTheMonitorsOwnSessions() {
        SqlCatalog catalog = SqlCatalog.forServer(180000, "public");
        assertThat(catalog.sql(CatalogQuery.ACTIVITY)).contains("pg_backend_pid()").contains("current_setting('application_name')");
        assertThat(catalog.sql(CatalogQuery.LOCKS)).contains("pg_backend_pid()");
    }

    @Test
    void pgStatStatementsSchemaIsSubstitutedAsAQuotedIdentifier() {
        SqlCatalog catalog = SqlCatalog.forServer(170000, "Monitoring Ext");
        assertThat(catalog.sql(CatalogQuery.STATEMENT_COUNTERS)).contains("\"Monitoring Ext\".pg_stat_statements(false)")
                .doesNotContain(SqlCatalog.PGSS_SCHEMA_PLACEHOLDER);
    }

    @Test
    void resourceFilesAndDeclaredVariantsMatchExactly() throws IOException, URISyntaxException {
        Path root = Path.of(SqlCatalog.class.getResource("sql").toURI());
        Set<String> onDisk = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> onDisk.add(root.relativize(f).toString()));
        }
        Set<String> declared = new HashSet<>();
        for (CatalogQuery q : CatalogQuery.values()) {
            for (int floor : q.floors()) {
                declared.add(q.resourceName() + "/" + floor + ".sql");
            }
        }
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void queriesNeverResetOrChangeAnything() {
        for (CatalogQuery q : CatalogQuery.values()) {
            for (int floor : q.floors()) {
                String sql = SqlCatalog.forServer(Math.max(floor, 140000), "public").sql(q).toLowerCase();
                assertThat(sql).doesNotContain("_reset(").doesNotContain("create ").doesNotContain("insert ")
                        .doesNotContain("update ").doesNotContain("delete ").doesNotContain("alter ");
            }
        }
    }
}
