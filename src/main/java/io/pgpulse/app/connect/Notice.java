package io.pgpulse.app.connect;

import java.util.Objects;

/** A one-line outcome for the user, e.g. "Saved profile 'shop'", with the tone to show it in. */
public record Notice(Tone tone, String text) {
    public enum Tone { SUCCESS, INFO, WARNING, DANGER }

    public Notice {
        Objects.requireNonNull(tone, "tone");
        Objects.requireNonNull(text, "text");
    }

    public static Notice success(String text) {
        return new Notice(Tone.SUCCESS, text);
    }

    public static Notice info(String text) {
        return new Notice(Tone.INFO, text);
    }

    public static Notice warning(String text) {
        return new Notice(Tone.WARNING, text);
    }

    public static Notice danger(String text) {
        return new Notice(Tone.DANGER, text);
    }
}
