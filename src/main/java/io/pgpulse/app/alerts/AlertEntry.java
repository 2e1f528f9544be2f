package io.pgpulse.app.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.pgpulse.core.alerts.AlertEvent;
import io.pgpulse.core.alerts.AlertKind;
import io.pgpulse.core.analysis.Severity;

/**
 * One line of the alert list. Entries never change once written, so the list only ever grows at
 * the top and loses its oldest lines at the bottom.
 *
 * @param evidence the event's figures as "key: value" pairs, in the order the engine gave them
 */
public record AlertEntry(Instant at, Severity severity, AlertEvent.Type type, AlertKind kind, String summary,
        String evidence) {

    static AlertEntry of(AlertEvent e) {
        return new AlertEntry(e.at(), e.severity(), e.type(), e.kind(), e.summary(), evidence(e.evidence()));
    }

    static String evidence(Map<String, Object> evidence) {
        return evidence.entrySet().stream()
                .filter(en -> en.getValue() != null)
                .map(en -> en.getKey() + ": " + en.getValue())
                .collect(Collectors.joining(", "));
    }
}
