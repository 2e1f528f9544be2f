package io.pgpulse.core.profiles;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.connection.input.ConnectionInputException;
import io.pgpulse.core.connection.input.ConnectionInputParser;
import io.pgpulse.core.connection.input.ConnectionTarget;
import io.pgpulse.core.connection.input.ParseResult;
import io.pgpulse.core.connection.input.PasswordSource;
import io.pgpulse.core.connection.input.Secret;
import io.pgpulse.core.profiles.PasswordResolution.Origin;
import io.pgpulse.core.profiles.PasswordResolution.PasswordNeeded;
import io.pgpulse.core.profiles.PasswordResolution.Reason;
import io.pgpulse.core.profiles.PasswordResolution.Resolved;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a connection's password comes from, in psql's spirit: what the user gave
 * explicitly or set up outside PgPulse ({@code password=}, {@code PGPASSWORD}, {@code .pgpass},
 * the service file — already found by the parser) wins; then the keychain, if the profile keeps
 * its password there; otherwise the user is asked.
 *
 * <p>It may read the keychain, which can take up to the keychain's timeout: call it off the FX
 * thread.
 */
@CoreService
public final class PasswordResolver {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResolver.class);

    private final SecretStore secrets;
    private final ConnectionInputParser parser;

    public PasswordResolver(SecretStore secrets, ConnectionInputParser parser) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Resolves a saved profile against today's environment, {@code .pgpass} and service file.
     *
     * @throws ConnectionInputException if the profile no longer resolves, e.g. its certificate file
     *                                  was removed
     */
    public PasswordResolution resolve(Profile profile) throws ConnectionInputException {
        return resolve(profile, parser.parse(profile.connection().toConninfo()));
    }

    /** Ad-hoc input, with no profile and so no keychain entry. */
    public PasswordResolution resolve(ParseResult parsed) {
        ConnectionTarget target = parsed.target();
        if (target.passwordSource() != PasswordSource.NONE) {
            return new Resolved(target, origin(target.passwordSource()));
        }
        return new PasswordNeeded(target, Reason.NOT_FOUND, "No password was given for " + target.displayName()
                + ", and PGPASSWORD and .pgpass have none.", false);
    }

    /** @param parsed {@code profile}'s connection, parsed by the caller to keep its warnings */
    public PasswordResolution resolve(Profile profile, ParseResult parsed) {
        Objects.requireNonNull(profile, "profile");
        ConnectionTarget target = parsed.target();
        if (target.passwordSource() != PasswordSource.NONE) {
            return new Resolved(target, origin(target.passwordSource()));
        }
        String name = profile.name();
        boolean keychain = secrets instanceof OsKeychain;
        return switch (profile.passwordStorage()) {
            case ASK_EVERY_SESSION -> new PasswordNeeded(target, Reason.ASK_EVERY_SESSION,
                    "Profile '" + name + "' asks for its password every session.", keychain);
            case PGPASS_OR_ENV -> new PasswordNeeded(target, Reason.NOT_IN_PGPASS_OR_ENV, "Profile '" + name
                    + "' expects its password in PGPASSWORD or .pgpass, but neither has one for "
                    + target.displayName() + ".", keychain);
            case KEYCHAIN -> fromKeychain(profile, target, keychain);
        };
    }

    private PasswordResolution fromKeychain(Profile profile, ConnectionTarget target, boolean keychain) {
        String name = profile.name();
        if (!keychain) {
            return new PasswordNeeded(target, Reason.KEYCHAIN_UNAVAILABLE, "Profile '" + name
                    + "' keeps its password in the keychain, but no keychain is available this session.", false);
        }
        Optional<Secret> stored;
        try {
            stored = secrets.load(name);
        } catch (SecretStoreException e) {
            LOG.warn("Could not read the password of profile '{}' from the keychain: {}", name, e.getMessage());
            return new PasswordNeeded(target, Reason.KEYCHAIN_FAILED, e.getMessage(), false);
        }
        if (stored.isEmpty()) {
            return new PasswordNeeded(target, Reason.NOT_IN_KEYCHAIN,
                    "The keychain has no password for profile '" + name + "'.", true);
        }
        // PasswordSource has no keychain member; PROMPT ("supplied after parsing") is the closest,
        // and Resolved.origin says where it really came from.
        return new Resolved(target.withPassword(stored.get(), PasswordSource.KEYCHAIN), Origin.KEYCHAIN);
    }

    private static Origin origin(PasswordSource source) {
        return switch (source) {
            case INPUT -> Origin.CONNECTION_INPUT;
            case ENVIRONMENT -> Origin.ENVIRONMENT;
            case PGPASS -> Origin.PGPASS;
            case SERVICE_FILE -> Origin.SERVICE_FILE;
            case PROMPT -> Origin.TYPED;
            default -> throw new IllegalArgumentException("no origin for a password from " + source);
        };
    }
}
