package dev.bnlab.report.chart;

/**
 * How the loss chart is drawn.
 *
 * @param smoothing EMA weight in [0, 1) (TensorBoard's smoothing; 0 = raw)
 * @param band      the band around the mean over seeds (variants with one seed show the raw loss band instead)
 * @param showSeeds also draw each seed's smoothed curve as a thin faint line (variants with ≥ 2 seeds)
 * @param logY      logarithmic y axis
 * @param buckets   about how many points each full-length layer keeps: for a live view about the plot width in
 *                  pixels / 3, for a file about the plot width in pixels ({@link ChartRenderer#suggestedBuckets})
 */
public record LossChartOptions(double smoothing, BandKind band, boolean showSeeds, boolean logY, int buckets) {
    public static final double DEFAULT_SMOOTHING = 0.6;

    public LossChartOptions {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        if (band == null) {
            throw new IllegalArgumentException("band kind is null");
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
    }

    /**
     * Smoothing 0.6, min–max band, no single seeds, linear axis, one point per pixel of a 1600×900 file. The band
     * is min–max by default: every seed's curve lies inside it, and it stays readable while only two or three
     * seeds have reached an iteration, where a 95 % t-interval (t = 12.7 for two) fills the chart.
     */
    public static LossChartOptions defaults() {
        return new LossChartOptions(DEFAULT_SMOOTHING, BandKind.MIN_MAX, false, false,
                ChartRenderer.suggestedBuckets(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT));
    }

    public LossChartOptions withSmoothing(double value) {
        return new LossChartOptions(value, band, showSeeds, logY, buckets);
    }

    public LossChartOptions withBand(BandKind value) {
        return new LossChartOptions(smoothing, value, showSeeds, logY, buckets);
    }

    public LossChartOptions withShowSeeds(boolean value) {
        return new LossChartOptions(smoothing, band, value, logY, buckets);
    }

    public LossChartOptions withLogY(boolean value) {
        return new LossChartOptions(smoothing, band, showSeeds, value, buckets);
    }

    public LossChartOptions withBuckets(int value) {
        return new LossChartOptions(smoothing, band, showSeeds, logY, value);
    }
}
