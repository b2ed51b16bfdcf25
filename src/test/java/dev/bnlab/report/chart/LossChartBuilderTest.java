package dev.bnlab.report.chart;

import dev.bnlab.report.Smoothing;
import dev.bnlab.report.chart.ChartDefinition.Band;
import dev.bnlab.report.chart.ChartDefinition.Layer;
import dev.bnlab.report.chart.ChartDefinition.LegendEntry;
import dev.bnlab.report.chart.ChartDefinition.Line;
import dev.bnlab.report.chart.ChartDefinition.XMarker;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LossChartBuilderTest {
    private static final LossChartOptions OPTIONS = new LossChartOptions(0.6, BandKind.CI95, false, false, 500);

    private static ChartDefinition build(List<VariantCurves> variants, int[] epochEnds, LossChartOptions options) {
        return LossChartBuilder.build("title", "subtitle", variants, epochEnds, options);
    }

    private static List<Band> bands(ChartDefinition c) {
        return c.layers().stream().filter(Band.class::isInstance).map(Band.class::cast).toList();
    }

    private static List<Line> lines(ChartDefinition c) {
        return c.layers().stream().filter(Line.class::isInstance).map(Line.class::cast).toList();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    @Test
    void aLossBandNeverReachesBelowZeroThoughTheIntervalDoes() {
        // two seeds far apart: mean 1, sd 1.41, t(0.975, 1) = 12.7: the interval runs to about -11
        float[] a = new float[50];
        float[] b = new float[50];
        Arrays.fill(a, 0f);
        Arrays.fill(b, 2f);
        ChartDefinition chart = build(List.of(new VariantCurves("v", 0, List.of(a, b), "")), new int[0],
                OPTIONS.withSmoothing(0));

        Band band = bands(chart).get(0);
        assertThat(CurveBands.of(List.of(a, b), BandKind.CI95).low(10)).isLessThan(-10);
        for (int i = 0; i < band.size(); i++) {
            assertThat(band.low(i)).isZero();
            assertThat(band.high(i)).isGreaterThan(10);
        }
    }

    @Test
    void oneSeedPerVariantLooksAsBeforeARawBandAndABoldEmaLine() {
        int n = 10 * SyntheticLoss.ITERATIONS_PER_EPOCH;
        float[] plain = SyntheticLoss.curve(n, 1, 1);
        float[] bn = SyntheticLoss.curve(n, 2, 2);
        plain[1234] = 9; // one spike: the raw band must keep it
        ChartDefinition c = build(List.of(new VariantCurves("without BN", 0, List.of(plain), "97.41 %"),
                new VariantCurves("with BN", 1, List.of(bn), "diverged")), SyntheticLoss.epochEnds(10), OPTIONS);

        assertThat(c.layers()).hasSize(4);
        assertThat(c.layers().get(0)).isInstanceOf(Band.class); // both bands under both lines
        assertThat(c.layers().get(1)).isInstanceOf(Band.class);
        List<Band> bands = bands(c);
        List<Line> lines = lines(c);
        assertThat(bands).extracting(Band::colorHex).containsExactly("#D55E00", "#0072B2");
        assertThat(lines).extracting(Line::colorHex).containsExactly("#D55E00", "#0072B2");
        assertThat(bands).allSatisfy(b -> assertThat(b.opacity()).isEqualTo(LossChartBuilder.RAW_BAND_OPACITY));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.opacity()).isEqualTo(1.0);
            assertThat(l.width()).isEqualTo(LossChartBuilder.BOLD_LINE_WIDTH);
        });
        for (Layer layer : c.layers()) {
            assertThat(layer.size()).isBetween(500, 502);
        }

        Band raw = bands.get(0);
        assertThat(max(raw.high())).isEqualTo(9.0); // the spike survived the reduction
        float rawMin = Float.MAX_VALUE;
        for (float v : plain) {
            rawMin = Math.min(rawMin, v);
        }
        assertThat(Arrays.stream(raw.low()).min().orElseThrow()).isEqualTo(rawMin);
        for (int i = 0; i < raw.size(); i++) {
            assertThat(raw.low(i)).isLessThanOrEqualTo(raw.high(i));
        }

        float[] ema = Smoothing.ema(plain, 0.6);
        Line line = lines.get(0);
        assertThat(line.x(0)).isEqualTo(1);
        assertThat(line.y(0)).isEqualTo(plain[0]);
        assertThat(line.x(line.size() - 1)).isEqualTo(n);
        assertThat(line.y(line.size() - 1)).isEqualTo(ema[n - 1]);
        int k = line.size() / 2; // any point: the smoothed value at its iteration
        assertThat(line.y(k)).isEqualTo(ema[(int) line.x(k) - 1]);
        assertThat(max(line.y())).isLessThan(5); // the line is smoothed, the band is not

        assertThat(c.legend()).containsExactly(new LegendEntry("without BN", "#D55E00", "97.41 %"),
                new LegendEntry("with BN", "#0072B2", "diverged"));
        assertThat(c.footnote()).isEqualTo("bold: EMA smoothing 0.60 · faint: raw minibatch loss");
        assertThat(c.xLabel()).isEqualTo("iteration (minibatch)");
        assertThat(c.yLabel()).isEqualTo("training loss");
        assertThat(c.logY()).isFalse();
        assertThat(c.title()).isEqualTo("title");
        assertThat(c.subtitle()).isEqualTo("subtitle");
    }

    @Test
    void threeSeedsGiveABandAndTheMeanOfTheSmoothedCurves() {
        int n = 300; // fewer iterations than buckets: nothing is reduced, every index is compared
        List<float[]> seeds = SyntheticLoss.seeds(3, n, 1.5, 7);
        ChartDefinition c = build(List.of(new VariantCurves("BN after activation", 2, seeds, "98.02 % ± 0.04")),
                new int[0], OPTIONS.withBand(BandKind.MIN_MAX));

        assertThat(c.layers()).hasSize(2);
        Band band = (Band) c.layers().get(0);
        Line mean = (Line) c.layers().get(1);
        assertThat(band.colorHex()).isEqualTo("#009E73");
        assertThat(band.opacity()).isEqualTo(LossChartBuilder.SEEDS_BAND_OPACITY);
        assertThat(mean.colorHex()).isEqualTo("#009E73");
        assertThat(mean.width()).isEqualTo(LossChartBuilder.BOLD_LINE_WIDTH);
        assertThat(mean.size()).isEqualTo(n);
        assertThat(band.size()).isEqualTo(n);

        float[][] smoothed = seeds.stream().map(s -> Smoothing.ema(s, 0.6)).toArray(float[][]::new);
        for (int i = 0; i < n; i++) {
            double expected = (smoothed[0][i] + (double) smoothed[1][i] + smoothed[2][i]) / 3;
            assertThat(mean.x(i)).isEqualTo(i + 1);
            assertThat(mean.y(i)).isCloseTo(expected, within(1e-6));
            double lo = Math.min(smoothed[0][i], Math.min(smoothed[1][i], smoothed[2][i]));
            double hi = Math.max(smoothed[0][i], Math.max(smoothed[1][i], smoothed[2][i]));
            assertThat(band.x(i)).isEqualTo(i + 1);
            assertThat(band.low(i)).isEqualTo(lo);
            assertThat(band.high(i)).isEqualTo(hi);
        }
        // the mean is not the raw loss: it must differ from the unsmoothed mean somewhere
        double rawMean = (seeds.get(0)[5] + (double) seeds.get(1)[5] + seeds.get(2)[5]) / 3;
        assertThat(mean.y(5)).isNotCloseTo(rawMean, within(1e-4));

        assertThat(c.legend()).containsExactly(
                new LegendEntry("BN after activation (3 seeds)", "#009E73", "98.02 % ± 0.04"));
        assertThat(c.footnote()).contains("mean", "EMA", "0.60", "min–max").doesNotContain("raw");
    }

    @Test
    void ci95BandOfThreeSeedsIsTheTIntervalOfTheSmoothedCurves() {
        List<float[]> seeds = SyntheticLoss.seeds(3, 200, 1, 11);
        ChartDefinition c = build(List.of(new VariantCurves("v", 0, seeds, "")), new int[0], OPTIONS);
        Band band = (Band) c.layers().get(0);
        CurveBands expected = CurveBands.of(seeds.stream().map(s -> Smoothing.ema(s, 0.6)).toList(), BandKind.CI95);
        for (int i = 0; i < 200; i++) {
            assertThat(band.low(i)).isCloseTo(expected.low(i), within(1e-5));
            assertThat(band.high(i)).isCloseTo(expected.high(i), within(1e-5));
        }
        assertThat(band.high(100) - band.low(100)).isGreaterThan(0);
        assertThat(c.footnote()).isEqualTo("bold: mean of EMA-smoothed loss (0.60) over seeds · band: 95 % CI");
    }

    @Test
    void showSeedsAddsAThinFaintLinePerSeedBetweenTheBandsAndTheMeans() {
        List<VariantCurves> variants = List.of(new VariantCurves("a", 0, SyntheticLoss.seeds(3, 1000, 1, 1), ""),
                new VariantCurves("b", 1, SyntheticLoss.seeds(2, 1000, 2, 2), ""));
        ChartDefinition without = build(variants, new int[0], OPTIONS);
        ChartDefinition with = build(variants, new int[0], OPTIONS.withShowSeeds(true));

        assertThat(lines(without)).hasSize(2);
        assertThat(with.layers()).hasSize(2 + 5 + 2);
        assertThat(with.layers().subList(0, 2)).allMatch(Band.class::isInstance);
        List<Line> thin = with.layers().subList(2, 7).stream().map(Line.class::cast).toList();
        assertThat(thin).extracting(Line::colorHex).containsExactly("#D55E00", "#D55E00", "#D55E00", "#0072B2", "#0072B2");
        assertThat(thin).allSatisfy(l -> {
            assertThat(l.opacity()).isEqualTo(LossChartBuilder.SEED_LINE_OPACITY);
            assertThat(l.width()).isEqualTo(LossChartBuilder.SEED_LINE_WIDTH);
            assertThat(l.size()).isBetween(500, 502);
        });
        assertThat(with.layers().subList(7, 9)).allSatisfy(l -> assertThat(((Line) l).width()).isEqualTo(3.2));
        assertThat(with.footnote()).contains("thin: each seed");
    }

    @Test
    void epochMarkersSitBetweenEpochsButNotAtTheRightEdge() {
        List<VariantCurves> done = List.of(new VariantCurves("a", 0, List.of(new float[300]), ""));
        ChartDefinition c = build(done, new int[]{100, 200, 300}, OPTIONS);
        assertThat(c.markers()).containsExactly(new XMarker(100.5, "epoch 2"), new XMarker(200.5, "epoch 3"));

        List<VariantCurves> running = List.of(new VariantCurves("a", 0, List.of(new float[250]), ""),
                new VariantCurves("b", 1, List.of(new float[240], new float[230]), ""));
        assertThat(build(running, new int[]{100, 200}, OPTIONS).markers())
                .extracting(XMarker::label).containsExactly("epoch 2", "epoch 3");
    }

    @Test
    void aLongHistoryIsReducedToAboutBucketsPoints() {
        int n = 46_900;
        LossChartOptions options = OPTIONS.withBuckets(1_000).withShowSeeds(true);
        ChartDefinition single = build(List.of(new VariantCurves("a", 0, List.of(SyntheticLoss.curve(n, 1, 3)), "")),
                new int[0], options);
        ChartDefinition multi = build(List.of(new VariantCurves("a", 0, SyntheticLoss.seeds(5, n, 1, 4), "")),
                new int[0], options);
        for (ChartDefinition c : List.of(single, multi)) {
            for (Layer layer : c.layers()) {
                assertThat(layer.size()).isBetween(1_000, 1_002);
                assertThat(layer.x(layer.size() - 1)).isEqualTo(n);
            }
            assertThat(c.xRange().max()).isEqualTo(n);
        }
        assertThat(multi.layers()).hasSize(1 + 5 + 1);
    }

    @Test
    void aShorterDivergedSeedCountsUntilItStopsAndShortLayersKeepTheSameDensity() {
        List<float[]> seeds = List.of(SyntheticLoss.curve(4000, 1, 1), SyntheticLoss.curve(4000, 1, 2),
                SyntheticLoss.curve(1000, 1, 3));
        ChartDefinition c = build(List.of(new VariantCurves("a", 0, seeds, "")), new int[0],
                OPTIONS.withBuckets(400).withShowSeeds(true));
        Line shortSeed = (Line) c.layers().get(3);
        assertThat(shortSeed.x(shortSeed.size() - 1)).isEqualTo(1000);
        assertThat(shortSeed.size()).isBetween(100, 102); // a quarter of the x range: a quarter of the points
        Line mean = (Line) c.layers().get(4);
        assertThat(mean.x(mean.size() - 1)).isEqualTo(4000);
    }

    @Test
    void aStretchWithoutFiniteRawLossBreaksTheRawBand() {
        float[] raw = SyntheticLoss.curve(4000, 1, 5);
        Arrays.fill(raw, 1000, 2000, Float.NaN);
        ChartDefinition c = build(List.of(new VariantCurves("a", 0, List.of(raw), "")), new int[0],
                OPTIONS.withBuckets(400));
        Band band = (Band) c.layers().get(0);
        assertThat(Arrays.stream(band.x()).filter(Double::isNaN).count()).isEqualTo(1);
        for (int i = 0; i < band.size(); i++) {
            if (!Double.isNaN(band.x(i))) {
                assertThat(band.x(i) <= 1001 || band.x(i) > 2000).as("x %s in the gap", band.x(i)).isTrue();
            }
        }
        // the EMA line carries its last value over the stretch, as Smoothing documents: no gap, no NaN
        Line line = (Line) c.layers().get(1);
        assertThat(line.y()).doesNotContain(Double.NaN);
        assertThat(line.size()).isBetween(400, 401);
    }

    @Test
    void oneSeedAndSeveralSeedsMixAndTheLogOptionNamesTheAxis() {
        ChartDefinition c = build(List.of(new VariantCurves("one", 0, List.of(SyntheticLoss.curve(500, 1, 1)), ""),
                        new VariantCurves("five", 1, SyntheticLoss.seeds(5, 500, 2, 2), ""),
                        new VariantCurves("none yet", 2, List.of(), "pending")),
                new int[0], OPTIONS.withLogY(true).withBand(BandKind.SD));
        assertThat(bands(c)).extracting(Band::opacity)
                .containsExactly(LossChartBuilder.RAW_BAND_OPACITY, LossChartBuilder.SEEDS_BAND_OPACITY);
        assertThat(c.legend()).extracting(LegendEntry::name).containsExactly("one", "five (5 seeds)", "none yet");
        assertThat(c.footnote()).contains("±1 sd", "one seed: faint raw minibatch loss");
        assertThat(c.logY()).isTrue();
        assertThat(c.yLabel()).isEqualTo("training loss (log scale)");
    }
}
