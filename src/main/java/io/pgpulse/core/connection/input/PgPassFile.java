package io.pgpulse.core.connection.input;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The libpq password file: {@code hostname:port:database:username:password} lines, '*' matching
 * any value in the first four fields, {@code \:} and {@code \\} escapes, first match wins. Like
 * libpq it is ignored, with a warning, unless only its owner can access it.
 */
final class PgPassFile {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> READ_BY_GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private PgPassFile() {
    }

    /**
     * The password of the first line matching any of the hosts, tried in order; empty when there
     * is none or the file is missing, unsafe or unreadable.
     */
    static Optional<String> lookup(Path file, List<HostPort> hosts, String database, String user,
            PgEnvironment environment, ParseContext context) {
        if (!environment.exists(file)) {
            return Optional.empty();
        }
        if (!environment.isRegularFile(file)) {
            context.warn("Ignoring the password file " + file + ": it is not a regular file.");
            return Optional.empty();
        }
        List<String> lines;
        try {
            if (!environment.windows() && !isOwnerOnly(file, environment, context)) {
                return Optional.empty();
            }
            lines = environment.readLines(file);
        } catch (IOException e) {
            context.warn("Could not read the password file " + file + " (" + e.getClass().getSimpleName()
                    + "); continuing without it.");
            return Optional.empty();
        }
        for (HostPort host : hosts) {
            for (String line : lines) {
                String password = match(line, host.host(), Integer.toString(host.port()), database, user);
                if (password != null) {
                    context.addSecret(password);
                    return password.isEmpty() ? Optional.empty() : Optional.of(password);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isOwnerOnly(Path file, PgEnvironment environment, ParseContext context)
            throws IOException {
        Optional<Set<PosixFilePermission>> permissions = environment.posixPermissions(file);
        if (permissions.isEmpty()) {
            return true;
        }
        Set<PosixFilePermission> granted = permissions.get();
        if (granted.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
            return true;
        }
        String who = granted.stream().anyMatch(READ_BY_GROUP_OR_OTHERS::contains)
                ? "it is readable by group or others"
                : "group or others have access to it";
        context.warn("Ignoring " + file + ": " + who + " (mode " + octal(granted) + "); run chmod 0600 " + file);
        return false;
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // The enum is declared in the order of the bits, from owner read (0400) to others execute (01).
            mode |= 0400 >> permission.ordinal();
        }
        return String.format("%04o", mode);
    }

    /** The password if the line matches, else {@code null}. Ports compare as text, as in libpq. */
    static String match(String line, String host, String port, String database, String user) {
        if (line.startsWith("#")) {
            return null;
        }
        int position = 0;
        for (String token : new String[] {host, port, database, user}) {
            position = matchField(line, position, token);
            if (position < 0) {
                return null;
            }
        }
        StringBuilder password = new StringBuilder();
        for (int i = position; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                break;
            }
            if (c == '\\' && i + 1 < line.length()) {
                c = line.charAt(++i);
            }
            password.append(c);
        }
        return password.toString();
    }

    /** libpq's {@code pwdfMatchesString}: the index after the field's ':' if it matches, else -1. */
    private static int matchField(String line, int start, String token) {
        if (line.startsWith("*:", start)) {
            return start + 2;
        }
        int i = start;
        int matched = 0;
        while (i < line.length()) {
            boolean escaped = false;
            if (line.charAt(i) == '\\') {
                i++;
                escaped = true;
                if (i >= line.length()) {
                    return -1;
                }
            }
            char c = line.charAt(i);
            if (c == ':' && !escaped && matched == token.length()) {
                return i + 1;
            }
            if (matched == token.length() || c != token.charAt(matched)) {
                return -1;
            }
            i++;
            matched++;
        }
        return -1;
    }
}
