package io.pgpulse.app.welcome;

import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.app.connect.ConnectDialog;
import io.pgpulse.app.connect.ConnectViewModel;
import io.pgpulse.app.connect.Notice;
import io.pgpulse.app.context.AppContext;
import io.pgpulse.app.theme.AppTheme;
import io.pgpulse.app.theme.ThemeManager;

/**
 * The first screen: the demo one click away, a new connection or a pasted URL, and the recent
 * profiles. It only shows {@link WelcomeViewModel}'s state and forwards clicks.
 */
public final class WelcomeView {
    private final WelcomeViewModel vm;
    private final StackPane root = new StackPane();
    private final ListView<RecentProfile> list = new ListView<>();

    public WelcomeView(WelcomeViewModel vm, AppContext context) {
        this.vm = vm;
        VBox page = new VBox(28, header(context.themes()), notice(), columns(), footer());
        page.getStyleClass().add("welcome-page");
        page.setMaxWidth(1180);
        page.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane centered = new StackPane(page);
        centered.setAlignment(Pos.CENTER);
        centered.getStyleClass().add("welcome-canvas");
        ScrollPane scroll = new ScrollPane(centered);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("welcome-scroll");
        root.getChildren().add(scroll);
        root.getStyleClass().add("welcome");
        root.setId("welcome");
        vm.passwordRequestProperty().addListener((obs, old, request) -> {
            if (request != null) {
                PasswordPrompt.show(window(), request);
            }
        });
    }

    public Parent root() {
        return root;
    }

