package dev.bnlab.report.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes sample charts to look at (not a test): {@code chart-sample.png} (one seed × two variants, today's look)
 * and {@code chart-sample-bands.png} (five seeds × three variants, 95 % CI bands), plus SVGs and variants, into
 * the folder given as the first argument (default /tmp).
 */
public final class ChartSamples {
    private ChartSamples() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
        int epochs = 10;
        int n = epochs * SyntheticLoss.ITERATIONS_PER_EPOCH;
        int[] ends = SyntheticLoss.epochEnds(epochs);
        String subtitle = "MNIST, 60,000 training images · MLP 784-100-100-10 · batch 128 · Nesterov lr 0.1, momentum 0.9 · 10 epochs";
        LossChartOptions file = LossChartOptions.defaults();

        List<VariantCurves> single = List.of(
                new VariantCurves("without BN", 0, List.of(SyntheticLoss.curve(n, 1, 1)), "test accuracy 97.41%"),
                new VariantCurves("with BN", 1, List.of(SyntheticLoss.curve(n, 2.2, 2)), "test accuracy 98.12%"));
        ChartDefinition one = LossChartBuilder.build(LossChartBuilder.TITLE, subtitle + " · seed 42", single, ends, file);
        ChartRenderer.writePng(one, dir.resolve("chart-sample.png"), 1600, 900);
        ChartRenderer.writeSvg(one, dir.resolve("chart-sample.svg"), 1600, 900);
        ChartDefinition oneLog = LossChartBuilder.build(LossChartBuilder.TITLE, subtitle, single, ends, file.withLogY(true));
        ChartRenderer.writePng(oneLog, dir.resolve("chart-sample-log.png"), 1600, 900);

        List<VariantCurves> multi = List.of(
                new VariantCurves("without BN", 0, SyntheticLoss.seeds(5, n, 1, 100), "97.33 % ± 0.05"),
                new VariantCurves("BN after activation", 1, SyntheticLoss.seeds(5, n, 1.8, 200), "98.02 % ± 0.04"),
                new VariantCurves("BN before activation", 2, SyntheticLoss.seeds(5, n, 2.4, 300), "98.10 % ± 0.06"));
        String multiSubtitle = subtitle + " · seeds 1–5";
        ChartDefinition bands = LossChartBuilder.build(LossChartBuilder.TITLE, multiSubtitle, multi, ends, file);
        ChartRenderer.writePng(bands, dir.resolve("chart-sample-bands.png"), 1600, 900);
        ChartRenderer.writeSvg(bands, dir.resolve("chart-sample-bands.svg"), 1600, 900);
        ChartDefinition seeds = LossChartBuilder.build(LossChartBuilder.TITLE, multiSubtitle, multi, ends,
                file.withShowSeeds(true).withBand(BandKind.MIN_MAX).withLogY(true));
        ChartRenderer.writePng(seeds, dir.resolve("chart-sample-seeds-log.png"), 1600, 900);
        ChartDefinition small = LossChartBuilder.build(LossChartBuilder.TITLE, multiSubtitle, multi, ends,
                file.withBuckets(ChartRenderer.suggestedBuckets(800, 450)).withBand(BandKind.SD));
        ChartRenderer.writePng(small, dir.resolve("chart-sample-small.png"), 800, 450);

        // 100 epochs (46,900 iterations); one seed without BN diverges at iteration 3,000
        int longN = 100 * SyntheticLoss.ITERATIONS_PER_EPOCH;
        List<float[]> plain = new java.util.ArrayList<>(SyntheticLoss.seeds(5, longN, 1, 500));
        float[] diverged = java.util.Arrays.copyOf(plain.get(4), 3_000);
        diverged[2_999] = Float.POSITIVE_INFINITY;
        plain.set(4, diverged);
        List<VariantCurves> longRuns = List.of(
                new VariantCurves("without BN", 0, plain, "98.01 % ± 0.07 · 1 diverged"),
                new VariantCurves("with BN", 1, SyntheticLoss.seeds(5, longN, 2, 600), "98.35 % ± 0.03"));
        ChartDefinition longChart = LossChartBuilder.build(LossChartBuilder.TITLE, "100 epochs", longRuns,
                SyntheticLoss.epochEnds(100), file.withLogY(true));
        ChartRenderer.writePng(longChart, dir.resolve("chart-sample-long-log.png"), 1600, 900);
    }
}
