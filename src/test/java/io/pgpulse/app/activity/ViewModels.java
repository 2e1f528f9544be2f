package io.pgpulse.app.activity;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.pgpulse.app.kit.Background;
import io.pgpulse.app.kit.UiExecutor;
import io.pgpulse.core.activity.SessionRef;
import io.pgpulse.core.activity.Signal;
import io.pgpulse.core.activity.SignalPolicy;
import io.pgpulse.core.activity.SignalResult;
import io.pgpulse.core.activity.Signaller;
import io.pgpulse.core.activity.TransactionHorizon;

/** View-models for tests: no server, signals recorded instead of sent, results on the calling thread. */
final class ViewModels {
    static final SignalPolicy SUPERUSER = new SignalPolicy("postgres", true, true);
    static final SignalPolicy MONITOR_ONLY = new SignalPolicy("pgpulse_monitor", false, false);

    private ViewModels() {
    }

    /** Records every request and answers each target with Sent. */
    static final class RecordingSignaller implements Signaller {
        final List<Request> requests = new CopyOnWriteArrayList<>();

        record Request(Signal signal, List<SessionRef> targets) {
        }

        @Override
        public List<SignalResult> send(Signal signal, List<SessionRef> targets) {
            requests.add(new Request(signal, List.copyOf(targets)));
            List<SignalResult> results = new ArrayList<>();
            for (SessionRef t : targets) {
                results.add(new SignalResult.Sent(t, signal));
            }
            return results;
        }
    }

    static ActivityViewModel of(SignalPolicy policy, Signaller signaller, Callable<TransactionHorizon> horizon,
            Background background, Runnable refresh) {
        return new ActivityViewModel(policy, signaller, horizon, background, refresh, ZoneOffset.UTC);
    }

    static ActivityViewModel of(SignalPolicy policy, Signaller signaller) {
        return of(policy, signaller, null, new Background(UiExecutor.direct()), new AtomicInteger()::incrementAndGet);
    }
}
