package dev.bnlab.ui;

import javafx.scene.Node;

import java.util.List;

/**
 * The window's live loss chart, whatever draws it: per run a faint raw curve and a bold EMA-smoothed one,
 * epoch boundaries, an optional log scale. Called on the FX thread, at most a few times a second, with the
 * full score histories; an implementation reduces them to about one point per pixel for drawing.
 */
public interface LossChartView {

    Node node();

    /** Removes all curves and prepares the series of {@code runs} runs. */
    void reset(int runs);

    /** Redraws every run from its full score history. */
    void update(List<float[]> scores, int[] epochEnds, double smoothing);

    void setLogScale(boolean log);

    /** How many points the last update put on screen (for tests and benchmarks). */
    long pointsDrawn();

    /** Points a series holds on screen (0..runs-1: raw curves, runs..2*runs-1: smoothed curves). */
    int pointsInSeries(int index);

    /**
     * The implementation the window uses: chart-fx by default, JavaFX's LineChart with
     * {@code -Dbnlab.chart=linechart} (README, "Choosing the chart", has the measurements).
     */
    static LossChartView create() {
        String kind = System.getProperty("bnlab.chart", "chartfx");
        return switch (kind) {
            case "chartfx" -> new ChartFxLossChart();
            case "linechart" -> new LiveLossChart();
            default -> throw new IllegalArgumentException("bnlab.chart must be linechart or chartfx, not " + kind);
        };
    }
}
