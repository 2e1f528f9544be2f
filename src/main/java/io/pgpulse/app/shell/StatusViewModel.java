package io.pgpulse.app.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Format;
import io.pgpulse.core.capability.Capabilities;
import io.pgpulse.core.sampling.SamplerStatus;
import io.pgpulse.core.sampling.Snapshot;

/**
 * The status bar's state: server, version, refresh interval, last poll latency and the
 * connection state in words ("connected", "reconnecting in 4 s", "stale since 14:02:11").
 */
public final class StatusViewModel {
    public enum Tone { CONNECTED, RECONNECTING, STALE, PAUSED }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final LiveSession live;
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("connecting…");
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.RECONNECTING);
    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private SamplerStatus status = new SamplerStatus.Stopped();

    public StatusViewModel(LiveSession live) {
        this.live = live;
        Capabilities caps = live.session().capabilities();
        server.set(live.label() + " · " + live.session().target().displayName());
        version.set("PostgreSQL " + caps.version());
        interval.set(live.session().sampler().interval());
        interval.addListener((obs, old, now) -> {
            if (now != null && !now.equals(live.session().sampler().interval())) {
                live.session().sampler().setInterval(now);
            }
        });
        paused.addListener((obs, old, now) -> {
            if (now) {
                live.session().sampler().pause();
            } else {
                live.session().sampler().resume();
            }
        });
        live.onStatus(s -> {
            status = s;
            tick(Instant.now());
        });
        live.onSnapshot(this::onSnapshot);
    }

    private void onSnapshot(Snapshot s) {
        latency.set("last poll " + Format.millis(s.stats().elapsed().toNanos() / 1e6));
    }

    /** Re-renders time-relative words ("in 3 s"); the view calls it once a second. */
    public void tick(Instant now) {
        if (paused.get()) {
            state.set("paused — data frozen, press Ctrl+P to resume");
            tone.set(Tone.PAUSED);
        } else if (status instanceof SamplerStatus.Reconnecting r) {
            long in = Math.max(0, Duration.between(now, r.nextAttempt()).toSeconds());
            state.set("reconnecting in " + in + " s (attempt " + r.attempt() + ") · stale since "
                    + CLOCK.format(r.staleSince()) + " · " + r.reason());
            tone.set(Duration.between(r.staleSince(), now).toSeconds() > 30 ? Tone.STALE : Tone.RECONNECTING);
        } else if (status instanceof SamplerStatus.Connected c) {
            long age = Duration.between(c.lastPoll(), now).toSeconds();
            Duration i = interval.get();
            if (i != null && age > i.toSeconds() * 3 + 2) {
                state.set("stale since " + CLOCK.format(c.lastPoll()) + " — polls are not completing");
                tone.set(Tone.STALE);
            } else {
                state.set("connected");
                tone.set(Tone.CONNECTED);
            }
        } else {
            state.set("connecting…");
            tone.set(Tone.RECONNECTING);
        }
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ObjectProperty<Tone> toneProperty() {
        return tone;
    }

    public ObjectProperty<Duration> intervalProperty() {
        return interval;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public LiveSession live() {
        return live;
    }
}
