package io.pgpulse.core.explain;

import java.sql.Connection;
import java.sql.SQLException;

/** Lends a session; closing it gives it back. {@code MonitorConnection::borrow} is one. */
@FunctionalInterface
public interface ConnectionSource {
    Connection borrow() throws SQLException;
}
