package io.pgpulse.core.connection.input;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connection settings PgPulse understands, under their libpq name, their {@code PG*}
 * environment variable and, where pgjdbc spells them differently, the pgjdbc name (also accepted
 * in input, so that pasted JDBC URLs work).
 */
enum Keyword {
    HOST("host", "PGHOST", null),
    HOSTADDR("hostaddr", "PGHOSTADDR", null),
    PORT("port", "PGPORT", null),
    DBNAME("dbname", "PGDATABASE", null),
    USER("user", "PGUSER", null),
    PASSWORD("password", "PGPASSWORD", null),
    PASSFILE("passfile", "PGPASSFILE", null),
    SERVICE("service", "PGSERVICE", null),
    SSLMODE("sslmode", "PGSSLMODE", null),
    /** pgjdbc's older switch; {@code ssl=true} means {@code verify-full} there. */
    SSL("ssl", null, null),
    SSLROOTCERT("sslrootcert", "PGSSLROOTCERT", null),
    SSLCERT("sslcert", "PGSSLCERT", "sslcert"),
    SSLKEY("sslkey", "PGSSLKEY", "sslkey"),
    SSLPASSWORD("sslpassword", null, null),
    CONNECT_TIMEOUT("connect_timeout", "PGCONNECT_TIMEOUT", null),
    GSSENCMODE("gssencmode", "PGGSSENCMODE", "gssEncMode"),
    TARGET_SESSION_ATTRS("target_session_attrs", "PGTARGETSESSIONATTRS", "targetServerType"),
    CHANNEL_BINDING("channel_binding", "PGCHANNELBINDING", "channelBinding"),
    SSLNEGOTIATION("sslnegotiation", "PGSSLNEGOTIATION", "sslNegotiation"),
    LOAD_BALANCE_HOSTS("load_balance_hosts", "PGLOADBALANCEHOSTS", "loadBalanceHosts"),
    REQUIRE_AUTH("require_auth", "PGREQUIREAUTH", "requireAuth"),
    KRBSRVNAME("krbsrvname", "PGKRBSRVNAME", "kerberosServerName"),
    GSSLIB("gsslib", "PGGSSLIB", "gsslib");

    private static final Map<String, Keyword> BY_LOWER_NAME = new HashMap<>();

    static {
        for (Keyword keyword : values()) {
            BY_LOWER_NAME.put(keyword.libpqName, keyword);
            if (keyword.jdbcName != null) {
                BY_LOWER_NAME.put(keyword.jdbcName.toLowerCase(Locale.ROOT), keyword);
            }
        }
    }

    private final String libpqName;
    private final String environmentVariable;
    private final String jdbcName;

    Keyword(String libpqName, String environmentVariable, String jdbcName) {
        this.libpqName = libpqName;
        this.environmentVariable = environmentVariable;
        this.jdbcName = jdbcName;
    }

    String libpqName() {
        return libpqName;
    }

    /** {@code null} when libpq reads no environment variable for it. */
    String environmentVariable() {
        return environmentVariable;
    }

    /** The pgjdbc property this becomes in {@link ConnectionTarget#jdbcProperties()}, or {@code null}. */
    String jdbcName() {
        return jdbcName;
    }

    boolean isSecret() {
        return this == PASSWORD || this == SSLPASSWORD;
    }

    /** Case-insensitive, because a wrong case should not turn a known key into an unknown one. */
    static Keyword lookup(String key) {
        return BY_LOWER_NAME.get(key.toLowerCase(Locale.ROOT));
    }

    static boolean isSecretKey(String key) {
        Keyword keyword = lookup(key);
        return keyword != null && keyword.isSecret();
    }

    static String supportedNames() {
        String libpq = Arrays.stream(values()).filter(k -> k != SSL).map(Keyword::libpqName)
                .collect(Collectors.joining(", "));
        String jdbc = Arrays.stream(values())
                .filter(k -> k.jdbcName != null && !k.jdbcName.equalsIgnoreCase(k.libpqName))
                .map(Keyword::jdbcName).collect(Collectors.joining(", "));
        return libpq + " (pgjdbc spellings: ssl, " + jdbc + ")";
    }
}
