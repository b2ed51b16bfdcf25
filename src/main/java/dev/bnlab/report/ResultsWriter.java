package dev.bnlab.report;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.VerifiedFile;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.ChartRenderer;
import dev.bnlab.report.chart.LossChartBuilder;
import dev.bnlab.report.chart.LossChartOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an experiment's results into one folder: metrics.csv, loss.png, loss.svg, what the probes measured
 * ({@link ProbeFiles}), the finished runs' trained networks ({@link ModelFiles}, models/) and, last, summary.json.
 */
public final class ResultsWriter {
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String CHART = "loss.png";
    public static final String CHART_SVG = "loss.svg";
    public static final List<String> FILES = List.of(METRICS, SUMMARY, CHART, CHART_SVG);
    public static final String SWEEP_PNG = "sweep.png";

    private ResultsWriter() {
    }

    /**
     * The files {@link #writeAll} writes for {@code result}: the probe files only when probes recorded something,
     * models/ when a run finished.
     */
    public static List<String> files(ExperimentResult result) {
        List<String> files = new java.util.ArrayList<>(FILES);
        if (ProbeFiles.anyProbes(result)) {
            files.addAll(ProbeFiles.FILES);
        }
        if (result.spec().sweep().active()) {
            files.add(SweepCsv.FILE);
            files.add(SWEEP_PNG);
        }
        long models = result.runs().stream().filter(ModelFiles::saves).count();
        if (models > 0) {
            files.add(ModelFiles.DIRECTORY + "/ (" + models + " model" + (models == 1 ? "" : "s") + ")");
        }
        return files;
    }

    /** Results without their networks (nothing in models/), e.g. read back from files. */
    public static void writeAll(Path dir, ExperimentResult result, MnistData data) throws IOException {
        writeAll(dir, result, data, TrainedNetworks.NONE);
    }

    /** The results and, from {@code networks}, the model of every finished run. */
    public static void writeAll(Path dir, ExperimentResult result, MnistData data, TrainedNetworks networks)
            throws IOException {
        MetricsCsv.write(dir.resolve(METRICS), result);
        LossChartOptions options = LossChartOptions.defaults()
                .withBuckets(ChartRenderer.suggestedBuckets(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT));
        if (result.spec().sweep().active()) { // one panel per value of the sweep
            java.util.List<ChartDefinition> panels = new java.util.ArrayList<>();
            for (int c = 0; c < result.spec().sweep().size(); c++) {
                ChartDefinition panel = LossCharts.of(result, options, c);
                panels.add(panel.withTitle(result.spec().sweep().label(c)));
            }
            String heading = LossChartBuilder.TITLE + " · " + result.spec().name();
            int columns = Math.min(3, panels.size());
            ChartRenderer.writeGridPng(panels, columns, heading, dir.resolve(CHART), 1000, 560);
            ChartRenderer.writeGridSvg(panels, columns, heading, dir.resolve(CHART_SVG), 1000, 560);
        } else {
            ChartDefinition chart = LossCharts.of(result, options);
            ChartRenderer.writePng(chart, dir.resolve(CHART), ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
            ChartRenderer.writeSvg(chart, dir.resolve(CHART_SVG), ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("metrics", METRICS);
        files.put("loss_chart_png", CHART);
        files.put("loss_chart_svg", CHART_SVG);
        files.putAll(ProbeFiles.writeAll(dir, result));
        if (result.spec().sweep().active()) {
            SweepCsv.write(dir.resolve(SweepCsv.FILE), result);
            files.put("sweep", SweepCsv.FILE);
            java.util.List<SweepCharts.Cell> cells = new java.util.ArrayList<>();
            for (int r = 0; r < result.runs().size(); r++) {
                var run = result.runs().get(r);
                cells.add(new SweepCharts.Cell(run.run(), run.status(), run.testAccuracy(),
                        result.histories().get(r).probes()));
            }
            ChartRenderer.writeGridPng(SweepCharts.of(result.spec(), cells), 2,
                    "Sweep: " + result.spec().name(), dir.resolve(SWEEP_PNG), 1100, 720);
            files.put("sweep_chart_png", SWEEP_PNG);
        }
        Path dataDir = data == null ? null : data.directory();
        List<VerifiedFile> dataFiles = data == null ? List.of() : data.files();
        Map<Integer, SavedModel> models = ModelFiles.writeAll(dir, result, networks);
        if (!models.isEmpty()) {
            files.put("models", ModelFiles.DIRECTORY);
        }
        // last: a summary.json says that every file it lists is complete
        SummaryJson.write(dir.resolve(SUMMARY), result, dataDir, dataFiles, files, models);
    }
}
