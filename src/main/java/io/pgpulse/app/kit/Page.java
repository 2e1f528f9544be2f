package io.pgpulse.app.kit;

import javafx.scene.Node;

import org.kordamp.ikonli.Ikon;

/** One entry of the navigation: a view built once and kept while the session lives. */
public interface Page {
    String title();

    Ikon icon();

    Node view();

    /** Keyboard shortcut digit (Ctrl/Cmd+N), 1-based. */
    default int shortcut() {
        return 0;
    }
}
