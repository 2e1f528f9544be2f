package io.pgpulse.app.activity;

import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.context.LiveSession;
import io.pgpulse.app.kit.Page;

/**
 * Activity and locks: "who is blocking whom, and what do I end". The migration-stall callout sits
 * on top when there is one; below it the blocking tree and the transactions card, then every
 * session. All three actions (callout, tree, table) go through the same confirmation.
 */
public final class ActivityPage implements Page {
    private final ActivityViewModel vm;
    private final VBox view;
    private final SessionsView sessions;
    private final BlockingTreeView blocking;
    private Dialog<ButtonType> openDialog;

    public ActivityPage(LiveSession live, AppContext context) {
        this(ActivityViewModel.create(live, context));
    }

    /** A page on a given view-model: tests and benchmarks feed it snapshots directly. */
    public ActivityPage(ActivityViewModel vm) {
        this.vm = vm;
        sessions = new SessionsView(vm, this::confirm);
        StallCalloutView stall = new StallCalloutView(vm, this::confirm);
        blocking = new BlockingTreeView(vm, this::confirm, sessions::reveal);
        TransactionsView transactions = new TransactionsView(vm);

        Label title = new Label("Activity & locks");
        title.getStyleClass().add("page-title");
        HBox header = new HBox(12, title);
        header.setAlignment(Pos.CENTER_LEFT);

        HBox.setHgrow(blocking.root(), Priority.ALWAYS);
        HBox top = new HBox(10, blocking.root(), transactions.root());
        top.setMinHeight(150);
        SplitPane split = new SplitPane(top, sessions.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        split.getStyleClass().add("activity-split");
        VBox.setVgrow(split, Priority.ALWAYS);

        view = new VBox(10, header, stall.root(), split);
        view.getStyleClass().addAll("page", "activity-page");
    }

    /** Opens the confirmation for a plan; one at a time, whichever button asked. */
    void confirm(ActionPlan plan) {
        if (openDialog != null && openDialog.isShowing()) {
            return;
        }
        openDialog = ActionDialog.show(view, plan, vm, vm::execute);
    }

    ActivityViewModel viewModel() {
        return vm;
    }

    SessionsView sessionsView() {
        return sessions;
    }

    BlockingTreeView blockingView() {
        return blocking;
    }

    @Override
    public String title() {
        return "Activity & locks";
    }

    @Override
    public Ikon icon() {
        return Feather.USERS;
    }

    @Override
    public Node view() {
        return view;
    }
}
