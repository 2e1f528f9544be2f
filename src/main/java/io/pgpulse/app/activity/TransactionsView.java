package io.pgpulse.app.activity;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Long and forgotten transactions, and deadlocks, each figure with a sentence on what it means. */
final class TransactionsView {
    private final VBox facts = new VBox(8);
    private final List<Tile> tiles = new ArrayList<>();
    private final VBox root;

    TransactionsView(ActivityViewModel vm) {
        Label title = new Label("Transactions");
        title.getStyleClass().add("card-title");
        ScrollPane scroll = new ScrollPane(facts);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("activity-facts-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root = new VBox(6, title, scroll);
        root.setPrefWidth(340);
        root.setMinWidth(280);
        root.getStyleClass().addAll("card", "activity-transactions");
        vm.transactionsProperty().addListener((obs, was, is) -> show(is));
        show(vm.transactionsProperty().get());
    }

    Node root() {
        return root;
    }

    /** Updates the four tiles in place; they are only built when their number changes. */
    private void show(List<TransactionFact> list) {
        if (facts.getChildren().size() != list.size()) {
            facts.getChildren().clear();
            tiles.clear();
            for (int i = 0; i < list.size(); i++) {
                Tile tile = new Tile();
                tiles.add(tile);
                facts.getChildren().add(tile.box);
            }
        }
        for (int i = 0; i < list.size(); i++) {
            tiles.get(i).show(list.get(i));
        }
    }

    private static final class Tile {
        final Label name = new Label();
        final Label value = new Label();
        final Label meaning = new Label();
        final VBox box;
        String tone = "";

        Tile() {
            name.getStyleClass().add("activity-fact-title");
            value.setMinWidth(Label.USE_PREF_SIZE);
            value.getStyleClass().add("activity-fact-value");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(8, name, gap, value);
            line.setAlignment(Pos.BASELINE_LEFT);
            meaning.setWrapText(true);
            meaning.setMinHeight(Label.USE_PREF_SIZE);
            meaning.getStyleClass().add("muted");
            box = new VBox(2, line, meaning);
            box.getStyleClass().add("activity-fact");
        }

        void show(TransactionFact f) {
            name.setText(f.title());
            value.setText(f.value());
            meaning.setText(f.meaning());
            if (!tone.equals(f.tone())) {
                value.getStyleClass().remove(tone);
                box.getStyleClass().remove(tone);
                tone = f.tone();
                value.getStyleClass().add(tone);
                box.getStyleClass().add(tone);
            }
        }
    }
}
