package io.pgpulse.app.welcome;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The welcome screen needs a password for a profile: the view asks the user and answers exactly
 * once, with {@link #submit} or {@link #cancel}.
 */
public final class PasswordRequest {
    private final String profileName;
    private final String message;
    private final boolean canRemember;
    private final BiConsumer<String, Boolean> onSubmit;
    private final Runnable onCancel;
    private final AtomicBoolean answered = new AtomicBoolean();

    PasswordRequest(String profileName, String message, boolean canRemember, BiConsumer<String, Boolean> onSubmit,
            Runnable onCancel) {
        this.profileName = Objects.requireNonNull(profileName, "profileName");
        this.message = Objects.requireNonNull(message, "message");
        this.canRemember = canRemember;
        this.onSubmit = Objects.requireNonNull(onSubmit, "onSubmit");
        this.onCancel = Objects.requireNonNull(onCancel, "onCancel");
    }

    public String profileName() {
        return profileName;
    }

    /** Why PgPulse asks, e.g. "Profile 'shop' asks for its password every session." */
    public String message() {
        return message;
    }

    /** Whether a "remember in the keychain" option can work this session; offer it only then. */
    public boolean canRemember() {
        return canRemember;
    }

    /** @param remember keep it in the keychain for next time; ignored unless {@link #canRemember()} */
    public void submit(String password, boolean remember) {
        if (answered.compareAndSet(false, true)) {
            onSubmit.accept(password == null ? "" : password, remember && canRemember);
        }
    }

    public void cancel() {
        if (answered.compareAndSet(false, true)) {
            onCancel.run();
        }
    }

    @Override
    public String toString() {
        return "PasswordRequest[" + profileName + "]";
    }
}
