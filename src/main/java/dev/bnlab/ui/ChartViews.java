package dev.bnlab.ui;

import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.util.List;

/**
 * The chart area: Loss | Accuracy | Distributions | Health as tabs. Only the visible view is redrawn; switching
 * tabs or changing a view's options tells the window to redraw at once.
 */
final class ChartViews extends UiPart<TabPane> {
    /** The views, in tab order. */
    enum View { LOSS, ACCURACY, DISTRIBUTIONS, HEALTH }

    @FXML private TabPane tabs;
    @FXML private Tab lossTab;
    @FXML private Tab accuracyTab;
    @FXML private Tab distributionsTab;
    @FXML private Tab healthTab;
    private final ChartPane loss;
    private final AccuracyPane accuracy;
    private final DistributionsPane distributions;
    private final HealthPane health;

    /** {@code redraw} runs on the FX thread when the visible view or its options change. */
    ChartViews(Runnable redraw) {
        loss = new ChartPane(redraw);
        accuracy = new AccuracyPane(redraw);
        distributions = new DistributionsPane(redraw);
        health = new HealthPane(redraw);
        lossTab.setContent(loss.getRoot());
        accuracyTab.setContent(accuracy.getRoot());
        distributionsTab.setContent(distributions.getRoot());
        healthTab.setContent(health.getRoot());
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, v) -> redraw.run());
    }

    View visible() {
        return View.values()[Math.max(0, tabs.getSelectionModel().getSelectedIndex())];
    }

    void select(View view) {
        tabs.getSelectionModel().select(view.ordinal());
    }

    /** The visible probe view, or null when the loss chart is visible. */
    ProbePane visibleProbePane() {
        return switch (visible()) {
            case LOSS -> null;
            case ACCURACY -> accuracy;
            case DISTRIBUTIONS -> distributions;
            case HEALTH -> health;
        };
    }

    private List<ProbePane> probePanes() {
        return List.of(accuracy, distributions, health);
    }

    /** The pickers' choices for the model's experiment, and whether it records probes at all. */
    void configure(DashboardModel model) {
        for (ProbePane p : probePanes()) {
            p.configure(model);
            p.showProbesOn(model.probesOn(), model.probesOffText());
        }
        loss.severalSeeds(model.spec().seeds() > 1);
    }

    /** A new experiment: nothing drawn. */
    void clear() {
        loss.clear();
        probePanes().forEach(ProbePane::clear);
    }

    /** FX thread, every frame: legends and titles follow what the visible view last drew. */
    void refresh() {
        ProbePane p = visibleProbePane();
        if (p == null) {
            loss.refreshLegend();
        } else {
            p.refresh();
        }
    }

    ChartPane loss() {
        return loss;
    }

    AccuracyPane accuracy() {
        return accuracy;
    }

    DistributionsPane distributions() {
        return distributions;
    }

    HealthPane health() {
        return health;
    }
}
