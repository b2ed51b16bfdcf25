package dev.bnlab.ui;

import dev.bnlab.probe.ProbeSite;
import dev.bnlab.report.ProbeCharts;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.DistributionView;
import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The BN paper's Figure 1 (b, c), live: per variant side by side, the 15th, 50th and 85th percentiles over training
 * of one unit (or all units pooled) of one hidden layer at one site, on one shared y axis.
 */
final class DistributionsPane extends ProbePane {
    @FXML private ComboBox<Integer> seedPicker;
    @FXML private ComboBox<Integer> layerPicker;
    @FXML private Spinner<Integer> unitSpinner;
    @FXML private CheckBox pooledBox;
    @FXML private ComboBox<ProbeSite> sitePicker;
    private final SpinnerValueFactory.IntegerSpinnerValueFactory units =
            new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0, 0);
    private DashboardModel model;

    DistributionsPane(Runnable optionsChanged) {
        super(true);
        units.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer unit) {
                return unit == null ? "" : unit.toString();
            }

            @Override
            public Integer fromString(String text) {
                try { // a typed unit out of range goes to the nearest one; a typo keeps the unit shown
                    return Math.max(units.getMin(), Math.min(units.getMax(), Integer.parseInt(text.trim())));
                } catch (NumberFormatException e) {
                    return units.getValue();
                }
            }
        });
        unitSpinner.setValueFactory(units);
        unitSpinner.setEditable(true);
        labelled(layerPicker, l -> Integer.toString(l));
        labelled(sitePicker, ProbeSite::label);
        layerPicker.valueProperty().addListener((obs, old, layer) -> {
            if (layer != null && model != null) {
                units.setMax(model.unitsIn(layer) - 1); // clamps the value too
            }
            optionsChanged.run();
        });
        unitSpinner.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
        pooledBox.selectedProperty().addListener((obs, old, pooled) -> {
            unitSpinner.setDisable(pooled);
            optionsChanged.run();
        });
        sitePicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
        seedPicker.valueProperty().addListener((obs, old, v) -> optionsChanged.run());
    }

    /**
     * Layer: the last hidden one (as the paper), unless the network is the same as before; unit: the spec's probe
     * unit when the layer changes; site: the input to the nonlinearity unless the chosen one is still recorded.
     */
    @Override
    void configure(DashboardModel model) {
        this.model = model;
        seedChoices(seedPicker, model.spec());
        List<Integer> layers = model.hiddenLayers();
        Integer before = layerPicker.getValue();
        if (!layerPicker.getItems().equals(layers)) { // another network: its last hidden layer, as the paper
            layerPicker.getItems().setAll(layers);
            layerPicker.setValue(layers.get(layers.size() - 1));
        }
        int layer = layerPicker.getValue();
        units.setMax(model.unitsIn(layer) - 1);
        if (before == null || before != layer) {
            units.setValue(model.defaultUnit(layer));
        }
        choices(sitePicker, model.probeSites(), ProbeSite.PRE_ACTIVATION);
    }

    @Override
    void showProbesOn(boolean on, String offText) {
        super.showProbesOn(on, offText);
        seedPicker.setDisable(!on); // in the title row, out of the other pickers' way
    }

    /** What the pickers choose now. */
    DistributionView view() {
        int seed = seedPicker.getValue() == null ? 0 : seedPicker.getValue();
        int layer = layerPicker.getValue() == null ? 1 : layerPicker.getValue();
        int unit = pooledBox.isSelected() ? DistributionView.POOLED : unitSpinner.getValue();
        ProbeSite site = sitePicker.getValue() == null ? ProbeSite.PRE_ACTIVATION : sitePicker.getValue();
        return new DistributionView(seed, layer, site, unit);
    }

    @Override
    protected Supplier<List<ChartDefinition>> charts(DashboardModel.ProbeData data) {
        DistributionView view = view();
        return () -> ProbeCharts.distributions(data.spec(), data.runs(), data.probes(), view);
    }

    @Override
    String heading(DashboardModel.ProbeData data) {
        DistributionView v = view();
        return String.format(java.util.Locale.ROOT, "Inside the network: 15th, 50th and 85th percentiles over training"
                + " · hidden layer %d · %s · %s · seed %d", v.layer(), v.unitLabel(), v.site().label(), data.spec().seed(v.seedIndex()));
    }

    ComboBox<Integer> layerPicker() {
        return layerPicker;
    }

    CheckBox pooledBox() {
        return pooledBox;
    }

    Spinner<Integer> unitSpinner() {
        return unitSpinner;
    }

    ComboBox<ProbeSite> sitePicker() {
        return sitePicker;
    }
}