    private Node header(ThemeManager themes) {
        FontIcon pulse = new FontIcon(Feather.ACTIVITY);
        pulse.getStyleClass().add("brand-icon");
        StackPane mark = new StackPane(pulse);
        mark.getStyleClass().add("brand-mark");
        Label name = new Label("PgPulse");
        name.getStyleClass().add("welcome-title");
        Label tagline = new Label("PostgreSQL health for pre-release checks and incident response: the connection"
                + " budget, slow and repeated queries, and who blocks whom — in seconds, without making things worse.");
        tagline.getStyleClass().add("welcome-tagline");
        tagline.setWrapText(true);
        VBox text = new VBox(2, name, tagline);
        HBox.setHgrow(text, Priority.ALWAYS);

        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        themeIcon(theme, themes.theme());
        themes.themeProperty().addListener((obs, old, now) -> themeIcon(theme, now));
        theme.setOnAction(e -> themes.toggle());

        HBox header = new HBox(18, mark, text, theme);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static void themeIcon(Button button, AppTheme theme) {
        button.setGraphic(new FontIcon(theme == AppTheme.DARK ? Feather.SUN : Feather.MOON));
        button.setTooltip(new Tooltip(theme == AppTheme.DARK ? "Switch to the light theme" : "Switch to the dark theme"));
    }

    private Node notice() {
        Label text = new Label();
        text.setId("welcome-notice");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> vm.dismissNotice());
        HBox box = new HBox(10, text, close);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("callout");
        box.visibleProperty().bind(vm.noticeProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        vm.noticeProperty().addListener((obs, old, now) -> {
            box.getStyleClass().removeAll("critical", "warning", "info");
            if (now != null) {
                text.setText(now.text());
                text.setGraphic(new FontIcon(now.tone() == Notice.Tone.DANGER ? Feather.ALERT_OCTAGON
                        : now.tone() == Notice.Tone.WARNING ? Feather.ALERT_TRIANGLE : Feather.CHECK_CIRCLE));
                box.getStyleClass().add(switch (now.tone()) {
                    case DANGER -> "critical";
                    case WARNING -> "warning";
                    case SUCCESS, INFO -> "info";
                });
            }
        });
        return box;
    }

    private Node columns() {
        VBox left = new VBox(20, demoCard(), connectCard());
        VBox right = new VBox(recentCard());
        VBox.setVgrow(right.getChildren().get(0), Priority.ALWAYS);
        left.setPrefWidth(560);
        right.setPrefWidth(520);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox columns = new HBox(24, left, right);
        columns.setFillHeight(true);
        return columns;
    }

    private Node demoCard() {
        FontIcon play = new FontIcon(Feather.PLAY);
        play.getStyleClass().add("hero-icon");
        StackPane badge = new StackPane(play);
        badge.getStyleClass().add("hero-badge");
        Label title = new Label("Try the demo");
        title.getStyleClass().add("hero-title");
        Label noSetup = new Label("nothing to install");
        noSetup.getStyleClass().add("pill");
        HBox titleRow = new HBox(14, badge, title, noSetup);
        titleRow.setAlignment(Pos.CENTER_LEFT);

        Label sentence = new Label("See live connection storms, N+1 loops and migration stalls play out on an"
                + " embedded PostgreSQL that PgPulse starts for you — your own servers are never touched.");
        sentence.setWrapText(true);
        sentence.getStyleClass().add("hero-text");

        FlowPane scenarios = new FlowPane(8, 8);
        for (String s : List.of("Connection storm", "N+1 loop", "Slow query", "Migration stall", "Balance race")) {
            Label chip = new Label(s);
            chip.getStyleClass().add("chip");
            scenarios.getChildren().add(chip);
        }

        Button start = new Button("Start the demo", new FontIcon(Feather.PLAY_CIRCLE));
        start.setId("start-demo");
        start.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        start.setOnAction(e -> vm.startDemo());
        start.setMinWidth(Region.USE_PREF_SIZE);
        Label after = new Label("Ready in a few seconds; the demo database is deleted when you quit.");
        after.getStyleClass().add("field-hint");
        after.setWrapText(true);
        HBox actions = new HBox(14, start, after);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(14, titleRow, sentence, scenarios, actions);
        card.getStyleClass().addAll("card", "welcome-card", "welcome-hero");
        card.setId("demo-card");
        return card;
    }

    private Node connectCard() {
        Label title = new Label("Connect to a server");
        title.getStyleClass().add("welcome-card-title");
        Label explain = new Label("Host and port, a URL or a pg_service.conf entry; PGPASSWORD, ~/.pgpass and the"
                + " keychain are honoured, as in psql.");
        explain.setWrapText(true);
        explain.getStyleClass().add("muted");

        Button newConnection = new Button("New connection…", new FontIcon(Feather.PLUS));
        newConnection.setId("new-connection");
        newConnection.getStyleClass().add(Styles.BUTTON_OUTLINED);
        newConnection.setOnAction(e -> openDialog(vm.newConnection()));

        TextField paste = new TextField();
        paste.setId("paste-box");
        paste.setPromptText("Paste a postgresql:// URL or conninfo and press Enter");
        paste.getStyleClass().add("code");
        paste.textProperty().bindBidirectional(vm.pastedProperty());
        paste.setOnAction(e -> vm.connectPasted());
        FontIcon link = new FontIcon(Feather.LINK);
        link.getStyleClass().add("icon-muted");
        HBox pasteRow = new HBox(10, link, paste);
        pasteRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(paste, Priority.ALWAYS);

        Label error = new Label();
        error.setId("paste-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.pasteErrorProperty());
        Hyperlink edit = new Hyperlink("Fix it in the connection dialog");
        edit.setId("paste-edit");
        edit.setOnAction(e -> openDialog(vm.editPasted()));
        VBox errorBox = new VBox(2, error, edit);
        errorBox.visibleProperty().bind(vm.pasteErrorProperty().isNotNull());
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        VBox card = new VBox(12, title, explain, newConnection, pasteRow, errorBox);
        card.getStyleClass().addAll("card", "welcome-card");
        return card;
    }

    private Node recentCard() {
        Label title = new Label("Recent connections");
        title.getStyleClass().add("welcome-card-title");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, title, spacer, busy);
        top.setAlignment(Pos.CENTER_LEFT);

        list.setId("recent-profiles");
        list.setItems(vm.recentProfiles());
        list.setCellFactory(v -> new ProfileCell());
        list.setPlaceholder(emptyList());
        list.getStyleClass().add("recent-list");
        list.setPrefHeight(360);
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                connectSelected();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                connectSelected();
            } else if (e.getCode() == KeyCode.DELETE && selected() != null) {
                confirmDelete(selected());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Label problem = new Label();
        problem.setId("profiles-problem");
        problem.setWrapText(true);
        problem.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(vm.profilesProblemProperty());
        problem.visibleProperty().bind(vm.profilesProblemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        Button connect = new Button("Connect", new FontIcon(Feather.ARROW_RIGHT));
        connect.setId("connect-profile");
        connect.setContentDisplay(ContentDisplay.RIGHT);
        connect.getStyleClass().add(Styles.ACCENT);
        connect.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        connect.setOnAction(e -> connectSelected());
        Label howTo = new Label("Double-click to connect · right-click to rename or delete");
        howTo.getStyleClass().add("field-hint");
        HBox bottom = new HBox(12, howTo, new Region(), connect);
        HBox.setHgrow(bottom.getChildren().get(1), Priority.ALWAYS);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(12, top, list, problem, bottom);
        card.getStyleClass().addAll("card", "welcome-card");
        card.setId("recent-card");
        return card;
    }

    private Node emptyList() {
        FontIcon icon = new FontIcon(Feather.DATABASE);
        icon.getStyleClass().add("empty-icon");
        Label title = new Label("No saved connections yet");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label how = new Label("Open New connection, fill it in and use Save as profile; it will be listed here.");
        how.setWrapText(true);
        how.getStyleClass().add("muted");
        how.setMaxWidth(300);
        VBox box = new VBox(8, icon, title, how);
        box.setAlignment(Pos.CENTER);
        box.setId("recent-empty");
        how.setStyle("-fx-text-alignment: center;");
        return box;
    }

    private Node footer() {
        Label safety = new Label("Read-only by design: at most two sessions per server, timeouts on everything,"
                + " never a reset.", new FontIcon(Feather.SHIELD));
        safety.getStyleClass().add("field-hint");
        safety.setMinWidth(Region.USE_PREF_SIZE);
        Label keychain = new Label(null, new FontIcon(Feather.KEY));
        keychain.setId("keychain-status");
        keychain.getStyleClass().add("field-hint");
        keychain.textProperty().bind(vm.keychainStatusProperty());
        Tooltip why = new Tooltip();
        why.textProperty().bind(vm.keychainDetailProperty());
        why.setWrapText(true);
        why.setMaxWidth(420);
        keychain.setTooltip(why);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(16, safety, spacer, keychain);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(4, 0, 0, 0));
        return footer;
    }

    private RecentProfile selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private void connectSelected() {
        RecentProfile profile = selected();
        if (profile != null && !vm.busyProperty().get()) {
            vm.connectProfile(profile.name());
        }
    }

    private void openDialog(ConnectViewModel dialog) {
        new ConnectDialog(dialog).show(window());
    }

    private void confirmRename(RecentProfile profile) {
        TextInputDialog dialog = new TextInputDialog(profile.name());
        dialog.initOwner(window());
        dialog.setTitle("Rename profile — PgPulse");
        dialog.setHeaderText("Rename '" + profile.name() + "'");
        dialog.setContentText("New name:");
        dialog.getDialogPane().getStylesheets().add(ThemeManager.appStylesheet());
        dialog.showAndWait().ifPresent(name -> vm.renameProfile(profile.name(), name));
    }

    private void confirmDelete(RecentProfile profile) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Its saved password is removed from the keychain too."
                + " The server is not affected.", ButtonType.CANCEL, ButtonType.OK);
        alert.initOwner(window());
        alert.setTitle("Delete profile — PgPulse");
        alert.setHeaderText("Delete profile '" + profile.name() + "'?");
        alert.getDialogPane().getStylesheets().add(ThemeManager.appStylesheet());
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.deleteProfile(profile.name()));
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** A profile: name, address and when it was last used; its context menu manages it. */
    private final class ProfileCell extends ListCell<RecentProfile> {
        private final Label name = new Label();
        private final Label address = new Label();
        private final Label lastUsed = new Label();
        private final Label tls = new Label();
        private final HBox content;

        ProfileCell() {
            FontIcon icon = new FontIcon(Feather.DATABASE);
            icon.getStyleClass().add("profile-icon");
            StackPane badge = new StackPane(icon);
            badge.getStyleClass().add("profile-badge");
            name.getStyleClass().add("profile-name");
            address.getStyleClass().addAll("profile-address", "code");
            lastUsed.getStyleClass().add("field-hint");
            tls.getStyleClass().add("pill");
            VBox text = new VBox(2, name, address);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(0);
            VBox meta = new VBox(4, lastUsed, tls);
            meta.setAlignment(Pos.CENTER_RIGHT);
            content = new HBox(12, badge, text, meta);
            content.setAlignment(Pos.CENTER_LEFT);
            meta.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(0);
            address.setMinWidth(0);
            getStyleClass().add("profile-cell");
            // Without this the list sizes itself to its widest cell and scrolls sideways instead
            // of shortening long addresses.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(RecentProfile item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setContextMenu(null);
                setId(null);
                return;
            }
            name.setText(item.name());
            address.setText(item.address());
            lastUsed.setText(item.lastUsed());
            tls.setText("TLS " + item.tls());
            tls.getStyleClass().removeAll("pill-success");
            if ("verify-full".equals(item.tls())) {
                tls.getStyleClass().add("pill-success");
            }
            setGraphic(content);
            setId("profile-" + item.name());
            setContextMenu(menu(item));
        }

        private ContextMenu menu(RecentProfile item) {
            MenuItem connect = new MenuItem("Connect", new FontIcon(Feather.ARROW_RIGHT));
            connect.setOnAction(e -> vm.connectProfile(item.name()));
            MenuItem rename = new MenuItem("Rename…", new FontIcon(Feather.EDIT_2));
            rename.setOnAction(e -> confirmRename(item));
            MenuItem forget = new MenuItem("Forget saved password", new FontIcon(Feather.KEY));
            forget.setOnAction(e -> vm.forgetPassword(item.name()));
            MenuItem delete = new MenuItem("Delete…", new FontIcon(Feather.TRASH_2));
            delete.setOnAction(e -> confirmDelete(item));
            return new ContextMenu(connect, new SeparatorMenuItem(), rename, forget, delete);
        }
    }
}
