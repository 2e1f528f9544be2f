package io.pgpulse.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgpulse.core.connection.input.Secret;
import java.util.Map;
import java.util.Set;

/**
 * The last check before {@code profiles.json} is written: the password that came with the
 * profile must not appear anywhere in the document. Profiles have no field for a password, so
 * this only fires on a bug — a raw connection string stored somewhere, a password pasted into the
 * wrong field — and then writing nothing is better than writing the secret.
 */
final class LeakGuard {

    /**
     * Fields that may legitimately equal the password. A password identical to the user or
     * database name (postgres/postgres on every developer laptop) is no secret from anyone who can
     * read the profile, and refusing to save such profiles would help nobody.
     */
    private static final Set<String> IDENTITY_FIELDS = Set.of("name", "host", "database", "user", "serviceName");
    /** Shorter passwords occur inside ordinary words and paths by chance; they are only compared whole. */
    private static final int MIN_SUBSTRING_LENGTH = 4;

    private LeakGuard() {
    }

    /**
     * @throws IllegalStateException naming the field (never the value) that holds the password
     */
    static void check(JsonNode document, Secret password) {
        if (password == null || password.isEmpty()) {
            return;
        }
        String secret = password.reveal();
        String field = find(document, "", secret);
        if (field != null) {
            throw new IllegalStateException("Refusing to write " + ProfileStore.FILE_NAME + ": the field '" + field
                    + "' would contain the profile's password. Nothing was written.");
        }
    }

    private static String find(JsonNode node, String path, String secret) {
        if (node.isTextual()) {
            return leaks(node.asText(), lastSegment(path), secret) ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), path + "[" + i + "]", secret);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            if (leaks(entry.getKey(), "", secret)) {
                return child;
            }
            String found = find(entry.getValue(), child, secret);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean leaks(String value, String field, String secret) {
        if (value.equals(secret)) {
            return !IDENTITY_FIELDS.contains(field);
        }
        return secret.length() >= MIN_SUBSTRING_LENGTH && value.contains(secret);
    }

    private static String lastSegment(String path) {
        String withoutIndex = path.replaceAll("\\[\\d+]$", "");
        return withoutIndex.substring(withoutIndex.lastIndexOf('.') + 1);
    }
}
