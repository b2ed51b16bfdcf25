package dev.bnlab.report;

import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.probe.HiddenLayerProbe;
import dev.bnlab.probe.LayerHealth;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.probe.SiteDistribution;
import dev.bnlab.report.chart.BandKind;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.ChartRenderer;
import dev.bnlab.report.chart.DistributionView;
import dev.bnlab.report.chart.HealthMetric;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probes measured, as files: tidy CSVs (accuracy.csv, activations.csv, health.csv) and pictures
 * (accuracy.png, activations.png, health.png, figure1.png). Written only when some run recorded probe points.
 * activations.csv holds, per hidden layer and site, the percentiles pooled over all units and those of the
 * followed unit (--probe-unit); every unit's are in the window, and re-running the spec reproduces them.
 */
public final class ProbeFiles {
    public static final String ACCURACY_CSV = "accuracy.csv";
    public static final String ACTIVATIONS_CSV = "activations.csv";
    public static final String HEALTH_CSV = "health.csv";
    public static final String ACCURACY_PNG = "accuracy.png";
    public static final String ACTIVATIONS_PNG = "activations.png";
    public static final String HEALTH_PNG = "health.png";
    public static final String FIGURE1_PNG = "figure1.png";
    public static final List<String> FILES = List.of(ACCURACY_CSV, ACTIVATIONS_CSV, HEALTH_CSV, ACCURACY_PNG,
            ACTIVATIONS_PNG, HEALTH_PNG, FIGURE1_PNG);
    public static final String[] ACCURACY_HEADER = {"variant", "seed", "epoch", "iteration", "accuracy"};
    public static final String[] ACTIVATIONS_HEADER = {"variant", "seed", "epoch", "iteration", "layer", "site", "unit",
            "p15", "p50", "p85"};
    public static final String[] HEALTH_HEADER = {"variant", "seed", "epoch", "iteration", "layer",
            "update_ratio_log10", "gradient_norm", "activation_mean", "activation_std"};

    private ProbeFiles() {
    }

    public static boolean anyProbes(ExperimentResult result) {
        return result.histories().stream().anyMatch(h -> h.probeCount() > 0);
    }

    /** Writes every probe file into {@code dir}; returns summary.json's "files" entries (empty without probes). */
    public static Map<String, String> writeAll(Path dir, ExperimentResult result) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        if (!anyProbes(result)) {
            return files;
        }
        ExperimentSpec spec = result.spec();
        List<RunSpec> runs = spec.expand();
        List<List<ProbePoint>> probes = result.histories().stream().map(RunHistory::probes).toList();

        writeAccuracyCsv(dir.resolve(ACCURACY_CSV), result);
        writeActivationsCsv(dir.resolve(ACTIVATIONS_CSV), result);
        writeHealthCsv(dir.resolve(HEALTH_CSV), result);
        files.put("accuracy", ACCURACY_CSV);
        files.put("activations", ACTIVATIONS_CSV);
        files.put("health", HEALTH_CSV);

