package io.pgpulse.app.activity;

import java.time.Instant;
import java.util.Optional;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import io.pgpulse.core.activity.SessionRef;

/**
 * One row of the sessions table, kept for as long as its session lives (same pid and
 * backend_start) and updated in place on every refresh, so the table never rebuilds its rows and
 * keeps selection and scroll position. Only the cells on screen listen to {@link #viewProperty()}.
 */
public final class SessionItem {
    private final int pid;
    private final Instant backendStart;
    private final ReadOnlyObjectWrapper<RowView> view;
    boolean shown;
    long seen;

    SessionItem(int pid, Instant backendStart, RowView initial) {
        this.pid = pid;
        this.backendStart = backendStart;
        this.view = new ReadOnlyObjectWrapper<>(this, "view", initial);
    }

    public int pid() {
        return pid;
    }

    /** Empty when this role may not see when the session started: it cannot be signalled safely. */
    public Optional<SessionRef> ref() {
        return backendStart == null ? Optional.empty() : Optional.of(new SessionRef(pid, backendStart));
    }

    public RowView view() {
        return view.get();
    }

    public ReadOnlyObjectProperty<RowView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    void update(RowView next) {
        view.set(next);
    }

    /** The identity a row keeps across refreshes: a reused pid is a different session. */
    record Key(int pid, Instant backendStart) {
    }

    Key key() {
        return new Key(pid, backendStart);
    }

    @Override
    public String toString() {
        return "SessionItem[pid " + pid + "]";
    }
}
