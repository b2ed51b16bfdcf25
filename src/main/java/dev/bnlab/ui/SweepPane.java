package dev.bnlab.ui;

import dev.bnlab.report.SweepCharts;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.spec.ExperimentSpec;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * The sweep picture: test accuracy against the swept value and the iterations to reach 95 %, side by side, drawn
 * from the runs that have ended ({@link SweepCharts}, as the headless sweep.png). A click on the accuracy chart
 * picks the nearest swept value and shows its loss curves.
 */
final class SweepPane extends UiPart<VBox> {
    @FXML private StackPane chartsHolder;
    @FXML private Label placeholder;
    @FXML private Label heading;
    @FXML private Label hint;
    private final PanelRow row = new PanelRow(true);
    private final IntConsumer picked;
    private ExperimentSpec spec;
    private Node clickable;

    /** {@code picked} runs on the FX thread with the index of the value a click chose. */
    SweepPane(IntConsumer picked) {
        this.picked = picked;
        chartsHolder.getChildren().add(0, row.node());
        placeholder.setWrapText(true);
        placeholder.setText("This experiment sweeps nothing. Set \"Sweep\" in the settings (e.g. learning-rate=0.01,0.1,1,10;"
                + " on the command line: --sweep learning-rate=0.01,0.1,1,10) and press Start: every value is trained"
                + " with every variant and seed, and this view shows accuracy against the value.");
    }

    void configure(ExperimentSpec spec) {
        this.spec = spec;
        boolean active = spec.sweep().active();
        placeholder.setVisible(!active);
        row.node().setVisible(active);
        hint.setVisible(active);
        heading.setText(active ? "Sweep over " + spec.sweep().setting().words() : "Sweep");
    }

    /** Draws the two charts from {@code cells} (built off the FX thread); FX thread. */
    void show(ExperimentSpec spec, List<SweepCharts.Cell> cells) {
        this.spec = spec;
        row.show(2, () -> SweepCharts.of(spec, cells));
        Node accuracy = row.charts().get(0).node();
        if (accuracy != clickable) {
            clickable = accuracy;
            accuracy.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> {
                int i = valueAt(e.getSceneX());
                if (i >= 0) {
                    picked.accept(i);
                }
            });
        }
    }

    /** The index of the swept value nearest scene x {@code sceneX} on the accuracy chart (by log on a log axis). */
    int valueAt(double sceneX) {
        if (spec == null || !spec.sweep().active() || row.charts().isEmpty()) {
            return -1;
        }
        LiveChart chart = row.charts().get(0);
        double x = chart.dataX(sceneX);
        boolean log = chart.logX();
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        List<Double> values = spec.sweep().values();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            double d = log ? Math.abs(Math.log(v) - Math.log(Math.max(x, Double.MIN_NORMAL))) : Math.abs(v - x);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** The scene x where value {@code i} sits on the accuracy chart (for tests). */
    double sceneXOf(int i) {
        LiveChart chart = row.charts().get(0);
        return chart.sceneXOf(spec.sweep().values().get(i));
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

    List<ChartDefinition> shown() {
        return row.shown();
    }
}
