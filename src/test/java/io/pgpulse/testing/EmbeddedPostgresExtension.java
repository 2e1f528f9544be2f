package io.pgpulse.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests a real, shared embedded PostgreSQL with pg_stat_statements preloaded:
 * declare a {@link TestServer} parameter (optionally {@code @Pg(16)}). Tests that run on every
 * major take a {@link PgMajor} from {@code @EnumSource} and call {@link PgServers#get}.
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.findAnnotation(Pg.class)
                .map(pg -> PgServers.get(PgMajor.of(pg.value())))
                .orElseGet(PgServers::newest);
    }
}
