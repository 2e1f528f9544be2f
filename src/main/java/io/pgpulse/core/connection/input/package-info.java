/**
 * Turns what a user types or pastes — a {@code postgresql://} URI, a libpq {@code key=value}
 * string, the connection form, or nothing at all — into a {@link
 * io.pgpulse.core.connection.input.ConnectionTarget}, the way psql would: explicit input, then the
 * service file entry, then {@code PG*} environment variables, then defaults; password from the
 * input, then {@code PGPASSWORD}, then {@code .pgpass}.
 *
 * <p>Two promises hold for everything in this package: a password never reaches a message, a log
 * line or a {@code toString()}, and a driver property that names a Java class or writes files is
 * refused instead of being passed to pgjdbc.
 */
package io.pgpulse.core.connection.input;
