package io.pgpulse.core.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.pgpulse.core.catalog.SqlCatalog;

/**
 * SQL resources keyed by version floor, loaded like the shared {@link SqlCatalog}: the variant with
 * the highest floor not above {@code server_version_num} serves a server. Each file starts with
 * {@value SqlCatalog#TAG} and repeats it after its first key word; whole-line comments document
 * the file and are not sent.
 */
public final class VersionedSql {
    private final String name;
    private final NavigableMap<Integer, String> byFloor;

    private VersionedSql(String name, NavigableMap<Integer, String> byFloor) {
        this.name = name;
        this.byFloor = byFloor;
    }

    /** Loads {@code <directory>/<name>/<floor>.sql} for every floor; fails loudly when one is missing. */
    public static VersionedSql load(String directory, String name, int... floors) {
        NavigableMap<Integer, String> byFloor = new TreeMap<>();
        for (int floor : floors) {
            String path = directory + "/" + name + "/" + floor + ".sql";
            try (InputStream in = VersionedSql.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("SQL resource missing: " + path);
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.stripLeading().startsWith("--"))
                        .collect(Collectors.joining("\n")).strip();
                if (!sql.startsWith(SqlCatalog.TAG) || sql.indexOf(SqlCatalog.TAG, SqlCatalog.TAG.length()) < 0) {
                    throw new IllegalStateException(path + " must begin with " + SqlCatalog.TAG
                            + " and repeat it after its first key word");
                }
                byFloor.put(floor, sql);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new VersionedSql(name, byFloor);
    }

    public String name() {
        return name;
    }

    public String sql(int serverVersionNum) {
        Map.Entry<Integer, String> e = byFloor.floorEntry(serverVersionNum);
        if (e == null) {
            throw new IllegalStateException("No variant of query '" + name + "' for server_version_num " + serverVersionNum);
        }
        return e.getValue();
    }

    public NavigableMap<Integer, String> variants() {
        return java.util.Collections.unmodifiableNavigableMap(byFloor);
    }
}
