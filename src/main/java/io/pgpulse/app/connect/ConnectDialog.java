package io.pgpulse.app.connect;

import java.io.File;
import java.util.List;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import atlantafx.base.theme.Styles;

import io.pgpulse.app.connect.ConnectViewModel.Mode;
import io.pgpulse.app.theme.ThemeManager;
import io.pgpulse.core.connection.input.SslMode;

/**
 * The connection dialog: the server as fields, a connection string or a service name; TLS; what
 * the input resolves to, checked as it is typed; "Test connection" with the server's findings;
 * saving as a profile; and Connect. Everything it shows comes from {@link ConnectViewModel}.
 */
public final class ConnectDialog {
    private final ConnectViewModel vm;
    private final BorderPane root = new BorderPane();
    private final VBox validationBox = new VBox(6);
    private final VBox testBox = new VBox(10);
    private final ScrollPane scroll = new ScrollPane();

    public ConnectDialog(ConnectViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("connect-dialog");
        root.setId("connect-dialog");
        root.setTop(header());
        scroll.setContent(body());
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("connect-scroll");
        root.setCenter(scroll);
        root.setBottom(buttonBar());
        vm.validationProperty().addListener((obs, old, now) -> showValidation(now));
        showValidation(vm.validationProperty().get());
        vm.testProperty().addListener((obs, old, now) -> showTest(now));
        showTest(vm.testProperty().get());
    }

    public Parent root() {
        return root;
    }

    /** Opens the dialog over {@code owner}; it closes itself when the app takes over the connection. */
    public Stage show(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("New connection — PgPulse");
        Scene scene = new Scene(root, 780, 860);
        scene.getStylesheets().add(ThemeManager.appStylesheet());
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(560);
        vm.finishedProperty().addListener((obs, old, now) -> {
            if (now) {
                stage.close();
            }
        });
        stage.setOnHidden(e -> vm.dispose());
        stage.show();
        return stage;
    }