        ChartRenderer.writePng(ProbeCharts.accuracy(spec, runs, probes, BandKind.MIN_MAX, false),
                dir.resolve(ACCURACY_PNG), ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        files.put("accuracy_chart_png", ACCURACY_PNG);

        int lastLayer = spec.hyperparameters().hiddenUnits().size();
        int unit = spec.monitoring().probeUnit();
        List<ChartDefinition> panels = new ArrayList<>();
        panels.addAll(ProbeCharts.distributions(spec, runs, probes,
                new DistributionView(0, lastLayer, ProbeSite.PRE_ACTIVATION, unit)));
        panels.addAll(ProbeCharts.distributions(spec, runs, probes,
                new DistributionView(0, lastLayer, ProbeSite.PRE_ACTIVATION, DistributionView.POOLED)));
        int columns = Math.max(2, spec.variants().size());
        int after = -1;
        for (int v = spec.variants().size() - 1; v >= 0; v--) {
            if (spec.variants().get(v).batchNorm() == dev.bnlab.spec.BnPlacement.AFTER) {
                after = v;
            }
        }
        if (after >= 0) { // what BN after the activation changes: its input and its output, side by side
            String name = spec.variants().get(after).name();
            ChartDefinition in = ProbeCharts.distributions(spec, runs, probes,
                    new DistributionView(0, lastLayer, ProbeSite.BN_INPUT, DistributionView.POOLED)).get(after);
            ChartDefinition out = ProbeCharts.distributions(spec, runs, probes,
                    new DistributionView(0, lastLayer, ProbeSite.BN_OUTPUT, DistributionView.POOLED)).get(after);
            panels.addAll(ProbeCharts.sharedY(List.of(in.withTitle(name + ": what goes into BN"),
                    out.withTitle(name + ": what comes out of BN"))));
        }
        ChartRenderer.writeGridPng(panels, columns, "Inside the network: percentiles of hidden layer " + lastLayer
                        + " over training (15th, 50th, 85th), seed " + spec.seed(0), dir.resolve(ACTIVATIONS_PNG),
                1000, 560);
        files.put("activations_chart_png", ACTIVATIONS_PNG);

        List<ChartDefinition> health = new ArrayList<>();
        for (HealthMetric m : HealthMetric.values()) {
            health.addAll(ProbeCharts.health(spec, runs, probes, m, 0));
        }
        ChartRenderer.writeGridPng(health, columns, "Layer health over training, seed " + spec.seed(0),
                dir.resolve(HEALTH_PNG), 1000, 520);
        files.put("health_chart_png", HEALTH_PNG);

        List<ChartDefinition> figure = ProbeCharts.figure1(spec, runs, probes);
        ChartRenderer.writeGridPng(figure, figure.size(), "After Ioffe & Szegedy (2015), Figure 1 · " + spec.name(),
                dir.resolve(FIGURE1_PNG), 1000, 620);
        files.put("figure1_png", FIGURE1_PNG);
        return files;
    }

    static void writeAccuracyCsv(Path file, ExperimentResult result) throws IOException {
        writeCsv(file, ACCURACY_HEADER, (run, p, csv) ->
                csv.printRecord(row(run, result, p.epoch(), p.iteration(), Double.toString(p.accuracy()))), result);
    }

    static void writeActivationsCsv(Path file, ExperimentResult result) throws IOException {
        int unit = result.spec().monitoring().probeUnit();
        writeCsv(file, ACTIVATIONS_HEADER, (run, p, csv) -> {
            for (HiddenLayerProbe h : p.hidden()) {
                for (SiteDistribution d : h.sites()) {
                    csv.printRecord(row(run, result, p.epoch(), p.iteration(), h.layer(), d.site().key(), "all",
                            Float.toString(d.pooled(0)), Float.toString(d.pooled(1)), Float.toString(d.pooled(2))));
                    if (unit < d.units()) {
                        csv.printRecord(row(run, result, p.epoch(), p.iteration(), h.layer(), d.site().key(),
                                unit, Float.toString(d.unit(unit, 0)), Float.toString(d.unit(unit, 1)),
                                Float.toString(d.unit(unit, 2))));
                    }
                }
            }
        }, result);
    }

    static void writeHealthCsv(Path file, ExperimentResult result) throws IOException {
        writeCsv(file, HEALTH_HEADER, (run, p, csv) -> {
            for (LayerHealth h : p.health()) {
                csv.printRecord(row(run, result, p.epoch(), p.iteration(), h.name(),
                        Double.toString(h.updateRatioLog10()), Double.toString(h.gradientNorm()),
                        Double.toString(h.activationMean()), Double.toString(h.activationStd())));
            }
        }, result);
    }

    private static List<Object> row(RunResult run, ExperimentResult result, Object... rest) {
        List<Object> cells = MetricsCsv.lead(run, result.spec().sweep());
        cells.addAll(List.of(rest));
        return cells;
    }

    private interface Rows {
        void write(RunResult run, ProbePoint point, CSVPrinter csv) throws IOException;
    }

    private static void writeCsv(Path file, String[] header, Rows rows, ExperimentResult result) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(MetricsCsv.header(header, result.spec().sweep())).build());
            for (int r = 0; r < result.runs().size(); r++) {
                RunResult run = result.runs().get(r);
                for (ProbePoint p : result.histories().get(r).probes()) {
                    rows.write(run, p, csv);
                }
            }
            csv.flush();
        });
    }
}
