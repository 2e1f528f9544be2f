package io.pgpulse.core.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.pgpulse.core.CoreService;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.connection.MonitorConnection;
import io.pgpulse.core.connection.input.Redactor;
import io.pgpulse.core.session.MonitorSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels queries and terminates sessions, one target at a time, each re-checked in the very
 * statement that sends the signal: the pid must still belong to the session that started at the
 * remembered {@code backend_start}, must not be one of the monitor's own sessions, and this role
 * must be allowed to signal it. The signal function is only reached through a {@code CASE} whose
 * condition holds all three, so a failed check sends nothing.
 *
 * <p>The monitor's sessions are read-only; that does not stop these functions, which change no
 * data. The session's own {@code statement_timeout} bounds each call.
 */
@CoreService
public final class SessionActions implements Signaller {
    private static final Logger log = LoggerFactory.getLogger(SessionActions.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * {@code permitted} repeats the server's own rule (signalfuncs.c): superusers signal anyone;
     * nobody else signals a superuser or a role-less background process; other roles' sessions need
     * pg_signal_backend. Parameters: 1 = the remembered backend_start, 2 = the pid.
     */
    private static final String TEMPLATE = """
            SELECT /* pgpulse */ t.pid, t.backend_start, t.usename, t.backend_type, t.own, t.target_superuser,
                   t.permitted,
                   CASE WHEN t.backend_start = ? AND NOT t.own AND t.permitted THEN {{function}}(t.pid) END AS sent
              FROM (SELECT a.pid, a.backend_start, a.usename, a.backend_type,
                           (a.pid = pg_backend_pid()
                            OR a.application_name = current_setting('application_name')) AS own,
                           (a.usesysid IS NULL OR coalesce(r.rolsuper, true)) AS target_superuser,
                           (coalesce((SELECT m.rolsuper FROM pg_roles m WHERE m.rolname = current_user), false)
                            OR (a.usesysid IS NOT NULL AND NOT coalesce(r.rolsuper, true)
                                AND (pg_has_role(current_user, a.usesysid, 'USAGE')
                                     OR pg_has_role(current_user, 'pg_signal_backend', 'USAGE')))) AS permitted
                      FROM pg_stat_activity a
                      LEFT JOIN pg_roles r ON r.oid = a.usesysid
                     WHERE a.pid = ?) t""";
    private static final Map<Signal, String> SQL = new EnumMap<>(Signal.class);

    static {
        for (Signal s : Signal.values()) {
            SQL.put(s, TEMPLATE.replace("{{function}}", s.function()));
        }
    }

    private final MonitorConnection connection;
    private final SignalPolicy policy;
    private final ZoneId zone;

    public SessionActions(MonitorConnection connection, SignalPolicy policy, ZoneId zone) {
        this.connection = Objects.requireNonNull(connection);
        this.policy = Objects.requireNonNull(policy);
        this.zone = Objects.requireNonNull(zone);
    }

    public SessionActions(MonitorConnection connection, Capabilities capabilities) {
        this(connection, SignalPolicy.of(capabilities), ZoneId.systemDefault());
    }

    public static SessionActions of(MonitorSession session) {
        return new SessionActions(session.connection(), session.capabilities());
    }

    public SignalPolicy policy() {
        return policy;
    }

    public List<SignalResult> cancel(List<SessionRef> targets) {
        return send(Signal.CANCEL, targets);
    }

    public List<SignalResult> terminate(List<SessionRef> targets) {
        return send(Signal.TERMINATE, targets);
    }

    /** One borrowed session for the batch; a target that fails does not stop the others. */
    @Override
    public List<SignalResult> send(Signal signal, List<SessionRef> targets) {
        List<SignalResult> results = new ArrayList<>(targets.size());
        if (targets.isEmpty()) {
            return results;
        }
        try (Connection c = connection.borrow(); PreparedStatement ps = c.prepareStatement(SQL.get(signal))) {
            for (SessionRef target : targets) {
                SignalResult result = sendOne(ps, signal, target);
                results.add(result);
                log.info("{} pid {}: {}", signal.verb(), target.pid(), result.getClass().getSimpleName());
            }
        } catch (SQLException e) {
            String error = Redactor.redact(String.valueOf(e.getMessage()));
            for (int i = results.size(); i < targets.size(); i++) {
                results.add(new SignalResult.Failed(targets.get(i), error));
            }
            log.warn("{} failed: {}", signal.verb(), error);
        }
        return results;
    }

    private SignalResult sendOne(PreparedStatement ps, Signal signal, SessionRef target) throws SQLException {
        ps.setObject(1, OffsetDateTime.ofInstant(target.backendStart(), ZoneOffset.UTC));
        ps.setInt(2, target.pid());
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new SignalResult.NotFound(target);
            }
            OffsetDateTime started = rs.getObject("backend_start", OffsetDateTime.class);
            if (rs.getBoolean("own")) {
                return new SignalResult.NotPermitted(target, "pid " + target.pid()
                        + " is one of PgPulse's own sessions; PgPulse never signals itself");
            }
            if (started == null) {
                return new SignalResult.NotPermitted(target, "Your role " + policy.role() + " cannot see pid "
                        + target.pid() + "'s details, so PgPulse cannot check it is still the same session;"
                        + " nothing was sent. " + policy.missingGrant());
            }
            if (!started.toInstant().equals(target.backendStart())) {
                return pidReused(target, started.toInstant());
            }
            if (!rs.getBoolean("permitted")) {
                return new SignalResult.NotPermitted(target, refusal(target, rs));
            }
            boolean sent = rs.getBoolean("sent");
            // The function returns false, with a warning, when the process exited in between.
            return sent ? new SignalResult.Sent(target, signal) : new SignalResult.NotFound(target);
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return new SignalResult.NotPermitted(target, "The server refused to " + signal.verb() + " pid "
                        + target.pid() + " (" + Redactor.redact(String.valueOf(e.getMessage())) + "). "
                        + policy.missingGrant());
            }
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            return new SignalResult.Failed(target, Redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    private SignalResult pidReused(SessionRef target, Instant currentStart) {
        return new SignalResult.PidReused(target, currentStart, "pid " + target.pid()
                + " now belongs to a different session (started " + CLOCK.format(currentStart.atZone(zone))
                + "); nothing was sent");
    }

    private String refusal(SessionRef target, ResultSet rs) throws SQLException {
        String user = rs.getString("usename");
        if (user == null) {
            return "pid " + target.pid() + " is a background process (" + rs.getString("backend_type")
                    + "); only a superuser may signal it; nothing was sent";
        }
        if (rs.getBoolean("target_superuser")) {
            return "pid " + target.pid() + " belongs to the superuser " + user
                    + "; only a superuser may signal it; nothing was sent";
        }
        return policy.missingGrant();
    }
}