    private Node header() {
        Label title = new Label("Connect to PostgreSQL");
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label("PgPulse opens at most two read-only sessions, with timeouts on everything,"
                + " and never changes the server.");
        subtitle.getStyleClass().addAll(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);

        ToggleGroup group = new ToggleGroup();
        ToggleButton fields = modeButton("Host and port", Feather.SERVER, Mode.FIELDS, group, "mode-fields");
        ToggleButton string = modeButton("URL or conninfo", Feather.LINK, Mode.CONNECTION_STRING, group, "mode-string");
        ToggleButton service = modeButton("Service", Feather.BOOK_OPEN, Mode.SERVICE, group, "mode-service");
        fields.getStyleClass().add(Styles.LEFT_PILL);
        string.getStyleClass().add(Styles.CENTER_PILL);
        service.getStyleClass().add(Styles.RIGHT_PILL);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                vm.modeProperty().set((Mode) now.getUserData());
            }
        });
        vm.modeProperty().addListener((obs, old, now) -> selectMode(group, now));
        selectMode(group, vm.modeProperty().get());
        HBox modes = new HBox(fields, string, service);
        modes.setAlignment(Pos.CENTER_LEFT);

        VBox header = new VBox(6, title, subtitle, modes);
        VBox.setMargin(modes, new Insets(10, 0, 0, 0));
        header.getStyleClass().add("connect-header");
        return header;
    }

    private static ToggleButton modeButton(String text, Ikon icon, Mode mode, ToggleGroup group, String id) {
        ToggleButton b = new ToggleButton(text, new FontIcon(icon));
        b.setUserData(mode);
        b.setToggleGroup(group);
        b.setId(id);
        b.setFocusTraversable(false);
        return b;
    }

    private static void selectMode(ToggleGroup group, Mode mode) {
        group.getToggles().stream().filter(t -> t.getUserData() == mode).findFirst().ifPresent(t -> t.setSelected(true));
    }

    private Node body() {
        StackPane inputs = new StackPane(fieldsForm(), stringForm(), serviceForm());
        Node password = passwordRow();
        Node tls = tlsSection();
        tls.visibleProperty().bind(vm.modeProperty().isNotEqualTo(Mode.CONNECTION_STRING));
        tls.managedProperty().bind(tls.visibleProperty());

        validationBox.setId("validation");
        validationBox.getStyleClass().add("validation-box");
        testBox.setId("test-result");
        testBox.getStyleClass().add("test-box");

        VBox body = new VBox(16, inputs, password, tls, validationBox, testBox, new Separator(), saveSection());
        body.getStyleClass().add("connect-body");
        return body;
    }

    private Node fieldsForm() {
        TextField host = field("host", "localhost", vm.hostProperty());
        TextField port = field("port", "5432", vm.portProperty());
        TextField database = field("database", "same as the user", vm.databaseProperty());
        TextField user = field("user", "your OS user", vm.userProperty());
        host.setTooltip(new Tooltip("Several hosts may be given, separated by commas, as in libpq."));
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setHgrow(Priority.ALWAYS);
        ColumnConstraints narrow = new ColumnConstraints(120);
        grid.add(labelled("Host", host), 0, 0);
        grid.add(labelled("Port", port), 1, 0);
        HBox dbAndUser = new HBox(12, labelled("Database", database), labelled("User", user));
        dbAndUser.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        grid.add(dbAndUser, 0, 1, 2, 1);
        grid.getColumnConstraints().addAll(wide, narrow);
        return modePane(grid, Mode.FIELDS);
    }

    private Node stringForm() {
        TextField text = field("connection-string",
                "postgresql://monitor@db.example.com:5432/shop?sslmode=verify-full", vm.connectionStringProperty());
        text.getStyleClass().add("code");
        VBox box = new VBox(6, labelled("Connection string", text),
                hint("A postgresql:// URL or key=value settings (host=db dbname=shop). Environment variables,"
                        + " ~/.pgpass and pg_service.conf fill in what it leaves out, as in psql."));
        return modePane(box, Mode.CONNECTION_STRING);
    }

    private Node serviceForm() {
        TextField service = field("service-name", "e.g. shop-staging", vm.serviceNameProperty());
        VBox box = new VBox(6, labelled("Service name", service),
                hint("An entry of pg_service.conf (PGSERVICEFILE, ~/.pg_service.conf or PGSYSCONFDIR)."));
        return modePane(box, Mode.SERVICE);
    }

    private Node modePane(Node content, Mode mode) {
        content.visibleProperty().bind(vm.modeProperty().isEqualTo(mode));
        content.managedProperty().bind(content.visibleProperty());
        return content;
    }

    private Node passwordRow() {
        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        password.setPromptText("optional with .pgpass, PGPASSWORD or trust authentication");
        Label note = hint("");
        note.textProperty().bind(Bindings.when(vm.modeProperty().isEqualTo(Mode.CONNECTION_STRING))
                .then("Used only when the connection string has no password. Kept in memory; never logged.")
                .otherwise("Kept in memory and never logged; saving a profile puts it in the keychain, never in a file."));
        return new VBox(6, labelled("Password", password), note);
    }

    private Node tlsSection() {
        ComboBox<SslMode> mode = new ComboBox<>();
        mode.setId("ssl-mode");
        mode.getItems().add(null);
        mode.getItems().addAll(SslMode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(SslMode m) {
                return m == null ? "default" : m.libpqName();
            }

            @Override
            public SslMode fromString(String s) {
                return null;
            }
        });
        mode.setButtonCell(sslCell(false));
        mode.setCellFactory(list -> sslCell(true));
        mode.valueProperty().bindBidirectional(vm.sslModeProperty());
        mode.setMaxWidth(Double.MAX_VALUE);

        TextField rootCert = field("ssl-root-cert", "default: ~/.postgresql/root.crt", vm.sslRootCertProperty());
        Button browse = new Button("Browse…", new FontIcon(Feather.FOLDER));
        browse.setId("browse-root-cert");
        browse.setOnAction(e -> chooseRootCertificate());
        HBox certRow = new HBox(8, rootCert, browse);
        HBox.setHgrow(rootCert, Priority.ALWAYS);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        ColumnConstraints modeColumn = new ColumnConstraints(200);
        ColumnConstraints certColumn = new ColumnConstraints();
        certColumn.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(modeColumn, certColumn);
        grid.add(labelled("SSL mode", mode), 0, 0);
        grid.add(labelled("Root certificate", certRow), 1, 0);

        FontIcon shield = new FontIcon(Feather.SHIELD);
        Label recommendation = new Label("verify-full recommended: it encrypts the connection and checks the"
                + " server's certificate and host name.", shield);
        recommendation.setId("ssl-hint");
        recommendation.setWrapText(true);
        recommendation.getStyleClass().add("field-hint");
        Button useVerifyFull = new Button("Use verify-full");
        useVerifyFull.setId("use-verify-full");
        useVerifyFull.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT, Styles.BUTTON_OUTLINED);
        useVerifyFull.setOnAction(e -> vm.useVerifyFull());
        useVerifyFull.setMinWidth(Region.USE_PREF_SIZE);
        useVerifyFull.visibleProperty().bind(vm.sslModeProperty().isNotEqualTo(SslMode.VERIFY_FULL));
        useVerifyFull.managedProperty().bind(useVerifyFull.visibleProperty());
        vm.sslModeProperty().addListener((obs, old, now) -> toneRecommendation(recommendation, now));
        toneRecommendation(recommendation, vm.sslModeProperty().get());
        HBox hintRow = new HBox(10, recommendation, useVerifyFull);
        hintRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(recommendation, Priority.ALWAYS);
        recommendation.setMaxWidth(Double.MAX_VALUE);

        Label title = new Label("TLS");
        title.getStyleClass().add("section-title");
        return new VBox(8, title, grid, hintRow);
    }

    private static void toneRecommendation(Label recommendation, SslMode mode) {
        recommendation.getStyleClass().removeAll("tone-success", "tone-warning");
        recommendation.getStyleClass().add(mode == SslMode.VERIFY_FULL ? "tone-success" : "tone-warning");
    }

    /** @param annotated whether verify-full is marked as recommended (in the list, not in the narrow button) */
    private static ListCell<SslMode> sslCell(boolean annotated) {
        return new ListCell<>() {
            @Override
            protected void updateItem(SslMode item, boolean empty) {
                super.updateItem(item, empty);
                if (empty) {
                    setText(null);
                } else if (item == null) {
                    setText("default");
                } else {
                    setText(annotated && item == SslMode.VERIFY_FULL ? "verify-full (recommended)" : item.libpqName());
                }
            }
        };
    }

    private void chooseRootCertificate() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Root certificate of the server's CA");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Certificates (*.crt, *.pem, *.cer)", "*.crt", "*.pem", "*.cer"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            vm.sslRootCertProperty().set(file.getAbsolutePath());
        }
    }

    private void showValidation(Validation validation) {
        validationBox.getChildren().clear();
        validationBox.getStyleClass().removeAll("tone-success", "tone-warning", "tone-danger", "tone-neutral");
        if (validation == null) {
            return;
        }
        if (validation instanceof Validation.Empty empty) {
            validationBox.getStyleClass().add("tone-neutral");
            validationBox.getChildren().add(line(Feather.INFO, empty.hint(), "validation-message", "icon-muted"));
        } else if (validation instanceof Validation.Invalid invalid) {
            validationBox.getStyleClass().add("tone-danger");
            validationBox.getChildren().add(line(Feather.X_CIRCLE, invalid.message(), "validation-message", "icon-danger"));
        } else if (validation instanceof Validation.Valid valid) {
            validationBox.getStyleClass().add(valid.warnings().isEmpty() ? "tone-success" : "tone-warning");
            Label summary = line(Feather.CHECK_CIRCLE, valid.summary(), "validation-message", "icon-success");
            summary.getStyleClass().add("code");
            Label details = new Label(valid.details());
            details.setId("validation-details");
            details.getStyleClass().add(Styles.TEXT_MUTED);
            details.setWrapText(true);
            details.setPadding(new Insets(0, 0, 0, 26));
            validationBox.getChildren().addAll(summary, details);
            if (valid.weakTls() && vm.modeProperty().get() == Mode.CONNECTION_STRING) {
                validationBox.getChildren().add(line(Feather.SHIELD_OFF, "The server's certificate is not verified:"
                        + " add sslmode=verify-full (and sslrootcert=… for a private CA) to check it.", null,
                        "icon-warning"));
            }
            VBox warnings = new VBox(4);
            warnings.setId("validation-warnings");
            for (String warning : valid.warnings()) {
                warnings.getChildren().add(line(Feather.ALERT_TRIANGLE, warning, null, "icon-warning"));
            }
            validationBox.getChildren().add(warnings);
        }
    }

    private void showTest(TestState state) {
        testBox.getChildren().clear();
        testBox.getStyleClass().removeAll("tone-success", "tone-danger", "tone-warning", "tone-neutral");
        boolean idle = state instanceof TestState.Idle;
        testBox.setVisible(!idle);
        testBox.setManaged(!idle);
        if (state instanceof TestState.Running running) {
            testBox.getStyleClass().add("tone-neutral");
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(20, 20);
            spinner.setId("test-progress");
            Label message = new Label(running.message());
            message.setId("test-message");
            Button cancel = new Button("Cancel test");
            cancel.setId("cancel-test");
            cancel.getStyleClass().add(Styles.SMALL);
            cancel.setOnAction(e -> vm.cancelTest());
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, spinner, message, spacer, cancel);
            row.setAlignment(Pos.CENTER_LEFT);
            testBox.getChildren().add(row);
        } else if (state instanceof TestState.Cancelled) {
            testBox.getStyleClass().add("tone-neutral");
            testBox.getChildren().add(line(Feather.SLASH, "Test cancelled; nothing was left open.", "test-message",
                    "icon-muted"));
        } else if (state instanceof TestState.Failed failed) {
            testBox.getStyleClass().add("tone-danger");
            Label title = line(Feather.X_CIRCLE, failed.title(), "test-message", "icon-danger");
            title.getStyleClass().add(Styles.TEXT_BOLD);
            Label explanation = new Label(failed.explanation());
            explanation.setId("test-explanation");
            explanation.setWrapText(true);
            explanation.setPadding(new Insets(0, 0, 0, 26));
            testBox.getChildren().addAll(title, explanation);
        } else if (state instanceof TestState.Probed probed) {
            showFindings(probed);
        }
        if (!idle) {
            Platform.runLater(() -> reveal(testBox));
        }
    }

    /** Scrolls just enough to show the top of {@code node}, which may have appeared below the fold. */
    private void reveal(Node node) {
        Node content = scroll.getContent();
        // The new result has not been laid out yet; its size decides how far to scroll.
        root.applyCss();
        root.layout();
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewportHeight = scroll.getViewportBounds().getHeight();
        if (node.getScene() == null || contentHeight <= viewportHeight) {
            return;
        }
        Bounds bounds = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double scrollable = contentHeight - viewportHeight;
        double top = scroll.getVvalue() * scrollable;
        double wanted = top;
        if (bounds.getMaxY() > top + viewportHeight) {
            wanted = Math.min(bounds.getMinY() - 12, bounds.getMaxY() - viewportHeight + 12);
        }
        if (bounds.getMinY() < wanted) {
            wanted = bounds.getMinY() - 12;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, wanted / scrollable)));
    }

    private void showFindings(TestState.Probed probed) {
        long attention = probed.needingAttention();
        testBox.getStyleClass().add(!probed.supported() ? "tone-danger" : attention == 0 ? "tone-success" : "tone-warning");
        Label headline = line(probed.supported() ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE,
                (probed.supported() ? "Connected · " : "") + probed.headline(), "test-message",
                probed.supported() ? "icon-success" : "icon-danger");
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        Label verdict = new Label(!probed.supported() ? "PgPulse cannot monitor this server."
                : attention == 0 ? "Everything PgPulse needs is in place."
                : attention + " of " + probed.findings().size() + " checks need attention; PgPulse works without"
                        + " them, with the panels they feed explaining what is missing.");
        verdict.setId("test-verdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add(Styles.TEXT_MUTED);
        verdict.setPadding(new Insets(0, 0, 4, 26));
        testBox.getChildren().addAll(headline, verdict);
        List<ProbeFinding> findings = probed.findings();
        for (int i = 0; i < findings.size(); i++) {
            testBox.getChildren().add(findingRow(findings.get(i), i));
        }
    }

    private Node findingRow(ProbeFinding finding, int index) {
        FontIcon icon = new FontIcon(finding.ok() ? Feather.CHECK : Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add(finding.ok() ? "icon-success" : "icon-warning");
        Label explanation = new Label(finding.explanation());
        explanation.setId("finding-" + index);
        explanation.setWrapText(true);
        VBox text = new VBox(6, explanation);
        HBox.setHgrow(text, Priority.ALWAYS);
        finding.fix().ifPresent(fix -> {
            Label code = new Label(fix);
            code.setId("fix-" + index);
            code.getStyleClass().add("code");
            code.setWrapText(true);
            code.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(code, Priority.ALWAYS);
            Button copy = new Button(null, new FontIcon(Feather.COPY));
            copy.setId("copy-fix-" + index);
            copy.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            copy.setTooltip(new Tooltip("Copy the fix"));
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(fix);
                Clipboard.getSystemClipboard().setContent(content);
                copy.setGraphic(new FontIcon(Feather.CHECK));
                copy.getTooltip().setText("Copied");
            });
            HBox box = new HBox(8, code, copy);
            box.setAlignment(Pos.TOP_LEFT);
            box.getStyleClass().add("fix-box");
            text.getChildren().add(box);
        });
        HBox row = new HBox(10, icon, text);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().add("finding-row");
        return row;
    }

    private Node saveSection() {
        Label title = new Label("Save as profile");
        title.getStyleClass().add("section-title");
        TextField name = field("profile-name", "Profile name, e.g. shop-staging", vm.profileNameProperty());
        name.setOnAction(e -> vm.saveProfile());
        Button save = new Button("Save profile", new FontIcon(Feather.SAVE));
        save.setId("save-profile");
        save.disableProperty().bind(vm.usableProperty().not().or(vm.savingProperty()));
        save.setOnAction(e -> vm.saveProfile());
        HBox row = new HBox(8, name, save);
        HBox.setHgrow(name, Priority.ALWAYS);
        Label storage = new Label();
        storage.setId("password-storage");
        storage.setGraphic(new FontIcon(Feather.KEY));
        storage.textProperty().bind(vm.passwordStorageProperty());
        storage.setWrapText(true);
        storage.getStyleClass().add("field-hint");
        Label message = new Label();
        message.setId("save-message");
        message.setWrapText(true);
        message.visibleProperty().bind(vm.saveNoticeProperty().isNotNull());
        message.managedProperty().bind(message.visibleProperty());
        vm.saveNoticeProperty().addListener((obs, old, now) -> {
            message.setText(now == null ? "" : now.text());
            message.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            if (now != null) {
                message.getStyleClass().add(switch (now.tone()) {
                    case SUCCESS, INFO -> Styles.SUCCESS;
                    case WARNING -> Styles.WARNING;
                    case DANGER -> Styles.DANGER;
                });
            }
        });
        return new VBox(8, title, row, storage, message);
    }

    private Node buttonBar() {
        Button test = new Button("Test connection", new FontIcon(Feather.ZAP));
        test.setId("test-connection");
        test.disableProperty().bind(vm.usableProperty().not().or(vm.testingProperty()));
        test.setOnAction(e -> vm.testConnection());
        Button close = new Button("Close");
        close.setId("close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            vm.dispose();
            if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
                stage.close();
            }
        });
        Button connect = new Button("Connect", new FontIcon(Feather.ARROW_RIGHT));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setContentDisplay(ContentDisplay.RIGHT);
        connect.disableProperty().bind(vm.usableProperty().not());
        connect.setOnAction(e -> vm.connect());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, test, spacer, close, connect);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("connect-buttons");
        return bar;
    }

    private static TextField field(String id, String prompt, StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static Node labelled(String text, Node control) {
        Label label = new Label(text);
        label.getStyleClass().add("form-label");
        label.setLabelFor(control);
        VBox box = new VBox(4, label, control);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-hint");
        l.setWrapText(true);
        return l;
    }

    private static Label line(Ikon icon, String text, String id, String iconStyle) {
        FontIcon graphic = new FontIcon(icon);
        graphic.getStyleClass().add(iconStyle);
        Label l = new Label(text, graphic);
        l.setGraphicTextGap(10);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        if (id != null) {
            l.setId(id);
        }
        return l;
    }
}
