package dev.bnlab.report.chart;

import dev.bnlab.probe.ProbeSite;

/**
 * Which distribution a chart follows: of seed {@code seedIndex} (0-based), hidden layer {@code layer} (1-based),
 * at {@code site}, of one unit ({@code unit} ≥ 0) or pooled over the layer's units ({@link #POOLED}).
 */
public record DistributionView(int seedIndex, int layer, ProbeSite site, int unit) {
    public static final int POOLED = -1;

    public boolean pooled() {
        return unit == POOLED;
    }

    /** "unit 0" or "all units". */
    public String unitLabel() {
        return pooled() ? "all units" : "unit " + unit;
    }
}
