package io.pgpulse.app.explain;

import java.util.List;
import java.util.Locale;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import io.pgpulse.core.analysis.Severity;
import io.pgpulse.core.explain.Insight;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.indexes.IndexSuggestion;

/**
 * The right-hand column: what is wrong with the plan (insights, most severe first, each linked to
 * its step) and which index would help (with the DDL and whether hypopg confirmed it).
 */
final class AdvicePane {
    /** Cards beyond this many make a huge plan slow to show and nobody reads them. */
    static final int MAX_CARDS = 25;

    private final ExplainViewModel vm;
    private final VBox insightsBox = new VBox(8);
    private final VBox suggestionsBox = new VBox(8);
    private final Label insightsTitle = new Label("What the plan says");
    private final Label suggestionsTitle = new Label("Index suggestions");
    private final Label insightsEmpty = new Label();
    private final Label suggestionsNote = new Label();
    private final ScrollPane root;

    AdvicePane(ExplainViewModel vm) {
        this.vm = vm;
        insightsTitle.getStyleClass().add("card-title");
        suggestionsTitle.getStyleClass().add("card-title");
        insightsEmpty.getStyleClass().add("muted");
        insightsEmpty.setWrapText(true);
        suggestionsNote.getStyleClass().add("muted");
        suggestionsNote.setWrapText(true);
        suggestionsNote.textProperty().bind(vm.suggestionsNoteProperty());
        suggestionsNote.managedProperty().bind(suggestionsNote.textProperty().isNotEmpty());
        suggestionsNote.visibleProperty().bind(suggestionsNote.managedProperty());
        suggestionsNote.setMinHeight(Region.USE_PREF_SIZE);
        insightsEmpty.setMinHeight(Region.USE_PREF_SIZE);

        VBox content = new VBox(10, insightsTitle, insightsBox, insightsEmpty, suggestionsTitle, suggestionsNote,
                suggestionsBox);
        content.getStyleClass().add("plan-advice");
        content.setFillWidth(true);
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.getStyleClass().add("plan-advice-scroll");

        vm.insights().addListener((ListChangeListener<Insight>) c -> showInsights());
        vm.suggestions().addListener((ListChangeListener<IndexSuggestion>) c -> showSuggestions());
        vm.resultProperty().addListener((obs, old, now) -> showInsights());
        showInsights();
        showSuggestions();
    }

    Node root() {
        return root;
    }

    private void showInsights() {
        List<Insight> list = List.copyOf(vm.insights());
        insightsTitle.setText(list.isEmpty() ? "What the plan says" : "What the plan says (" + list.size() + ")");
        List<Node> cards = new java.util.ArrayList<>(list.stream().limit(MAX_CARDS).map(this::card).toList());
        if (list.size() > MAX_CARDS) {
            Label more = new Label("… and " + (list.size() - MAX_CARDS) + " more of the same kinds: the most severe are"
                    + " listed first. Copy as Markdown has them all.");
            more.setWrapText(true);
            more.getStyleClass().add("muted");
            cards.add(more);
        }
        insightsBox.getChildren().setAll(cards);
        boolean hasPlan = vm.resultProperty().get() != null;
        insightsEmpty.setText(!hasPlan ? "Insights appear here once a plan is shown: slow steps, misestimates, spills,"
                + " scans that discard most of a table."
                : list.isEmpty() ? "Nothing stands out in this plan." + (vm.resultProperty().get().plan().analyzed() ? ""
                        : " Without ANALYZE only estimates can be judged: run it with ANALYZE for spills, misestimates"
                                + " and time.")
                : "");
        insightsEmpty.setManaged(!insightsEmpty.getText().isEmpty());
        insightsEmpty.setVisible(insightsEmpty.isManaged());
    }

    private Node card(Insight i) {
        Label severity = new Label(i.severity().label().toUpperCase(Locale.ROOT));
        severity.getStyleClass().addAll("plan-severity", i.severity().label());
        severity.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label(i.title());
        title.getStyleClass().add("plan-insight-title");
        title.setWrapText(true);
        HBox head = new HBox(8, severity, title);
        head.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);

        Hyperlink step = new Hyperlink(i.node());
        step.getStyleClass().add("plan-insight-step");
        step.setWrapText(true);
        step.setOnAction(e -> select(i.nodeId()));
        Label detail = new Label(i.detail());
        detail.setWrapText(true);
        Label advice = new Label(i.advice(), new FontIcon(Feather.ARROW_RIGHT));
        advice.setWrapText(true);
        advice.getStyleClass().add("plan-insight-advice");
        for (Label l : List.of(title, detail, advice)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        VBox card = new VBox(4, head, step, detail, advice);
        card.getStyleClass().addAll("plan-insight", i.severity() == Severity.CRITICAL ? "critical"
                : i.severity() == Severity.WARNING ? "warning" : "info");
        return card;
    }

    private void select(int nodeId) {
        PlanResult r = vm.resultProperty().get();
        if (r != null && nodeId >= 0 && nodeId < r.plan().nodes().size()) {
            PlanNode n = r.plan().node(nodeId);
            vm.selectedNodeProperty().set(n);
        }
    }

    private void showSuggestions() {
        suggestionsBox.getChildren().setAll(vm.suggestions().stream().map(AdvicePane::suggestion).toList());
    }

    private static Node suggestion(IndexSuggestion s) {
        Label title = new Label("Index on " + s.qualifiedTable() + " (" + String.join(", ", s.columns()) + ")");
        title.getStyleClass().add("plan-insight-title");
        title.setWrapText(true);
        Label verdict = new Label(verdictText(s), new FontIcon(s.verified() && Boolean.TRUE.equals(s.usedByPlanner())
                ? Feather.CHECK_CIRCLE : s.verified() ? Feather.MINUS_CIRCLE : Feather.HELP_CIRCLE));
        verdict.getStyleClass().addAll("plan-verdict", s.verified() && Boolean.TRUE.equals(s.usedByPlanner()) ? "used"
                : s.verified() ? "unused" : "unverified");
        verdict.setWrapText(true);
        Label reason = new Label(s.reason());
        reason.setWrapText(true);
        TextArea ddl = new TextArea(s.ddl());
        ddl.setEditable(false);
        ddl.setWrapText(true);
        ddl.setPrefRowCount(3);
        ddl.getStyleClass().addAll("sql-text", "plan-ddl");
        Button copy = new Button("Copy DDL", new FontIcon(Feather.COPY));
        copy.getStyleClass().add("small");
        copy.setOnAction(e -> ExplainView.copy(s.ddl()));
        Label note = new Label(s.verification());
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        for (Label l : List.of(title, verdict, reason, note)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(8, copy);
        actions.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(4, title, verdict, reason, ddl, actions, note);
        card.getStyleClass().add("plan-suggestion");
        return card;
    }

    static String verdictText(IndexSuggestion s) {
        if (!s.verified()) {
            return "Not verified";
        }
        String costs = s.costBefore() == null || s.costAfter() == null ? ""
                : String.format(Locale.ROOT, ": estimated cost %,.0f → %,.0f", s.costBefore(), s.costAfter());
        return Boolean.TRUE.equals(s.usedByPlanner()) ? "Verified with hypopg, the planner uses it" + costs
                : "Verified with hypopg, the planner would not use it" + costs;
    }
}
