package io.pgpulse.core.connection.input;

import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.FORBIDDEN_PROPERTY;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.MALFORMED_SERVICE_FILE;
import static io.pgpulse.core.connection.input.ConnectionInputException.Reason.UNKNOWN_PROPERTY;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings from one source — the input, a service entry, or the environment — after the
 * allow-list check. An empty value counts as not given, so it lets the next source through.
 */
final class Layer {

    private final Map<Keyword, Setting> settings = new EnumMap<>(Keyword.class);

    private Layer() {
    }

    static Layer empty() {
        return new Layer();
    }

    /**
     * @param firstWins service files keep the first occurrence of a key, as libpq does; a
     *                  connection string keeps the last
     */
    static Layer of(List<RawSetting> rawSettings, PasswordSource source, boolean firstWins, ParseContext context)
            throws ConnectionInputException {
        Layer layer = new Layer();
        for (RawSetting raw : rawSettings) {
            String key = raw.key();
            String refusal = PropertyRules.refusal(key);
            if (refusal != null) {
                throw context.fail(FORBIDDEN_PROPERTY,
                        "The property '" + key + "' " + raw.origin() + " is not allowed: " + refusal + ".");
            }
            String ignoredBecause = PropertyRules.ignoredBecause(key);
            if (ignoredBecause != null) {
                context.warn("Ignoring " + key + " " + raw.origin() + ": " + ignoredBecause + ".");
                continue;
            }
            Keyword keyword = Keyword.lookup(key);
            if (keyword == null) {
                throw context.fail(UNKNOWN_PROPERTY, "Unknown connection property '" + key + "' " + raw.origin()
                        + ". PgPulse accepts " + Keyword.supportedNames() + ".");
            }
            if (keyword == Keyword.SERVICE && source == PasswordSource.SERVICE_FILE) {
                throw context.fail(MALFORMED_SERVICE_FILE,
                        "A service entry cannot name another service ('" + key + "' " + raw.origin() + ").");
            }
            if (raw.value().isEmpty()) {
                if (!firstWins) {
                    layer.settings.remove(keyword);
                }
                continue;
            }
            Setting setting = new Setting(keyword, key, raw.value(), raw.origin(), source);
            if (firstWins) {
                layer.settings.putIfAbsent(keyword, setting);
            } else {
                layer.settings.put(keyword, setting);
            }
        }
        return layer;
    }

    static Layer fromEnvironment(PgEnvironment environment, ParseContext context) {
        Layer layer = new Layer();
        for (Keyword keyword : Keyword.values()) {
            String variable = keyword.environmentVariable();
            if (variable == null) {
                continue;
            }
            environment.variable(variable).ifPresent(value -> {
                if (keyword.isSecret()) {
                    context.addSecret(value);
                }
                layer.settings.put(keyword, new Setting(keyword, variable, value,
                        "in environment variable " + variable, PasswordSource.ENVIRONMENT));
            });
        }
        if (environment.variable("PGOPTIONS").isPresent()) {
            context.warn("Ignoring environment variable PGOPTIONS: PgPulse sets its session options itself.");
        }
        return layer;
    }

    Setting get(Keyword keyword) {
        return settings.get(keyword);
    }
}
