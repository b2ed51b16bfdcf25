package dev.bnlab.report;

import dev.bnlab.probe.HiddenLayerProbe;
import dev.bnlab.probe.LayerHealth;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.probe.SiteDistribution;
import dev.bnlab.report.chart.BandKind;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.ChartDefinition.Range;
import dev.bnlab.report.chart.CurveBands;
import dev.bnlab.report.chart.DistributionView;
import dev.bnlab.report.chart.HealthMetric;
import dev.bnlab.report.chart.Palette;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.RunSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The charts of what the probes measured inside the networks, as {@link ChartDefinition}s that the window draws
 * live and {@link ProbeFiles} writes to PNG: accuracy over training, the BN paper's percentile panels, layer
 * health. {@code probes} holds each run's points, indexed like {@code runs}.
 */
public final class ProbeCharts {
    public static final String X_LABEL = "iteration (minibatch)";
    private static final double BOLD = 3.2;
    private static final double THIN = 1.6;

    private ProbeCharts() {
    }

    /** The (a) panel: accuracy on the probe images, per variant; with several seeds their mean and a band. */
    public static ChartDefinition accuracy(ExperimentSpec spec, List<RunSpec> runs, List<List<ProbePoint>> probes,
                                           BandKind band, boolean showSeeds) {
        List<ChartDefinition.Layer> bands = new ArrayList<>();
        List<ChartDefinition.Layer> thin = new ArrayList<>();
        List<ChartDefinition.Layer> bold = new ArrayList<>();
        List<ChartDefinition.LegendEntry> legend = new ArrayList<>();
        boolean several = false;
        for (int v = 0; v < spec.variants().size(); v++) {
            String hex = Palette.hex(v);
            List<float[]> seeds = new ArrayList<>();
            double[] x = new double[0];
            for (int i : RunSpec.indicesOf(runs, v)) {
                List<ProbePoint> points = i < probes.size() ? probes.get(i) : List.of();
                if (points.isEmpty()) {
                    continue;
                }
                float[] acc = new float[points.size()];
                for (int k = 0; k < acc.length; k++) {
                    acc[k] = (float) (100 * points.get(k).accuracy());
                }
                seeds.add(acc);
                if (points.size() > x.length) {
                    x = points.stream().mapToDouble(ProbePoint::iteration).toArray();
                }
            }
            String note = "";
            if (seeds.size() == 1) {
                bold.add(new ChartDefinition.Line(hex, 1, BOLD, x, toDouble(seeds.get(0))));
                float[] s = seeds.get(0);
                note = String.format(Locale.ROOT, "%.1f%% at iteration %d", s[s.length - 1], (int) x[s.length - 1]);
            } else if (seeds.size() > 1) {
                several = true;
                CurveBands stats = CurveBands.of(seeds, band);
                double[] xs = java.util.Arrays.copyOf(x, stats.size());
                bands.add(new ChartDefinition.Band(hex, 0.22, xs, stats.low(), stats.high()));
                if (showSeeds) {
                    for (float[] s : seeds) {
                        thin.add(new ChartDefinition.Line(hex, 0.35, 1.0, java.util.Arrays.copyOf(x, s.length), toDouble(s)));
                    }
                }
                bold.add(new ChartDefinition.Line(hex, 1, BOLD, xs, stats.mean()));
                note = String.format(Locale.ROOT, "mean %.1f%% at iteration %d", stats.mean(stats.size() - 1),
                        (int) xs[stats.size() - 1]);
            }
            String name = seeds.size() > 1 ? spec.variants().get(v).name() + " (" + seeds.size() + " seeds)"
                    : spec.variants().get(v).name();
            legend.add(new ChartDefinition.LegendEntry(name, hex, note));
        }
        List<ChartDefinition.Layer> layers = new ArrayList<>(bands);
        layers.addAll(thin);
        layers.addAll(bold);
        String foot = String.format(Locale.ROOT, "first %,d test images, BN in inference mode; measured %s",
                spec.monitoring().evalExamples(), schedule(spec.monitoring().evalEvery()));
        if (several) {
            foot += " · bold: mean over seeds · band: " + band.label();
        }
        ChartDefinition chart = new ChartDefinition("Accuracy during training" + firstValue(spec), LossCharts.subtitle(spec), X_LABEL,
                "accuracy on the probe images (%)", false, layers, epochMarkers(spec, layers), legend, foot);
        Range y = chart.yRange();
        if (!y.isEmpty()) {
            Range padded = y.padded(0.06);
            chart = chart.withFixedY(new Range(Math.max(0, padded.min()), Math.min(100.5, padded.max())));
        }
        return chart;
    }

