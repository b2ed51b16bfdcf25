package dev.bnlab.report.chart;

import dev.bnlab.report.SeriesReducer;
import dev.bnlab.report.Smoothing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the {@link ChartDefinition} of the training-loss chart from each variant's per-seed loss histories.
 * <ul>
 *     <li>A variant with one seed looks like the chart always did: a faint band from the lowest to the highest
 *     raw minibatch loss in each bucket, and a bold line of the EMA-smoothed loss.</li>
 *     <li>A variant with two or more seeds: each seed's loss is EMA-smoothed, then a band over the seeds
 *     ({@link BandKind}) and a bold line of their mean; with {@code showSeeds} each seed's smoothed curve as a
 *     thin faint line under the mean.</li>
 * </ul>
 * Layers are reduced to about {@code buckets} points: bands keep each bucket's lowest low and highest high (so
 * spikes stay visible) at the bucket's centre (the outer edge for the first and last bucket), lines keep each
 * bucket's last value at the bucket's end (plus the first value, so lines start at iteration 1). Buckets without
 * any finite value become NaN gaps. All bands come first, then the single-seed lines, then the bold lines, so no
 * band hides a line.
 */
public final class LossChartBuilder {
    public static final String TITLE = "Training loss with and without Batch Normalization";
    public static final String X_LABEL = "iteration (minibatch)";
    public static final String Y_LABEL = "training loss";
    /** Band of one seed's raw loss. */
    public static final double RAW_BAND_OPACITY = 0.28;
    /** Band over seeds around the mean. */
    public static final double SEEDS_BAND_OPACITY = 0.22;
    public static final double SEED_LINE_OPACITY = 0.35;
    public static final double SEED_LINE_WIDTH = 1.0;
    public static final double BOLD_LINE_WIDTH = 3.2;

    private LossChartBuilder() {
    }

    /**
     * @param epochEnds the iteration (1-based) that closed each finished epoch; a dashed marker "epoch k+1" is
     *                  drawn after each, except at the chart's right edge
     */
    public static ChartDefinition build(String title, String subtitle, List<VariantCurves> variants, int[] epochEnds,
                                        LossChartOptions options) {
        int maxLength = 0;
        for (VariantCurves v : variants) {
            for (float[] s : v.seedScores()) {
                maxLength = Math.max(maxLength, s.length);
            }
        }
        List<ChartDefinition.Layer> bands = new ArrayList<>();
        List<ChartDefinition.Layer> seedLines = new ArrayList<>();
        List<ChartDefinition.Layer> boldLines = new ArrayList<>();
        List<ChartDefinition.LegendEntry> legend = new ArrayList<>();
        boolean anySingle = false;
        boolean anyMulti = false;
        for (VariantCurves v : variants) {
            String hex = Palette.hex(v.colorIndex());
            List<float[]> seeds = v.seedScores();
            if (seeds.size() == 1) {
                anySingle = true;
                float[] raw = seeds.get(0);
                int buckets = bucketsFor(raw.length, maxLength, options.buckets());
                bands.add(envelope(hex, RAW_BAND_OPACITY, raw, raw, buckets));
                boldLines.add(line(hex, 1.0, BOLD_LINE_WIDTH, Smoothing.ema(raw, options.smoothing()), buckets));
            } else if (seeds.size() >= 2) {
                anyMulti = true;
                List<float[]> smoothed = new ArrayList<>(seeds.size());
                for (float[] s : seeds) {
                    smoothed.add(Smoothing.ema(s, options.smoothing()));
                }
                CurveBands stats = CurveBands.of(smoothed, options.band());
                int buckets = bucketsFor(stats.size(), maxLength, options.buckets());
                // a loss is never negative: a t-interval over few seeds can reach below 0, the band stops at 0
                float[] low = toFloat(stats.low());
                for (int i = 0; i < low.length; i++) {
                    low[i] = Math.max(0f, low[i]);
                }
                bands.add(envelope(hex, SEEDS_BAND_OPACITY, low, toFloat(stats.high()), buckets));
                if (options.showSeeds()) {
                    for (float[] s : smoothed) {
                        seedLines.add(line(hex, SEED_LINE_OPACITY, SEED_LINE_WIDTH, s,
                                bucketsFor(s.length, maxLength, options.buckets())));
                    }
                }
                boldLines.add(line(hex, 1.0, BOLD_LINE_WIDTH, toFloat(stats.mean()), buckets));
            }
            String name = seeds.size() >= 2 ? v.name() + " (" + seeds.size() + " seeds)" : v.name();
            legend.add(new ChartDefinition.LegendEntry(name, hex, v.note()));
        }
        List<ChartDefinition.Layer> layers = new ArrayList<>(bands);
        layers.addAll(seedLines);
        layers.addAll(boldLines);

        List<ChartDefinition.XMarker> markers = new ArrayList<>();
        for (int e = 0; e < epochEnds.length; e++) {
            if (epochEnds[e] > 0 && epochEnds[e] < maxLength) { // the last epoch's end is the right edge
                markers.add(new ChartDefinition.XMarker(epochEnds[e] + 0.5, "epoch " + (e + 2)));
            }
        }
        String yLabel = Y_LABEL + (options.logY() ? " (log scale)" : "");
        return new ChartDefinition(title, subtitle, X_LABEL, yLabel, options.logY(), layers, markers, legend,
                footnote(options, anySingle, anyMulti));
    }

