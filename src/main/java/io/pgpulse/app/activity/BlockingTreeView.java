package io.pgpulse.app.activity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import io.pgpulse.core.activity.Signal;

/**
 * Who blocks whom: each root blocker first (most sessions held up first), every waiter beneath
 * the blocker nearest the root. Updated in place on each refresh, keeping what the user collapsed
 * and selected.
 */
final class BlockingTreeView {
    private static final PseudoClass ROOT = PseudoClass.getPseudoClass("root-blocker");
    private static final PseudoClass CYCLE = PseudoClass.getPseudoClass("cycle");

    private final ActivityViewModel vm;
    private final TreeTableView<Line> tree = new TreeTableView<>();
    private final Set<String> collapsed = new HashSet<>();
    private final VBox root;

    BlockingTreeView(ActivityViewModel vm, Consumer<ActionPlan> confirm, IntConsumer reveal) {
        this.vm = vm;
        Label title = new Label("Blocking");
        title.getStyleClass().add("card-title");
        title.setMinWidth(Label.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setWrapText(true);
        summary.setMinHeight(Label.USE_PREF_SIZE);
        summary.textProperty().bind(vm.blockingSummaryProperty());
        summary.getStyleClass().add("activity-blocking-summary");
        HBox head = new HBox(12, title, summary);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(summary, Priority.ALWAYS);

        tree.getStyleClass().addAll(Styles.DENSE, "activity-blocking");
        tree.setShowRoot(false);
        tree.setRoot(new TreeItem<>());
        Label placeholder = new Label("When sessions queue for a lock, the session holding them up appears here first,"
                + " with everyone waiting behind it.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("muted");
        tree.setPlaceholder(placeholder);
        tree.getColumns().setAll(List.of(
                column("Session", 180, BlockingEntry::session),
                column("State", 210, BlockingEntry::state),
                column("Lock", 272, BlockingTreeView::lockOn),
                column("Queued", 74, e -> e.kind() == BlockingEntry.Kind.MORE && e.queued() == 0 ? ""
                        : Integer.toString(e.queued())),
                column("Query", 300, BlockingEntry::query)));
        tree.getColumns().get(3).getStyleClass().add("numeric");
        FillColumn.fill(tree.widthProperty(), tree.getColumns(), tree.getColumns().get(4), 140);
        tree.setRowFactory(t -> new LineRow(confirm, reveal));
        tree.setOnMouseClicked(e -> {
            TreeItem<Line> selected = tree.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && selected != null && selected.getValue() != null
                    && selected.getValue().entry().kind() != BlockingEntry.Kind.MORE) {
                reveal.accept(selected.getValue().entry().pid());
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        Tooltip hint = new Tooltip("Right-click a session to cancel or terminate it; double-click to find it in the"
                + " sessions table. \"Queued\" counts every session behind it, directly or not.");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        tree.setTooltip(hint);
        root = new VBox(6, head, tree);
        root.getStyleClass().addAll("card", "activity-blocking-card");
        vm.blockingProperty().addListener((obs, was, is) -> update(is));
        update(vm.blockingProperty().get());
    }

    Node root() {
        return root;
    }

    TreeTableView<Line> tree() {
        return tree;
    }

    /**
     * One line of the tree for as long as its session stays at the same place in it. Cells follow
     * its entry property, so a refresh updates the lines on screen instead of rebuilding cells.
     */
    static final class Line {
        private final ReadOnlyObjectWrapper<BlockingEntry> entry;

        Line(BlockingEntry initial) {
            entry = new ReadOnlyObjectWrapper<>(this, "entry", initial);
        }

        BlockingEntry entry() {
            return entry.get();
        }

        ReadOnlyObjectProperty<BlockingEntry> entryProperty() {
            return entry.getReadOnlyProperty();
        }
    }

    /** Marks root blockers and deadlock members, and offers the actions for its session. */
    private final class LineRow extends TreeTableRow<Line> {
        private final ChangeListener<BlockingEntry> onChange = (obs, was, is) -> mark(is);
        private final Consumer<ActionPlan> confirm;
        private final IntConsumer reveal;
        private Line bound;

        LineRow(Consumer<ActionPlan> confirm, IntConsumer reveal) {
            this.confirm = confirm;
            this.reveal = reveal;
        }

        @Override
        protected void updateItem(Line line, boolean empty) {
            super.updateItem(line, empty);
            Line next = empty ? null : line;
            if (next != bound) {
                if (bound != null) {
                    bound.entryProperty().removeListener(onChange);
                }
                bound = next;
                if (bound != null) {
                    bound.entryProperty().addListener(onChange);
                }
                BlockingEntry e = bound == null ? null : bound.entry();
                setContextMenu(e == null || e.kind() == BlockingEntry.Kind.MORE ? null : menu(e.pid(), confirm, reveal));
            }
            mark(bound == null ? null : bound.entry());
        }

        private void mark(BlockingEntry e) {
            pseudoClassStateChanged(ROOT, e != null && e.kind() == BlockingEntry.Kind.ROOT);
            pseudoClassStateChanged(CYCLE, e != null && e.inCycle());
        }
    }

    /** "wants AccessExclusiveLock on public.orders": the mode and the table read as one phrase. */
    static String lockOn(BlockingEntry e) {
        if (e.relation().isEmpty()) {
            return e.lock();
        }
        return e.lock().isEmpty() ? e.relation() : e.lock() + " on " + e.relation();
    }

    private ContextMenu menu(int pid, Consumer<ActionPlan> confirm, IntConsumer reveal) {
        MenuItem cancel = new MenuItem("Cancel the query of pid " + pid + "…");
        cancel.setOnAction(e -> plan(Signal.CANCEL, pid, confirm));
        MenuItem terminate = new MenuItem("Terminate pid " + pid + "…");
        terminate.setOnAction(e -> plan(Signal.TERMINATE, pid, confirm));
        MenuItem show = new MenuItem("Show in the sessions table");
        show.setOnAction(e -> reveal.accept(pid));
        return new ContextMenu(cancel, terminate, new SeparatorMenuItem(), show);
    }

    private void plan(Signal signal, int pid, Consumer<ActionPlan> confirm) {
        ActionPlan plan = vm.planFor(signal, pid);
        if (plan != null) {
            confirm.accept(plan);
        }
    }

    /**
     * Brings the tree in line with the new entries in place: a line that is still there keeps its
     * TreeItem (so its expansion and selection stay) and only gets its new value; lines come and go
     * only where the forest really changed.
     */
    private void update(List<BlockingEntry> entries) {
        reconcile(tree.getRoot(), entries, "");
    }

    private void reconcile(TreeItem<Line> parent, List<BlockingEntry> entries, String parentKey) {
        Map<Integer, TreeItem<Line>> existing = new HashMap<>();
        for (TreeItem<Line> child : parent.getChildren()) {
            existing.put(child.getValue().entry().pid(), child);
        }
        List<TreeItem<Line>> next = new ArrayList<>(entries.size());
        for (BlockingEntry e : entries) {
            String key = parentKey + "/" + e.pid();
            TreeItem<Line> item = existing.remove(e.pid());
            if (item == null) {
                item = newItem(e, key);
            } else {
                item.getValue().entry.set(e);
            }
            reconcile(item, e.children(), key);
            next.add(item);
        }
        if (!sameItems(parent.getChildren(), next)) {
            parent.getChildren().setAll(next);
        }
    }

    private static boolean sameItems(List<TreeItem<Line>> current, List<TreeItem<Line>> next) {
        if (current.size() != next.size()) {
            return false;
        }
        for (int i = 0; i < next.size(); i++) {
            if (current.get(i) != next.get(i)) {
                return false;
            }
        }
        return true;
    }

    private TreeItem<Line> newItem(BlockingEntry e, String key) {
        TreeItem<Line> item = new TreeItem<>(new Line(e));
        item.setExpanded(!collapsed.contains(key));
        item.expandedProperty().addListener((obs, was, is) -> {
            if (is) {
                collapsed.remove(key);
            } else {
                collapsed.add(key);
            }
        });
        return item;
    }

    private static TreeTableColumn<Line, BlockingEntry> column(String title, double width,
            Function<BlockingEntry, String> text) {
        TreeTableColumn<Line, BlockingEntry> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> d.getValue().getValue() == null ? null : d.getValue().getValue().entryProperty());
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(BlockingEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : text.apply(e));
            }
        });
        return c;
    }
}