    /**
     * The paper's (b) and (c): per variant, the 15th, 50th and 85th percentiles of one unit (or all units) of
     * one hidden layer over training, for one seed; all panels share one y axis so they compare.
     */
    public static List<ChartDefinition> distributions(ExperimentSpec spec, List<RunSpec> runs,
                                                      List<List<ProbePoint>> probes, DistributionView view) {
        List<ChartDefinition> panels = new ArrayList<>();
        for (int v = 0; v < spec.variants().size(); v++) {
            panels.add(distribution(spec, runs, probes, v, view));
        }
        return sharedY(panels);
    }

    private static ChartDefinition distribution(ExperimentSpec spec, List<RunSpec> runs, List<List<ProbePoint>> probes,
                                                int variant, DistributionView view) {
        String hex = Palette.hex(variant);
        List<ProbePoint> points = pointsOf(runs, probes, variant, view.seedIndex());
        int n = points.size();
        double[] x = new double[n];
        double[][] p = new double[3][n];
        boolean recorded = false;
        for (int k = 0; k < n; k++) {
            ProbePoint point = points.get(k);
            x[k] = point.iteration();
            Optional<SiteDistribution> d = site(point, view.layer(), view.site());
            for (int q = 0; q < 3; q++) {
                p[q][k] = Double.NaN;
            }
            if (d.isPresent() && (view.pooled() || view.unit() < d.get().units())) {
                recorded = true;
                for (int q = 0; q < 3; q++) {
                    p[q][k] = view.pooled() ? d.get().pooled(q) : d.get().unit(view.unit(), q);
                }
            }
        }
        List<ChartDefinition.Layer> layers = new ArrayList<>();
        layers.add(new ChartDefinition.Band(hex, 0.16, x, p[0], p[2]));
        layers.add(new ChartDefinition.Line(hex, 0.85, THIN, x, p[0]));
        layers.add(new ChartDefinition.Line(hex, 0.85, THIN, x, p[2]));
        layers.add(new ChartDefinition.Line(hex, 1, BOLD, x, p[1]));
        List<ChartDefinition.LegendEntry> legend = List.of(
                new ChartDefinition.LegendEntry("50th percentile", hex, "bold"),
                new ChartDefinition.LegendEntry("15th and 85th", hex, "thin, shaded between"));
        String name = spec.variants().get(variant).name();
        String subtitle = String.format(Locale.ROOT, "hidden layer %d · %s · %s · seed %d%s", view.layer(),
                view.unitLabel(), view.site().label(), spec.seed(view.seedIndex()), firstValue(spec));
        String foot = recorded ? String.format(Locale.ROOT, "on the first %,d test images as one batch (BN in training mode)",
                spec.monitoring().evalExamples()) : "nothing recorded here for this variant";
        return new ChartDefinition(name, subtitle, X_LABEL, view.site().label(), false, layers,
                epochMarkers(spec, layers), legend, foot);
    }