    static String footnote(LossChartOptions options, boolean anySingle, boolean anyMulti) {
        String single = String.format(Locale.ROOT, "bold: EMA smoothing %.2f · faint: raw minibatch loss",
                options.smoothing());
        if (!anyMulti) {
            return single;
        }
        String multi = String.format(Locale.ROOT, "bold: mean of EMA-smoothed loss (%.2f) over seeds · band: %s",
                options.smoothing(), options.band().label());
        if (options.showSeeds()) {
            multi += " · thin: each seed";
        }
        return anySingle ? multi + " · one seed: faint raw minibatch loss" : multi;
    }

    /** Buckets for a layer of {@code length} points so that all layers get about the same points per pixel. */
    private static int bucketsFor(int length, int maxLength, int buckets) {
        if (length == 0 || maxLength == 0) {
            return 1;
        }
        return (int) Math.max(1, Math.round((double) buckets * length / maxLength));
    }

    /**
     * Per bucket: the lowest finite {@code low} and highest finite {@code high}, at the bucket's centre; the first
     * and last bucket of each piece sit at their outer edge, so the band spans the same iterations as the data.
     */
    private static ChartDefinition.Band envelope(String hex, double opacity, float[] low, float[] high, int buckets) {
        SeriesReducer.Bucket[] lows = SeriesReducer.reduce(low, buckets);
        SeriesReducer.Bucket[] highs = low == high ? lows : SeriesReducer.reduce(high, buckets);
        List<SeriesReducer.Bucket[]> pairs = new ArrayList<>(lows.length); // {low bucket, high bucket}
        int h = 0;
        for (SeriesReducer.Bucket lb : lows) {
            while (h < highs.length && highs[h].firstIndex() < lb.firstIndex()) {
                h++;
            }
            if (h < highs.length && highs[h].firstIndex() == lb.firstIndex()) {
                pairs.add(new SeriesReducer.Bucket[]{lb, highs[h]});
            } // else no finite high in this bucket (cannot happen for CurveBands): left out
        }
        Points p = new Points(pairs.size() + 8);
        for (int k = 0; k < pairs.size(); k++) {
            SeriesReducer.Bucket lb = pairs.get(k)[0];
            float min = lb.min();
            float max = pairs.get(k)[1].max();
            boolean pieceStart = k == 0 || lb.firstIndex() > pairs.get(k - 1)[0].lastIndex() + 1;
            boolean pieceEnd = k == pairs.size() - 1 || pairs.get(k + 1)[0].firstIndex() > lb.lastIndex() + 1;
            if (pieceStart && k > 0) {
                p.gap();
            }
            if (pieceStart) {
                p.add(lb.firstIndex() + 1, min, max);
            }
            if (!pieceStart && !pieceEnd) {
                p.add((lb.firstIndex() + lb.lastIndex()) / 2.0 + 1, min, max);
            }
            if (pieceEnd && (!pieceStart || lb.lastIndex() > lb.firstIndex())) {
                p.add(lb.lastIndex() + 1, min, max);
            }
        }
        return new ChartDefinition.Band(hex, opacity, p.x(), p.a(), p.b());
    }

    /** Per bucket: the last finite value at the bucket's end; the first value first. */
    private static ChartDefinition.Line line(String hex, double opacity, double width, float[] values, int buckets) {
        SeriesReducer.Bucket[] reduced = SeriesReducer.reduce(values, buckets);
        Points p = new Points(reduced.length * 2);
        if (reduced.length > 0 && reduced[0].firstIndex() == 0 && reduced[0].lastIndex() > 0
                && Float.isFinite(values[0])) {
            p.add(1, values[0], Double.NaN);
        }
        int previousEnd = -1;
        for (SeriesReducer.Bucket b : reduced) {
            if (previousEnd >= 0 && b.firstIndex() > previousEnd + 1) {
                p.gap();
            }
            p.add(b.lastIndex() + 1, b.last(), Double.NaN);
            previousEnd = b.lastIndex();
        }
        return new ChartDefinition.Line(hex, opacity, width, p.x(), p.a());
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** A growing list of (x, a, b) points. */
    private static final class Points {
        private double[] x;
        private double[] a;
        private double[] b;
        private int n;

        Points(int capacity) {
            x = new double[Math.max(4, capacity)];
            a = new double[x.length];
            b = new double[x.length];
        }

        void add(double px, double pa, double pb) {
            if (n == x.length) {
                x = Arrays.copyOf(x, 2 * n);
                a = Arrays.copyOf(a, 2 * n);
                b = Arrays.copyOf(b, 2 * n);
            }
            x[n] = px;
            a[n] = pa;
            b[n++] = pb;
        }

        void gap() {
            if (n > 0 && !Double.isNaN(a[n - 1])) {
                add(Double.NaN, Double.NaN, Double.NaN);
            }
        }

        double[] x() {
            return Arrays.copyOf(x, n);
        }

        double[] a() {
            return Arrays.copyOf(a, n);
        }

        double[] b() {
            return Arrays.copyOf(b, n);
        }
    }
}
