package dev.bnlab.ui;

import dev.bnlab.report.chart.BandKind;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.LossChartOptions;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The loss chart's card: its options (smoothing, band kind, single seeds, log scale), the legend and the live
 * chart. The chart draws the same {@link ChartDefinition} the PNG and SVG files are drawn from.
 */
final class ChartPane extends UiPart<VBox> {
    @FXML private Slider smoothingSlider;
    @FXML private Label smoothingValue;
    @FXML private ComboBox<BandKind> bandPicker;
    @FXML private CheckBox seedsBox;
    @FXML private CheckBox logScaleBox;
    @FXML private FlowPane legendBox;
    @FXML private StackPane chartHolder;
    @FXML private HBox sweepBox;
    @FXML private ComboBox<Integer> sweepPicker;
    private final LiveChart chart = new LiveChart();
    private List<ChartDefinition.LegendEntry> legend = List.of();

    /** {@code optionsChanged} runs on the FX thread whenever the user changes how the chart is drawn. */
    ChartPane(Runnable optionsChanged) {
        chartHolder.getChildren().add(chart.node());
        bandPicker.getItems().setAll(BandKind.values());
        bandPicker.setValue(LossChartOptions.defaults().band());
        ProbePane.labelled(bandPicker, BandKind::label);
        smoothingSlider.valueProperty().addListener((obs, old, v) -> {
            smoothingValue.setText(String.format(Locale.ROOT, "%.2f", v.doubleValue()));
            optionsChanged.run();
        });
        bandPicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
        seedsBox.selectedProperty().addListener((obs, old, v) -> optionsChanged.run());
        logScaleBox.selectedProperty().addListener((obs, old, v) -> optionsChanged.run());
        sweepPicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
    }

    /** The sweep picker's values for {@code spec}, shown by their labels ("lr 0.01"); hidden without a sweep. */
    void sweepChoices(dev.bnlab.spec.ExperimentSpec spec) {
        boolean active = spec.sweep().active();
        sweepBox.setVisible(active);
        sweepBox.setManaged(active);
        ProbePane.labelled(sweepPicker, i -> spec.sweep().label(i));
        Integer now = sweepPicker.getValue();
        int n = active ? spec.sweep().size() : 0;
        List<Integer> items = java.util.stream.IntStream.range(0, n).boxed().toList();
        sweepPicker.getItems().setAll(items); // anew even if equal: the labels depend on the values
        sweepPicker.setValue(now != null && now < n ? now : n > 0 ? 0 : null);
    }

    /** The sweep value the chart shows (0 without a sweep). */
    int sweepIndex() {
        Integer v = sweepPicker.getValue();
        return v == null ? 0 : v;
    }

    /** Shows value {@code index} of the sweep; FX thread. */
    void selectSweep(int index) {
        if (index >= 0 && index < sweepPicker.getItems().size()) {
            sweepPicker.setValue(index);
        }
    }

    ComboBox<Integer> sweepPicker() {
        return sweepPicker;
    }

    /** The drawing options now, with about one point per 3 pixels of the chart's width. */
    LossChartOptions options() {
        int buckets = (int) Math.max(50, Math.min(1_000, chart.width() / 3));
        return new LossChartOptions(Math.min(0.99, smoothingSlider.getValue()), bandPicker.getValue(),
                seedsBox.isSelected(), logScaleBox.isSelected(), buckets);
    }

    /** The band and seed options only mean something with several seeds. */
    void severalSeeds(boolean several) {
        bandPicker.setDisable(!several);
        seedsBox.setDisable(!several);
    }

    void clear() {
        chart.clear();
        showLegend(List.of());
    }

    /** Draws what {@code build} makes (off the FX thread); the legend follows on the FX thread. */
    void show(Supplier<ChartDefinition> build) {
        chart.show(build);
    }

    /** Puts the last drawn definition's legend in place if it changed; FX thread, called every frame. */
    void refreshLegend() {
        ChartDefinition shown = chart.shown();
        if (shown != null && !shown.legend().equals(legend)) {
            showLegend(shown.legend());
        }
    }

    private void showLegend(List<ChartDefinition.LegendEntry> entries) {
        legend = entries;
        legendBox.getChildren().clear();
        for (ChartDefinition.LegendEntry e : entries) {
            Line swatch = new Line(0, 0, 22, 0);
            swatch.setStyle("-fx-stroke: " + e.colorHex() + "; -fx-stroke-width: 3.5; -fx-stroke-line-cap: round;");
            Label name = new Label(e.name());
            name.getStyleClass().add("legend-item");
            Label note = new Label(e.note());
            note.getStyleClass().add("legend-note");
            HBox item = new HBox(6, swatch, name, note);
            item.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            legendBox.getChildren().add(item);
        }
    }

    LiveChart chart() {
        return chart;
    }
}