    /** Per variant, one line per layer of one health signal, for one seed; panels share one y axis. */
    public static List<ChartDefinition> health(ExperimentSpec spec, List<RunSpec> runs, List<List<ProbePoint>> probes,
                                               HealthMetric metric, int seedIndex) {
        List<ChartDefinition> panels = new ArrayList<>();
        for (int v = 0; v < spec.variants().size(); v++) {
            List<ProbePoint> points = pointsOf(runs, probes, v, seedIndex);
            List<ChartDefinition.Layer> layers = new ArrayList<>();
            List<ChartDefinition.LegendEntry> legend = new ArrayList<>();
            List<String> names = points.isEmpty() ? List.of()
                    : points.get(points.size() - 1).health().stream().map(LayerHealth::name).toList();
            for (int l = 0; l < names.size(); l++) {
                double[] x = new double[points.size()];
                double[] y = new double[points.size()];
                boolean any = false;
                for (int k = 0; k < points.size(); k++) {
                    x[k] = points.get(k).iteration();
                    List<LayerHealth> h = points.get(k).health();
                    y[k] = l < h.size() ? metric.of(h.get(l)) : Double.NaN;
                    if (metric.logY() && !(y[k] > 0)) {
                        y[k] = Double.NaN;
                    }
                    any |= Double.isFinite(y[k]);
                }
                if (any) {
                    String hex = layerColor(l, names.size());
                    layers.add(new ChartDefinition.Line(hex, 1, 2.4, x, y));
                    legend.add(new ChartDefinition.LegendEntry(names.get(l), hex, ""));
                }
            }
            String subtitle = String.format(Locale.ROOT, "%s · seed %d%s", metric.label(), spec.seed(seedIndex),
                    firstValue(spec));
            panels.add(new ChartDefinition(spec.variants().get(v).name(), subtitle, X_LABEL, metric.label(),
                    metric.logY(), layers, epochMarkers(spec, layers), legend, footnote(metric)));
        }
        return sharedY(panels);
    }

    /** The BN paper's Figure 1 in one row: (a) accuracy, then per variant the followed unit's percentiles. */
    public static List<ChartDefinition> figure1(ExperimentSpec spec, List<RunSpec> runs, List<List<ProbePoint>> probes) {
        List<ChartDefinition> panels = new ArrayList<>();
        ChartDefinition accuracy = accuracy(spec, runs, probes, BandKind.MIN_MAX, false);
        panels.add(zoomed(accuracy).withTitle("(a) Accuracy on the probe images"));
        DistributionView view = new DistributionView(0, spec.hyperparameters().hiddenUnits().size(),
                ProbeSite.PRE_ACTIVATION, spec.monitoring().probeUnit());
        List<ChartDefinition> dist = distributions(spec, runs, probes, view);
        for (int i = 0; i < dist.size(); i++) {
            panels.add(dist.get(i).withTitle("(" + (char) ('b' + i) + ") " + dist.get(i).title()));
        }
        return panels;
    }

    /**
     * The accuracy chart with its y axis from the lowest accuracy after the first tenth of training (at most
     * 70 %, the bottom of the paper's Figure 1(a)) to 100 %: the early climb from chance leaves the top of
     * the chart, as in the paper, and the footnote says so.
     */
    static ChartDefinition zoomed(ChartDefinition accuracy) {
        Range x = accuracy.xRange();
        if (x.isEmpty()) {
            return accuracy;
        }
        double from = x.min() + 0.1 * (x.max() - x.min());
        double low = 70;
        for (ChartDefinition.Layer layer : accuracy.layers()) {
            for (int i = 0; i < layer.size(); i++) {
                if (layer.x(i) >= from) {
                    double v = layer instanceof ChartDefinition.Line l ? l.y(i) : ((ChartDefinition.Band) layer).low(i);
                    if (Double.isFinite(v)) {
                        low = Math.min(low, v);
                    }
                }
            }
        }
        double bottom = Math.max(0, Math.floor(low / 5) * 5 - 5);
        if (bottom <= 0) {
            return accuracy;
        }
        ChartDefinition zoomed = accuracy.withFixedY(new Range(bottom, 100));
        return new ChartDefinition(zoomed.title(), zoomed.subtitle(), zoomed.xLabel(), zoomed.yLabel(), false,
                zoomed.layers(), zoomed.markers(), zoomed.legend(), zoomed.footnote()
                + String.format(Locale.ROOT, " · y axis from %.0f %%, as the paper's", bottom), zoomed.fixedY());
    }

