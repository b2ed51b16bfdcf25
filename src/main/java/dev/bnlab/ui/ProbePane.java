package dev.bnlab.ui;

import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A card of charts drawn from what the probes measured: its pickers in the header, its charts (a {@link PanelRow})
 * and, when the experiment records no probes, a short text saying how to turn them on. Subclasses say which
 * charts their pickers choose; the definitions are built off the FX thread from a copy of the probe points.
 */
abstract class ProbePane extends UiPart<VBox> {
    @FXML private StackPane chartsHolder;
    @FXML private Label placeholder;
    @FXML private Pane pickers;
    private final PanelRow row;

    /** {@code titledPanels}: each panel shows its definition's title (side-by-side variants). */
    protected ProbePane(boolean titledPanels) {
        row = new PanelRow(titledPanels);
        chartsHolder.getChildren().add(0, row.node());
        placeholder.setWrapText(true);
        showProbesOn(true, "");
    }

    /** The charts the pickers choose now, for {@code data}; called on the FX thread, the supplier runs off it. */
    protected abstract Supplier<List<ChartDefinition>> charts(DashboardModel.ProbeData data);

    /** How many panels {@link #charts} makes for {@code spec}. */
    protected int panels(ExperimentSpec spec) {
        return spec.variants().size();
    }

    /** Fills the pickers with the choices of the model's experiment, keeping the user's where they still fit. */
    abstract void configure(DashboardModel model);

    /** The line above the panels in an exported PNG. */
    abstract String heading(DashboardModel.ProbeData data);

    /** The charts on screen, built now (for an export, on a background thread after this FX-thread call). */
    Supplier<List<ChartDefinition>> export(DashboardModel.ProbeData data) {
        return charts(data);
    }

    void show(DashboardModel.ProbeData data) {
        row.show(panels(data.spec()), charts(data));
    }

    /** Shows the charts, or (probes off) the text saying how to turn them on. */
    void showProbesOn(boolean on, String offText) {
        placeholder.setText(offText);
        placeholder.setVisible(!on);
        row.node().setVisible(on);
        pickers.setDisable(!on);
    }

    void clear() {
        row.clear();
    }

    void refresh() {
        row.refresh();
    }

    PanelRow row() {
        return row;
    }

    boolean placeholderShown() {
        return placeholder.isVisible();
    }

    /** A combo box that shows its items as {@code label} names them. */
    static <T> void labelled(ComboBox<T> box, Function<T, String> label) {
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : label.apply(item);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
    }

    /** Sets a combo box's items, keeping its value if still there, else choosing {@code fallback}. */
    static <T> void choices(ComboBox<T> box, List<T> items, T fallback) {
        T now = box.getValue();
        if (!box.getItems().equals(items)) {
            box.getItems().setAll(items);
        }
        box.setValue(now != null && items.contains(now) ? now : fallback);
    }

    /** The seed picker's items: seed indices, shown as the seeds themselves; hidden with one seed. */
    static void seedChoices(ComboBox<Integer> box, ExperimentSpec spec) {
        Integer now = box.getValue();
        labelled(box, i -> "seed " + spec.seed(i));
        List<Integer> seeds = java.util.stream.IntStream.range(0, spec.seeds()).boxed().toList();
        box.getItems().setAll(seeds); // anew even if equal: the labels depend on the spec's first seed
        box.setValue(now != null && now < spec.seeds() ? now : 0);
        box.setVisible(spec.seeds() > 1);
        box.setManaged(spec.seeds() > 1);
    }
}
