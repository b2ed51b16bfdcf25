package dev.bnlab.ui;

import dev.bnlab.report.chart.Palette;
import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

import java.util.ArrayList;
import java.util.List;

/** The right-hand card: each variant's test accuracy over seeds, the verdicts, and "Evaluate now" after a stop. */
final class ResultsPanel extends UiPart<VBox> {
    @FXML private GridPane resultsGrid;
    @FXML private VBox verdictBox;
    @FXML private Label resultsHint;
    @FXML private Button evaluateButton;
    private final List<Label> headlines = new ArrayList<>();
    private final List<Label> details = new ArrayList<>();
    private List<String> shownNames = List.of();

    ResultsPanel(Runnable evaluateNow) {
        evaluateButton.setOnAction(e -> evaluateNow.run());
    }

    void render(DashboardModel model) {
        List<DashboardModel.VariantRow> rows = model.variantRows();
        List<String> names = rows.stream().map(DashboardModel.VariantRow::name).toList();
        if (!names.equals(shownNames)) {
            build(rows);
            shownNames = names;
        }
        for (int i = 0; i < rows.size(); i++) {
            headlines.get(i).setText(rows.get(i).headline());
            details.get(i).setText(rows.get(i).detail());
        }
        verdictBox.getChildren().clear();
        for (String verdict : model.verdicts()) {
            Label l = new Label(verdict);
            l.setWrapText(true);
            l.getStyleClass().add("verdict");
            verdictBox.getChildren().add(l);
        }
        resultsHint.setText(model.hint());
        boolean evaluate = model.evaluateVisible();
        evaluateButton.setVisible(evaluate);
        evaluateButton.setManaged(evaluate);
        evaluateButton.setDisable(model.isEvaluating());
    }

    private void build(List<DashboardModel.VariantRow> rows) {
        resultsGrid.getChildren().clear();
        headlines.clear();
        details.clear();
        Label header = new Label("TEST ACCURACY");
        header.getStyleClass().add("results-header");
        resultsGrid.add(header, 1, 0);
        for (int i = 0; i < rows.size(); i++) {
            Line swatch = new Line(0, 0, 16, 0);
            swatch.setStyle("-fx-stroke: " + Palette.hex(rows.get(i).colorIndex())
                    + "; -fx-stroke-width: 5; -fx-stroke-line-cap: round;");
            Label name = new Label(rows.get(i).name());
            name.getStyleClass().add("result-name");
            Label headline = new Label();
            headline.getStyleClass().add("result-accuracy");
            headline.setId("accuracy-" + i);
            Label detail = new Label();
            detail.getStyleClass().add("result-detail");
            detail.setWrapText(true);
            headlines.add(headline);
            details.add(detail);
            resultsGrid.add(swatch, 0, 1 + i);
            resultsGrid.add(new VBox(2, name, headline, detail), 1, 1 + i);
        }
    }

    String headline(int variant) {
        return headlines.get(variant).getText();
    }

    List<String> verdicts() {
        return verdictBox.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }
}