    /**
     * In a sweep these charts follow the runs at the sweep's first value (" · lr 0.01"), and say so; the sweep
     * itself is in sweep.png and sweep.csv.
     */
    static String firstValue(ExperimentSpec spec) {
        return spec.sweep().active() ? " · " + spec.sweep().label(0) : "";
    }

    /** "at 0, 25, 50, 100, then every 200 iterations". */
    static String schedule(int k) {
        return k >= 8 ? String.format(Locale.ROOT, "at 0, %d, %d, %d, then every %d iterations", k / 8, k / 4, k / 2, k)
                : String.format(Locale.ROOT, "at 0, then every %d iterations", k);
    }

    private static String footnote(HealthMetric metric) {
        return switch (metric) {
            case UPDATE_RATIO -> "log10(mean |update| / mean |parameter|) of the minibatch trained at that iteration; about -3 is healthy";
            case GRADIENT_NORM -> "L2 norm of the loss gradient of the layer's trainable parameters, before the optimizer";
            case ACTIVATION_MEAN, ACTIVATION_STD -> "of the layer's output on the probe images (BN in training mode)";
        };
    }

    /** Layers from the input side in blue to the output in vermillion, through green and purple. */
    private static String layerColor(int layer, int layers) {
        String[] ramp = {"#0072B2", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#D55E00", "#000000"};
        if (layers <= 1) {
            return ramp[0];
        }
        return ramp[(int) Math.round((double) layer * (ramp.length - 1) / (layers - 1))];
    }

    static List<ProbePoint> pointsOf(List<RunSpec> runs, List<List<ProbePoint>> probes, int variant, int seedIndex) {
        for (RunSpec r : runs) {
            if (r.variantIndex() == variant && r.seedIndex() == seedIndex) {
                return r.index() < probes.size() ? probes.get(r.index()) : List.of();
            }
        }
        return List.of();
    }

    static Optional<SiteDistribution> site(ProbePoint point, int layer, ProbeSite site) {
        for (HiddenLayerProbe h : point.hidden()) {
            if (h.layer() == layer) {
                return h.site(site);
            }
        }
        return Optional.empty();
    }

    /** The panels with one y axis: the union of their data, padded by 5 %. */
    public static List<ChartDefinition> sharedY(List<ChartDefinition> panels) {
        Range all = Range.EMPTY;
        for (ChartDefinition c : panels) {
            all = all.union(c.yRange());
        }
        if (all.isEmpty()) {
            return panels;
        }
        boolean log = !panels.isEmpty() && panels.get(0).logY();
        Range shared = log ? new Range(all.min() / 1.3, all.max() * 1.3) : all.padded(0.05);
        return panels.stream().map(c -> c.withFixedY(shared)).toList();
    }

    private static List<ChartDefinition.XMarker> epochMarkers(ExperimentSpec spec, List<ChartDefinition.Layer> layers) {
        Hyperparameters h = spec.sweep().apply(spec, 0).hyperparameters(); // in a sweep: the value these charts follow
        double maxX = 0;
        for (ChartDefinition.Layer l : layers) {
            for (int i = 0; i < l.size(); i++) {
                if (Double.isFinite(l.x(i))) {
                    maxX = Math.max(maxX, l.x(i));
                }
            }
        }
        List<ChartDefinition.XMarker> markers = new ArrayList<>();
        if (h.epochs() > 12) { // the paper's 50 epochs: markers would cover the chart
            return markers;
        }
        for (int e = 1; e < h.epochs(); e++) {
            double at = (double) e * h.iterationsPerEpoch() + 0.5;
            if (at < maxX) {
                markers.add(new ChartDefinition.XMarker(at, "epoch " + (e + 1)));
            }
        }
        return markers;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
