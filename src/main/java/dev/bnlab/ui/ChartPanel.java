package dev.bnlab.ui;

import dev.bnlab.report.chart.ChartDefinition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Line;

import java.util.List;
import java.util.function.Supplier;

/**
 * One live chart with the words its {@link ChartDefinition} carries around it: title and subtitle (optional),
 * legend, and the footnote, which says e.g. that a variant records nothing at the chosen site. The words follow
 * the definition last drawn, on the FX thread.
 */
final class ChartPanel {
    private final LiveChart chart = new LiveChart();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final FlowPane legendBox = new FlowPane(14, 3);
    private final Label footnote = new Label();
    private final boolean titled;
    private ChartDefinition worded;

    /** {@code titled}: show the definition's title and subtitle (panels side by side); else the card has one. */
    ChartPanel(boolean titled) {
        this.titled = titled;
        title.getStyleClass().add("panel-title");
        subtitle.getStyleClass().add("panel-subtitle");
        subtitle.setWrapText(true);
        footnote.getStyleClass().add("panel-footnote");
        footnote.setWrapText(true);
        legendBox.setMinWidth(0);
    }

    /**
     * Top to bottom: (title, subtitle,) legend, chart, footnote. Side-by-side panels put these in the rows of one
     * grid, so their plots line up even when one legend needs more lines than another.
     */
    List<Node> parts() {
        return titled ? List.of(title, subtitle, legendBox, chart.node(), footnote)
                : List.of(legendBox, chart.node(), footnote);
    }

    /** Which of {@link #parts()} grows with the space: the chart. */
    int chartPart() {
        return titled ? 3 : 1;
    }

    void show(Supplier<ChartDefinition> build) {
        chart.show(build);
    }

    void clear() {
        chart.clear();
        refresh();
    }

    /** Puts the words of the definition last drawn in place, if it is another one; FX thread, every frame. */
    void refresh() {
        ChartDefinition shown = chart.shown();
        if (shown == worded) {
            return;
        }
        if (shown == null || worded == null || !shown.legend().equals(worded.legend())) {
            legendBox.getChildren().setAll(shown == null ? List.of() : shown.legend().stream().map(ChartPanel::legendItem).toList());
        }
        worded = shown;
        title.setText(shown == null ? "" : shown.title());
        subtitle.setText(shown == null ? "" : shown.subtitle());
        footnote.setText(shown == null ? "" : shown.footnote());
    }

    private static Node legendItem(ChartDefinition.LegendEntry e) {
        Line swatch = new Line(0, 0, 18, 0);
        swatch.setStyle("-fx-stroke: " + e.colorHex() + "; -fx-stroke-width: 3; -fx-stroke-line-cap: round;");
        Label name = new Label(e.name());
        name.getStyleClass().add("legend-item");
        Label note = new Label(e.note());
        note.getStyleClass().add("legend-note");
        HBox item = new HBox(5, swatch, name, note);
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    LiveChart chart() {
        return chart;
    }
}
