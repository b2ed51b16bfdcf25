package dev.bnlab.ui;

import dev.bnlab.report.ProbeCharts;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.HealthMetric;
import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;

import java.util.List;
import java.util.function.Supplier;

/** Layer health per variant side by side, one line per layer, as DL4J's training UI shows it. */
final class HealthPane extends ProbePane {
    @FXML private ComboBox<HealthMetric> metricPicker;
    @FXML private ComboBox<Integer> seedPicker;

    HealthPane(Runnable optionsChanged) {
        super(true);
        metricPicker.getItems().setAll(HealthMetric.values());
        metricPicker.setValue(HealthMetric.UPDATE_RATIO);
        labelled(metricPicker, HealthMetric::label);
        metricPicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
        seedPicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
    }

    @Override
    void configure(DashboardModel model) {
        seedChoices(seedPicker, model.spec());
    }

    HealthMetric metric() {
        return metricPicker.getValue();
    }

    @Override
    protected Supplier<List<ChartDefinition>> charts(DashboardModel.ProbeData data) {
        HealthMetric metric = metricPicker.getValue();
        int seed = seedPicker.getValue() == null ? 0 : seedPicker.getValue();
        return () -> ProbeCharts.health(data.spec(), data.runs(), data.probes(), metric, seed);
    }

    @Override
    String heading(DashboardModel.ProbeData data) {
        int seed = seedPicker.getValue() == null ? 0 : seedPicker.getValue();
        return "Layer health over training: " + metricPicker.getValue().label() + " · seed " + data.spec().seed(seed);
    }

    ComboBox<HealthMetric> metricPicker() {
        return metricPicker;
    }
}
