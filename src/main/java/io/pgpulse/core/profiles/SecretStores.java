package io.pgpulse.core.profiles;

import io.pgpulse.core.CoreService;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks where passwords go for this session: the OS keychain if it answers, else nowhere. */
@CoreService
public final class SecretStores {

    private static final Logger LOG = LoggerFactory.getLogger(SecretStores.class);

    private SecretStores() {
    }

    /**
     * @param store    the keychain when it is available, else {@link AskEverySession}
     * @param keychain what probing the keychain found, for the UI to explain the choice
     */
    public record Detection(SecretStore store, SecretStore.Availability keychain) {

        public Detection {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(keychain, "keychain");
        }

        /** Whether "remember the password" may be offered. */
        public boolean remembersPasswords() {
            return store instanceof OsKeychain;
        }

        /** One sentence for a status line or a tooltip. */
        public String explanation() {
            if (keychain instanceof SecretStore.Unavailable unavailable) {
                return "Passwords are not saved, because " + unavailable.reason()
                        + "; PgPulse asks for them every session.";
            }
            return "Passwords are kept in the " + ((SecretStore.Available) keychain).backendName() + ".";
        }
    }

    /**
     * Probes the OS keychain. Blocks for up to {@code timeout}, so call it off the FX thread —
     * typically once at startup.
     */
    public static Detection detect(Duration timeout) {
        return detect(OsKeychain.system(timeout));
    }

    static Detection detect(OsKeychain keychain) {
        SecretStore.Availability availability = keychain.probe();
        Detection detection = new Detection(
                availability instanceof SecretStore.Available ? keychain : AskEverySession.INSTANCE, availability);
        LOG.info("{}", detection.explanation());
        return detection;
    }
}
