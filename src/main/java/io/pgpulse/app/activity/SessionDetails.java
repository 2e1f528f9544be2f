package io.pgpulse.app.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.pgpulse.core.sampling.SamplerConfig;

/** The detail pane's fields for one session, as label and value. */
final class SessionDetails {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** The sampler keeps this many characters of a running query. */
    static final int TEXT_LIMIT = SamplerConfig.defaults().activityTextChars();

    private SessionDetails() {
    }

    record Field(String label, String value) {
    }

    static List<Field> of(RowView v, ZoneId zone) {
        var row = v.row();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("pid", Integer.toString(row.pid())));
        fields.add(new Field("State", row.state() == null ? Texts.NONE
                : v.stateAge() == null ? row.state() : row.state() + " for " + Texts.age(v.stateAge())));
        fields.add(new Field("Wait event", Texts.orNone(v.waitEvent())));
        if (v.waiting()) {
            fields.add(new Field("Blocked by", "pid " + Texts.pids(row.blockedBy())));
        }
        if (v.waiters() > 0) {
            fields.add(new Field("Blocks", Texts.count(v.waiters(), "session waits", "sessions wait") + " for it directly"));
        }
        fields.add(new Field("User", Texts.orNone(row.user())));
        fields.add(new Field("Database", Texts.orNone(row.database())));
        fields.add(new Field("Application", Texts.orNone(row.application())));
        fields.add(new Field("Client", Texts.orNone(v.client())));
        fields.add(new Field("Backend type", Texts.orNone(row.backendType())));
        fields.add(new Field("Transaction", when(row.xactStart(), v.xactAge(), zone)));
        fields.add(new Field("Query started", when(row.queryStart(), v.queryAge(), zone)));
        fields.add(new Field("Connected", when(row.backendStart(), null, zone)));
        if (row.query() != null && row.query().length() >= TEXT_LIMIT) {
            fields.add(new Field("Query text", "cut at " + TEXT_LIMIT + " characters (the sampler's limit)"));
        }
        if (row.queryId() != null) {
            fields.add(new Field("Query id", Long.toString(row.queryId())));
        }
        return fields;
    }

    private static String when(Instant at, Duration age, ZoneId zone) {
        if (at == null) {
            return Texts.NONE;
        }
        String time = CLOCK.format(at.atZone(zone));
        return age == null ? "at " + time : Texts.age(age) + " ago, at " + time;
    }
}
