package io.pgpulse.app.demo;

import javafx.scene.Node;
import javafx.scene.control.Label;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.kit.Page;
import io.pgpulse.demo.DemoEnvironment;

/** Placeholder demo panel. */
public final class DemoPage implements Page {
    private final Label view = new Label("Demo");

    public DemoPage(DemoEnvironment demo, AppContext context) {
    }

    @Override
    public String title() {
        return "Demo";
    }

    @Override
    public Ikon icon() {
        return Feather.PLAY_CIRCLE;
    }

    @Override
    public Node view() {
        return view;
    }
}
