package dev.bnlab.report;

import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.ChartDefinition.Marker;
import dev.bnlab.report.chart.Palette;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.Sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sweep picture, as two {@link ChartDefinition}s: final test accuracy against the swept value (a log axis
 * for the learning rate), one line per variant through its mean over seeds with the 95 % t-interval as a band,
 * each seed a dot, each diverged run a cross where it diverged (at 0 % when it has no accuracy); and the
 * iterations each variant needed to reach {@link SweepCsv#TARGET} on the probe images (the BN paper's "steps
 * to reach" measure).
 */
public final class SweepCharts {
    private SweepCharts() {
    }

    /** One run of a sweep, as the charts need it. */
    public record Cell(RunSpec run, RunStatus status, double accuracy, List<ProbePoint> probes) {
    }

    public static List<ChartDefinition> of(ExperimentSpec spec, List<Cell> cells) {
        return List.of(accuracy(spec, cells), stepsToTarget(spec, cells));
    }

    private static boolean logAxis(Sweep sweep) {
        double min = sweep.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = sweep.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        return min > 0 && max / min >= 10;
    }

    static ChartDefinition accuracy(ExperimentSpec spec, List<Cell> cells) {
        Sweep sweep = spec.sweep();
        List<ChartDefinition.Layer> bands = new ArrayList<>();
        List<ChartDefinition.Layer> lines = new ArrayList<>();
        List<ChartDefinition.Layer> marks = new ArrayList<>();
        List<ChartDefinition.LegendEntry> legend = new ArrayList<>();
        int divergedTotal = 0;
        for (int v = 0; v < spec.variants().size(); v++) {
            String hex = Palette.hex(v);
            int n = sweep.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            List<double[]> dots = new ArrayList<>();
            List<double[]> crosses = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                x[c] = sweep.values().get(c);
                List<Double> acc = new ArrayList<>();
                for (Cell cell : cells) {
                    if (cell.run().variantIndex() != v || cell.run().sweepIndex() != c) {
                        continue;
                    }
                    double a = 100 * cell.accuracy();
                    if (cell.status() == RunStatus.DIVERGED) {
                        crosses.add(new double[]{x[c], Double.isNaN(a) ? 0 : a});
                    } else if (!Double.isNaN(a)) {
                        dots.add(new double[]{x[c], a});
                    }
                    if (!Double.isNaN(a)) {
                        acc.add(a);
                    }
                }
                SampleSummary s = SampleSummary.of(acc.stream().mapToDouble(Double::doubleValue).toArray());
                mean[c] = s.mean();
                low[c] = Double.isNaN(s.ciLow()) ? s.mean() : Math.max(0, s.ciLow());
                high[c] = Double.isNaN(s.ciHigh()) ? s.mean() : Math.min(100, s.ciHigh());
            }
            if (spec.seeds() > 1) {
                bands.add(new ChartDefinition.Band(hex, 0.18, x, low, high));
            }
            lines.add(new ChartDefinition.Line(hex, 1, 3.2, x, mean));
            marks.add(points(hex, 0.55, 11, Marker.DOT, dots));
            marks.add(points(hex, 1, 20, Marker.CROSS, crosses));
            divergedTotal += crosses.size();
            legend.add(new ChartDefinition.LegendEntry(spec.variants().get(v).name(), hex,
                    crosses.isEmpty() ? "" : crosses.size() + " diverged (×)"));
        }
        List<ChartDefinition.Layer> layers = new ArrayList<>(bands);
        layers.addAll(lines);
        layers.addAll(marks);
        String foot = (spec.seeds() > 1 ? String.format(Locale.ROOT, "line: mean over %d seeds · band: 95 %% CI (t) · ",
                spec.seeds()) : "") + "dots: seeds" + (divergedTotal > 0 ? " · ×: diverged (at 0 % without an accuracy)" : "");
        return new ChartDefinition("Test accuracy against " + sweep.setting().words(), LossCharts.subtitle(spec),
                sweep.setting().words() + (logAxis(sweep) ? " (log scale)" : ""), "test accuracy (%)", false, layers,
                List.of(), legend, foot, new ChartDefinition.Range(-3, 100), logAxis(sweep));
    }

    static ChartDefinition stepsToTarget(ExperimentSpec spec, List<Cell> cells) {
        Sweep sweep = spec.sweep();
        List<ChartDefinition.Layer> layers = new ArrayList<>();
        List<ChartDefinition.LegendEntry> legend = new ArrayList<>();
        boolean probes = spec.monitoring().enabled();
        for (int v = 0; v < spec.variants().size(); v++) {
            String hex = Palette.hex(v);
            int n = sweep.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            List<double[]> dots = new ArrayList<>();
            int never = 0;
            for (int c = 0; c < n; c++) {
                x[c] = sweep.values().get(c);
                List<Double> reached = new ArrayList<>();
                for (Cell cell : cells) {
                    if (cell.run().variantIndex() != v || cell.run().sweepIndex() != c || cell.probes().isEmpty()) {
                        continue;
                    }
                    int it = SweepCsv.iterationsTo(cell.probes(), SweepCsv.TARGET);
                    if (it >= 0) {
                        reached.add((double) it);
                        dots.add(new double[]{x[c], it});
                    } else {
                        never++;
                    }
                }
                mean[c] = reached.isEmpty() ? Double.NaN : reached.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            }
            layers.add(new ChartDefinition.Line(hex, 1, 3.2, x, mean));
            layers.add(points(hex, 0.55, 11, Marker.DOT, dots));
            legend.add(new ChartDefinition.LegendEntry(spec.variants().get(v).name(), hex,
                    never == 0 ? "" : never + " run" + (never == 1 ? "" : "s") + " never reached it"));
        }
        String foot = probes ? String.format(Locale.ROOT,
                "first probe point with %.0f %% on the first %,d test images (probes %s) · line: mean of the seeds that reached it",
                100 * SweepCsv.TARGET, spec.monitoring().evalExamples(), ProbeCharts.schedule(spec.monitoring().evalEvery()))
                : "needs probes: --eval-every K > 0";
        return new ChartDefinition(String.format(Locale.ROOT, "Iterations to reach %.0f %%", 100 * SweepCsv.TARGET),
                LossCharts.subtitle(spec), sweep.setting().words() + (logAxis(sweep) ? " (log scale)" : ""),
                "iterations (minibatches)", false, layers, List.of(), legend, foot, null, logAxis(sweep));
    }

    private static ChartDefinition.Points points(String hex, double opacity, double size, Marker marker, List<double[]> xy) {
        double[] x = new double[xy.size()];
        double[] y = new double[xy.size()];
        for (int i = 0; i < xy.size(); i++) {
            x[i] = xy.get(i)[0];
            y[i] = xy.get(i)[1];
        }
        return new ChartDefinition.Points(hex, opacity, size, marker, x, y);
    }
}
