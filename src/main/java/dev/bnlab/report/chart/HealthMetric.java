package dev.bnlab.report.chart;

import dev.bnlab.probe.LayerHealth;

import java.util.function.ToDoubleFunction;

/** The layer-health signals a chart can show, as DL4J's training UI shows them. */
public enum HealthMetric {
    UPDATE_RATIO("update_ratio_log10", "log10 update : parameter", false, LayerHealth::updateRatioLog10),
    GRADIENT_NORM("gradient_norm", "gradient L2 norm", true, LayerHealth::gradientNorm),
    ACTIVATION_MEAN("activation_mean", "activation mean", false, LayerHealth::activationMean),
    ACTIVATION_STD("activation_std", "activation std", false, LayerHealth::activationStd);

    private final String key;
    private final String label;
    private final boolean logY;
    private final ToDoubleFunction<LayerHealth> value;

    HealthMetric(String key, String label, boolean logY, ToDoubleFunction<LayerHealth> value) {
        this.key = key;
        this.label = label;
        this.logY = logY;
        this.value = value;
    }

    /** "update_ratio_log10": the column in health.csv. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean logY() {
        return logY;
    }

    public double of(LayerHealth h) {
        return value.applyAsDouble(h);
    }

    @Override
    public String toString() {
        return label;
    }
}
