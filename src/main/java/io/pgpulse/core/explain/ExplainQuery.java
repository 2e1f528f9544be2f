package io.pgpulse.core.explain;

/** The catalog queries the EXPLAIN runner sends, each a versioned resource under {@code io/pgpulse/core/explain}. */
public enum ExplainQuery {
    /** Volatility and (for SQL and PL/pgSQL functions outside pg_catalog) the definition of functions, by name. */
    FUNCTIONS("functions", 140000),
    /** Row counts and analyze history of the tables a plan reads. */
    TABLE_STATS("table_stats", 140000),
    /** The schema hypopg is installed in, if it is. */
    HYPOPG_SCHEMA("hypopg_schema", 140000);

    private final VersionedSql sql;

    ExplainQuery(String name, int... floors) {
        this.sql = VersionedSql.load("/io/pgpulse/core/explain", name, floors);
    }

    public String sql(int serverVersionNum) {
        return sql.sql(serverVersionNum);
    }

    public VersionedSql variants() {
        return sql;
    }
}
