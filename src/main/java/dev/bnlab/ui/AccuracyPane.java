package dev.bnlab.ui;

import dev.bnlab.report.ProbeCharts;
import dev.bnlab.report.chart.BandKind;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.LossChartOptions;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;

import java.util.List;
import java.util.function.Supplier;

/** Accuracy on the probe images over training, every variant in one chart; with several seeds a band, as loss. */
final class AccuracyPane extends ProbePane {
    @FXML private ComboBox<BandKind> bandPicker;
    @FXML private CheckBox seedsBox;

    AccuracyPane(Runnable optionsChanged) {
        super(false);
        bandPicker.getItems().setAll(BandKind.values());
        bandPicker.setValue(LossChartOptions.defaults().band());
        labelled(bandPicker, BandKind::label);
        bandPicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
        seedsBox.selectedProperty().addListener((obs, old, v) -> optionsChanged.run());
    }

    @Override
    protected int panels(ExperimentSpec spec) {
        return 1;
    }

    @Override
    void configure(DashboardModel model) {
        boolean several = model.spec().seeds() > 1;
        bandPicker.setDisable(!several);
        seedsBox.setDisable(!several);
    }

    @Override
    protected Supplier<List<ChartDefinition>> charts(DashboardModel.ProbeData data) {
        BandKind band = bandPicker.getValue();
        boolean seeds = seedsBox.isSelected();
        return () -> List.of(ProbeCharts.accuracy(data.spec(), data.runs(), data.probes(), band, seeds));
    }

    @Override
    String heading(DashboardModel.ProbeData data) {
        return "";
    }
}
