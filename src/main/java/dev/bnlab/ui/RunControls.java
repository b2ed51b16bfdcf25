package dev.bnlab.ui;

import dev.bnlab.spec.Presets;
import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ToolBar;

import java.util.function.Consumer;

/** The toolbar: the preset picker, open and save a spec file, Start and Stop, and the exports. */
final class RunControls extends UiPart<ToolBar> {
    /** What the buttons do; the window wires them. */
    interface Actions {
        void start();

        void stop();

        void openSpec();

        void saveSpec();

        void exportChart();

        void exportResults();

        void openResults();

        void compareWith();
    }

    static final String CUSTOM = "custom";

    @FXML private ComboBox<String> presetPicker;
    @FXML private Button openSpecButton;
    @FXML private Button saveSpecButton;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button exportPngButton;
    @FXML private Button exportDataButton;
    @FXML private javafx.scene.control.MenuButton pastResultsButton;
    @FXML private javafx.scene.control.MenuItem openResultsItem;
    @FXML private javafx.scene.control.MenuItem compareItem;
    private boolean updating;

    RunControls(Actions actions, Consumer<String> presetChosen) {
        presetPicker.getItems().setAll(Presets.NAMES);
        presetPicker.valueProperty().addListener((obs, old, name) -> {
            if (!updating && name != null && !name.equals(CUSTOM)) {
                presetChosen.accept(name);
            }
        });
        startButton.setOnAction(e -> actions.start());
        stopButton.setOnAction(e -> actions.stop());
        openSpecButton.setOnAction(e -> actions.openSpec());
        saveSpecButton.setOnAction(e -> actions.saveSpec());
        exportPngButton.setOnAction(e -> actions.exportChart());
        exportDataButton.setOnAction(e -> actions.exportResults());
        openResultsItem.setOnAction(e -> actions.openResults());
        compareItem.setOnAction(e -> actions.compareWith());
    }

    /** Shows which preset the form holds ("custom" for a spec file or an edited preset), without reacting to it. */
    void showPreset(String name) {
        updating = true;
        try {
            if (Presets.NAMES.contains(name)) {
                presetPicker.getItems().remove(CUSTOM);
                presetPicker.setValue(name);
            } else {
                if (!presetPicker.getItems().contains(CUSTOM)) {
                    presetPicker.getItems().add(CUSTOM);
                }
                presetPicker.setValue(CUSTOM);
            }
        } finally {
            updating = false;
        }
    }

    void render(DashboardModel model, boolean anyChart) {
        startButton.setDisable(!model.startEnabled());
        stopButton.setDisable(!model.stopEnabled());
        presetPicker.setDisable(!model.settingsEditable());
        openSpecButton.setDisable(!model.settingsEditable());
        exportPngButton.setDisable(!anyChart || model.phase() == DashboardModel.Phase.PREPARING);
        exportDataButton.setDisable(!model.exportResultsEnabled());
        pastResultsButton.setDisable(!model.settingsEditable());
    }
}
