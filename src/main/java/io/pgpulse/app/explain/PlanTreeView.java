package io.pgpulse.app.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import atlantafx.base.theme.Styles;

import io.pgpulse.core.explain.Misestimate;
import io.pgpulse.core.explain.NodeMetrics;
import io.pgpulse.core.explain.PlanInsights;
import io.pgpulse.core.explain.PlanNode;
import io.pgpulse.core.explain.QueryPlan;

/**
 * The plan as a tree table: one row per node with its estimates, what really happened and where
 * the time went. The hot path (from the root, always into the costliest child) is highlighted;
 * misestimates of 10× or more stand out. Built without recursion: plans can be thousands deep.
 */
final class PlanTreeView {
    private static final PseudoClass HOT = PseudoClass.getPseudoClass("hot");
    private static final PseudoClass NEVER = PseudoClass.getPseudoClass("never-executed");
    private static final PseudoClass OFF = PseudoClass.getPseudoClass("misestimated");

    private final TreeTableView<PlanNode> tree = new TreeTableView<>();
    private final Map<Integer, TreeItem<PlanNode>> items = new HashMap<>();
    private QueryPlan plan;
    private boolean selecting;

    PlanTreeView(ExplainViewModel vm) {
        tree.getStyleClass().addAll(Styles.DENSE, "plan-tree");
        tree.setShowRoot(true);
        tree.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        Label placeholder = new Label("The plan appears here: one row per step, the slowest path highlighted.");
        placeholder.getStyleClass().add("muted");
        tree.setPlaceholder(placeholder);

        TreeTableColumn<PlanNode, PlanNode> node = new TreeTableColumn<>("Step");
        node.setPrefWidth(380);
        node.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        node.setCellFactory(c -> new NodeCell());
        node.setSortable(false);

        List<TreeTableColumn<PlanNode, ?>> columns = new ArrayList<>();
        columns.add(node);
        columns.add(numeric("Est. rows", 116, "Rows the planner expected, per loop",
                n -> rows(n.planRows())));
        columns.add(numeric("Rows", 92, "Rows the step really produced, per loop (EXPLAIN ANALYZE)",
                n -> n.neverExecuted() ? "never ran" : rows(n.actualRows())));
        TreeTableColumn<PlanNode, PlanNode> off = new TreeTableColumn<>("Off by");
        off.setPrefWidth(88);
        off.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        off.setCellFactory(c -> new MisestimateCell());
        off.setSortable(false);
        off.getStyleClass().add("numeric");
        header(off, "How far the estimate was from the real row count: ↑ more rows than expected, ↓ fewer."
                + " Red: 10× or more on 100+ rows and not cut short by a LIMIT, the test the insights use (they"
                + " report only the lowest step where it went wrong): the planner chose this plan on wrong numbers.");
        columns.add(off);
        columns.add(numeric("Loops", 86, "How many times the step ran (the inner side of a nested loop runs once per outer row)",
                n -> n.actualLoops() == null ? "" : rows(n.actualLoops())));
        columns.add(numeric("Time", 88, "Time in this step and everything below it, over all loops",
                n -> ms(metrics(n).inclusiveMs())));
        columns.add(numeric("Self", 88, "Time in this step alone (its time minus its children's)",
                n -> ms(metrics(n).exclusiveMs())));
        TreeTableColumn<PlanNode, PlanNode> share = new TreeTableColumn<>("% of run");
        share.setPrefWidth(112);
        share.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        share.setCellFactory(c -> new ShareCell());
        share.setSortable(false);
        header(share, "Share of the whole run spent in this step alone");
        columns.add(share);
        columns.add(numeric("Buffers", 150, "Shared buffers: hit in cache / read from disk or OS cache (BUFFERS)",
                PlanTreeView::buffers));
        columns.add(numeric("Cost", 84, "The planner's estimated total cost (arbitrary units, compare within a plan)",
                n -> n.totalCost() == null ? "" : String.format(Locale.ROOT, "%,.0f", n.totalCost())));
        TreeTableColumn<PlanNode, String> detail = text("Condition", 420,
                "Index condition, filter, join condition or sort key", PlanTreeView::condition);
        columns.add(detail);
        tree.getColumns().setAll(columns);

        tree.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(PlanNode item, boolean empty) {
                super.updateItem(item, empty);
                boolean hot = !empty && item != null && plan != null && metrics(item).onHotPath();
                pseudoClassStateChanged(HOT, hot);
                pseudoClassStateChanged(NEVER, !empty && item != null && item.neverExecuted());
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!selecting) {
                vm.selectedNodeProperty().set(now == null ? null : now.getValue());
            }
        });
        vm.selectedNodeProperty().addListener((obs, old, now) -> reveal(now));
        vm.resultProperty().addListener((obs, old, now) -> show(now == null ? null : now.plan()));
    }

    TreeTableView<PlanNode> control() {
        return tree;
    }

    private NodeMetrics metrics(PlanNode n) {
        return plan.metrics(n);
    }

    void show(QueryPlan next) {
        plan = next;
        items.clear();
        if (next == null) {
            tree.setRoot(null);
            return;
        }
        // Bottom-up in reverse pre-order: every item gets its children before it has a parent, so
        // no change event travels up the tree (that made a 10,000-node plan take seconds).
        List<PlanNode> nodes = next.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            PlanNode n = nodes.get(i);
            TreeItem<PlanNode> parent = item(n);
            if (!n.children().isEmpty()) {
                List<TreeItem<PlanNode>> kids = new ArrayList<>(n.children().size());
                for (PlanNode c : n.children()) {
                    kids.add(items.get(c.id()));
                }
                parent.getChildren().setAll(kids);
            }
        }
        tree.setRoot(items.get(next.root().id()));
    }

    private TreeItem<PlanNode> item(PlanNode n) {
        TreeItem<PlanNode> item = new TreeItem<>(n);
        item.setExpanded(true);
        items.put(n.id(), item);
        return item;
    }

    /** Selects and scrolls to a node, expanding its ancestors. */
    private void reveal(PlanNode n) {
        TreeItem<PlanNode> item = n == null ? null : items.get(n.id());
        if (item == null || item.getValue() != n) {
            return;
        }
        for (TreeItem<PlanNode> p = item.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        selecting = true;
        try {
            tree.getSelectionModel().select(item);
            int row = tree.getRow(item);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        } finally {
            selecting = false;
        }
    }

    private static String rows(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String ms(OptionalDouble v) {
        if (v.isEmpty()) {
            return "";
        }
        double ms = v.getAsDouble();
        return ms >= 1000 ? String.format(Locale.ROOT, "%,.2f s", ms / 1000)
                : ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static String buffers(PlanNode n) {
        Long hit = n.sharedHitBlocks();
        Long read = n.sharedReadBlocks();
        if (hit == null && read == null) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%,d hit", hit == null ? 0 : hit);
        if (read != null && read > 0) {
            s += String.format(Locale.ROOT, " · %,d read", read);
        }
        Long temp = n.tempWrittenBlocks();
        if (temp != null && temp > 0) {
            s += String.format(Locale.ROOT, " · %,d temp", temp);
        }
        return s;
    }

    static String condition(PlanNode n) {
        List<String> parts = new ArrayList<>(3);
        add(parts, "Index Cond", n.indexCond());
        add(parts, "Hash Cond", n.hashCond());
        add(parts, "Merge Cond", n.mergeCond());
        add(parts, "Join Filter", n.joinFilter());
        add(parts, "Filter", n.filter());
        add(parts, "Recheck Cond", parts.isEmpty() ? n.recheckCond() : null);
        add(parts, "Run Condition", n.runCondition());
        if (!n.sortKey().isEmpty()) {
            parts.add("Sort Key: " + String.join(", ", n.sortKey()));
        }
        if (!n.groupKey().isEmpty()) {
            parts.add("Group Key: " + String.join(", ", n.groupKey()));
        }
        if (n.sortMethod() != null) {
            parts.add(n.sortMethod() + (n.sortSpaceUsed() == null ? ""
                    : " (" + String.format(Locale.ROOT, "%,d", n.sortSpaceUsed()) + " kB " + n.sortSpaceType() + ")"));
        }
        if (n.hashBatches() != null && n.hashBatches() > 1) {
            parts.add("Batches: " + n.hashBatches());
        }
        return String.join("  ·  ", parts);
    }

    private static void add(List<String> parts, String label, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(label + ": " + value);
        }
    }

    private static void header(TreeTableColumn<?, ?> column, String tip) {
        Label l = new Label(column.getText());
        Tooltip t = new Tooltip(tip);
        t.setWrapText(true);
        t.setMaxWidth(380);
        l.setTooltip(t);
        column.setGraphic(l);
        column.setText("");
    }

    private TreeTableColumn<PlanNode, String> numeric(String title, double width, String tip, Function<PlanNode, String> f) {
        TreeTableColumn<PlanNode, String> c = text(title, width, tip, f);
        c.getStyleClass().add("numeric");
        return c;
    }

    private TreeTableColumn<PlanNode, String> text(String title, double width, String tip, Function<PlanNode, String> f) {
        TreeTableColumn<PlanNode, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue() == null || v.getValue().getValue() == null
                || plan == null ? "" : f.apply(v.getValue().getValue())));
        header(c, tip);
        return c;
    }

    /** "Seq Scan on public.orders o" with the parent relationship ("Inner", "InitPlan 1") in muted text. */
    private final class NodeCell extends TreeTableCell<PlanNode, PlanNode> {
        @Override
        protected void updateItem(PlanNode n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String role = n.subplanName() != null ? n.subplanName()
                    : n.parentRelationship() != null && !"Outer".equals(n.parentRelationship())
                            && !"Inner".equals(n.parentRelationship()) && !"Member".equals(n.parentRelationship())
                            ? n.parentRelationship() : null;
            String text = PlanInsights.describe(n);
            if (n.workersLaunched() != null || n.workersPlanned() != null) {
                text += " (" + (n.workersLaunched() != null ? n.workersLaunched() + " of " : "")
                        + (n.workersPlanned() != null ? n.workersPlanned() : "?") + " workers)";
            }
            setText(role == null ? text : role + " → " + text);
            setTooltip(new Tooltip(text + (plan != null && metrics(n).onHotPath() ? "\nOn the hot path: the costliest"
                    + " branch from the top of the plan" : "")));
        }
    }

    private final class MisestimateCell extends TreeTableCell<PlanNode, PlanNode> {
        @Override
        protected void updateItem(PlanNode n, boolean empty) {
            super.updateItem(n, empty);
            pseudoClassStateChanged(OFF, false);
            if (empty || n == null || plan == null) {
                setText(null);
                return;
            }
            java.util.Optional<Misestimate> m = metrics(n).misestimate();
            if (m.isEmpty()) {
                setText("");
                return;
            }
            Misestimate e = m.get();
            double f = e.factor();
            setText((f >= 100 ? String.format(Locale.ROOT, "%,.0f×", f) : String.format(Locale.ROOT, "%.1f×", f))
                    + (f < 1.05 ? "" : e.underestimate() ? " ↑" : " ↓"));
            // Fewer rows than estimated below a LIMIT (or a window run condition) is the plan working
            // as intended, and a few rows either way decide nothing: neither is a statistics problem.
            boolean cutShort = metrics(n).misestimateToFlag().isEmpty();
            pseudoClassStateChanged(OFF, !cutShort && PlanInsights.isMisestimated(e));
            setTooltip(cutShort && PlanInsights.isMisestimated(e) ? new Tooltip("Fewer rows than estimated because the step was cut short"
                    + " (a LIMIT or run condition above stopped reading): not a statistics problem.") : null);
        }
    }

    /** The step's own share of the run as a bar and a figure. */
    private final class ShareCell extends TreeTableCell<PlanNode, PlanNode> {
        private final Region bar = new Region();
        private final Label figure = new Label();
        private final StackPane box = new StackPane(bar, figure);

        ShareCell() {
            bar.getStyleClass().add("plan-share-bar");
            bar.setMaxWidth(0);
            StackPane.setAlignment(bar, javafx.geometry.Pos.CENTER_LEFT);
            StackPane.setAlignment(figure, javafx.geometry.Pos.CENTER_RIGHT);
            figure.getStyleClass().add("plan-share-figure");
            box.setMinWidth(0);
        }

        @Override
        protected void updateItem(PlanNode n, boolean empty) {
            super.updateItem(n, empty);
            setText(null);
            if (empty || n == null || plan == null || metrics(n).percentOfTotal().isEmpty()) {
                setGraphic(null);
                return;
            }
            double p = Math.max(0, Math.min(100, metrics(n).percentOfTotal().getAsDouble()));
            figure.setText(p >= 10 ? String.format(Locale.ROOT, "%.0f %%", p) : String.format(Locale.ROOT, "%.1f %%", p));
            bar.maxWidthProperty().unbind();
            bar.maxWidthProperty().bind(widthProperty().subtract(12).multiply(p / 100));
            setGraphic(box);
        }
    }
}
