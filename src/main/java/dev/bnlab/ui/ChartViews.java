package dev.bnlab.ui;

import dev.bnlab.ui.model.DashboardModel;
import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.util.List;

/**
 * The chart area: Loss | Accuracy | Distributions | Health | Sweep as tabs (Sweep enabled when the experiment has one). Only the visible view is redrawn; switching
 * tabs or changing a view's options tells the window to redraw at once.
 */
final class ChartViews extends UiPart<TabPane> {
    /** The views, in tab order. */
    enum View { LOSS, ACCURACY, DISTRIBUTIONS, HEALTH, SWEEP }

    @FXML private TabPane tabs;
    @FXML private Tab lossTab;
    @FXML private Tab accuracyTab;
    @FXML private Tab distributionsTab;
    @FXML private Tab healthTab;
    @FXML private Tab sweepTab;
    private final ChartPane loss;
    private final AccuracyPane accuracy;
    private final DistributionsPane distributions;
    private final HealthPane health;
    private final SweepPane sweep;

    /** {@code redraw} runs on the FX thread when the visible view or its options change. */
    ChartViews(Runnable redraw) {
        loss = new ChartPane(redraw);
        accuracy = new AccuracyPane(redraw);
        distributions = new DistributionsPane(redraw);
        health = new HealthPane(redraw);
        sweep = new SweepPane(this::showLossAt);
        lossTab.setContent(loss.getRoot());
        accuracyTab.setContent(accuracy.getRoot());
        distributionsTab.setContent(distributions.getRoot());
        healthTab.setContent(health.getRoot());
        sweepTab.setContent(sweep.getRoot());
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, v) -> redraw.run());
    }

    View visible() {
        return View.values()[Math.max(0, tabs.getSelectionModel().getSelectedIndex())];
    }

    void select(View view) {
        tabs.getSelectionModel().select(view.ordinal());
    }

    /** The Loss view at value {@code sweepIndex} of the sweep: what a click on the sweep chart does. */
    void showLossAt(int sweepIndex) {
        loss.selectSweep(sweepIndex);
        select(View.LOSS);
    }

    /** The visible probe view, or null when the loss chart or the sweep is visible. */
    ProbePane visibleProbePane() {
        return switch (visible()) {
            case LOSS, SWEEP -> null;
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
        loss.sweepChoices(model.spec());
        sweep.configure(model.spec());
        boolean swept = model.spec().sweep().active();
        sweepTab.setDisable(!swept);
        if (!swept && visible() == View.SWEEP) {
            select(View.LOSS);
        }
    }

    /** A new experiment: nothing drawn. */
    void clear() {
        loss.clear();
        probePanes().forEach(ProbePane::clear);
        sweep.clear();
    }

    /** FX thread, every frame: legends and titles follow what the visible view last drew. */
    void refresh() {
        ProbePane p = visibleProbePane();
        if (visible() == View.SWEEP) {
            sweep.refresh();
        } else if (p == null) {
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

    SweepPane sweep() {
        return sweep;
    }

    boolean sweepEnabled() {
        return !sweepTab.isDisable();
    }
}
