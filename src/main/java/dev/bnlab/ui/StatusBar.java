package dev.bnlab.ui;

import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/** The bottom line: a progress bar over all runs and where the experiment is. */
final class StatusBar extends UiPart<HBox> {
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;

    void render(DashboardModel model) {
        progressBar.setProgress(model.progressFraction());
        statusLabel.setText(model.status());
    }

    String text() {
        return statusLabel.getText();
    }
}
