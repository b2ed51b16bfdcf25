package dev.bnlab.report;

import dev.bnlab.analysis.ExperimentAnalysis;
import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.ChartRenderer;
import dev.bnlab.report.chart.LossChartBuilder;
import dev.bnlab.report.chart.LossChartOptions;
import dev.bnlab.report.chart.VariantCurves;
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
import java.util.List;
import java.util.Locale;

/**
 * Several past experiments side by side: every variant's loss curves overlaid in one chart, named by the
 * experiment's folder, and each variant's test accuracy with its interval. Each experiment keeps its own
 * verdicts: runs are paired only within an experiment (same seed, same minibatches), never across two.
 */
public final class ExperimentsCompared {
    public static final String PNG = "compare.png";
    public static final String SVG = "compare.svg";
    public static final String CSV = "compare.csv";
    public static final List<String> FILES = List.of(PNG, SVG, CSV);
    static final String[] HEADER = {"experiment", "folder", "variant", "value", "runs", "evaluated", "mean_accuracy",
            "ci95_low", "ci95_high", "sd"};

    private final List<ResultsReader.OpenedResults> experiments;
    private final List<String> labels;
    private final List<Row> rows;
    private final List<String> verdicts;

    public ExperimentsCompared(List<ResultsReader.OpenedResults> experiments) {
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        this.experiments = List.copyOf(experiments);
        this.labels = uniqueLabels(this.experiments);
        this.rows = computeRows();
        this.verdicts = computeVerdicts();
    }

    public List<ResultsReader.OpenedResults> experiments() {
        return experiments;
    }

    /** The name each experiment goes by: its folder's name, with its parent's when two folders share one. */
    public List<String> labels() {
        return labels;
    }

    /** One variant of one experiment (in a sweep: at one value), as the results table shows it. */
    public record Row(String experiment, Path folder, String variant, String value, int colorIndex, int runs,
                      int evaluated, SampleSummary accuracy) {
        public String name() {
            return experiment + " · " + variant + (value.isEmpty() ? "" : " · " + value);
        }
    }

    /** Every experiment's variants, in the order of the chart's legend and colours. */
    public List<Row> rows() {
        return rows;
    }

    private List<Row> computeRows() {
        List<Row> rows = new ArrayList<>();
        int color = 0;
        for (int e = 0; e < experiments.size(); e++) {
            ExperimentResult r = experiments.get(e).result();
            for (ExperimentAnalysis.VariantSummary v : ExperimentAnalysis.of(r).variants()) {
                rows.add(new Row(labels.get(e), experiments.get(e).dir(), v.variant().name(), v.sweepLabel(), color++,
                        v.runs(), v.evaluated(), v.accuracy()));
            }
        }
        return rows;
    }

    /** Each experiment's verdicts, prefixed by its name: pairs never cross experiments. */
    public List<String> verdicts() {
        return verdicts;
    }

    private List<String> computeVerdicts() {
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < experiments.size(); e++) {
            for (ExperimentAnalysis.Comparison c : ExperimentAnalysis.of(experiments.get(e).result()).comparisons()) {
                lines.add(labels.get(e) + ": " + c.name() + ": " + c.verdict().text());
            }
        }
        return lines;
    }

    /** The loss curves of every variant of every experiment (in a sweep, of every value) in one chart. */
    public ChartDefinition lossChart(LossChartOptions options) {
        List<VariantCurves> curves = new ArrayList<>();
        List<Row> rows = rows();
        int row = 0;
        int[] epochEnds = null;
        boolean sameEpochs = true; // epoch markers only where every experiment has the same epochs
        for (ResultsReader.OpenedResults opened : experiments) {
            ExperimentResult r = opened.result();
            ExperimentSpec spec = r.spec();
            List<RunSpec> runs = spec.expand();
            List<float[]> scores = r.histories().stream().map(RunHistory::scores).toList();
            double[] accuracies = r.runs().stream().mapToDouble(RunResult::testAccuracy).toArray();
            RunStatus[] statuses = r.runs().stream().map(RunResult::status).toArray(RunStatus[]::new);
            for (int c = 0; c < spec.sweep().size(); c++) {
                List<String> notes = LossCharts.notes(spec, runs, accuracies, statuses, c);
                for (int v = 0; v < spec.variants().size(); v++) {
                    Row shown = rows.get(row++);
                    curves.add(new VariantCurves(shown.name(), shown.colorIndex(),
                            LossCharts.seedScores(runs, scores, v, c), notes.get(v)));
                }
            }
            int[] ends = LossCharts.epochEnds(r.histories());
            if (epochEnds == null) {
                epochEnds = ends;
            } else {
                sameEpochs &= java.util.Arrays.equals(epochEnds, ends);
            }
        }
        return LossChartBuilder.build("Training loss: " + experiments.size() + " experiments compared",
                String.join("  |  ", subtitles()), curves, sameEpochs ? epochEnds : new int[0], options);
    }

    private List<String> subtitles() {
        List<String> parts = new ArrayList<>();
        for (int e = 0; e < experiments.size(); e++) {
            ExperimentSpec spec = experiments.get(e).result().spec();
            var h = spec.hyperparameters();
            parts.add(String.format(Locale.ROOT, "%s: %s (%s, lr %s, batch %d, %d epoch%s, %d seed%s)", labels.get(e),
                    spec.name(), h.optimizer().id(), NiceScale.label(h.learningRate()), h.batchSize(), h.epochs(),
                    h.epochs() == 1 ? "" : "s", spec.seeds(), spec.seeds() == 1 ? "" : "s"));
        }
        return parts;
    }

    /** compare.png, compare.svg and compare.csv (one row per variant of each experiment) into {@code dir}. */
    public List<String> writeAll(Path dir) throws IOException {
        LossChartOptions options = LossChartOptions.defaults()
                .withBuckets(ChartRenderer.suggestedBuckets(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT));
        ChartDefinition chart = lossChart(options);
        ChartRenderer.writePng(chart, dir.resolve(PNG), ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        ChartRenderer.writeSvg(chart, dir.resolve(SVG), ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        AtomicFiles.write(dir.resolve(CSV), out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
            for (Row r : rows()) {
                SampleSummary s = r.accuracy();
                csv.printRecord(r.experiment(), r.folder().toAbsolutePath().normalize(), r.variant(), r.value(),
                        r.runs(), r.evaluated(), number(s.mean()), number(s.ciLow()), number(s.ciHigh()), number(s.sd()));
            }
            csv.flush();
        });
        return FILES;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static List<String> uniqueLabels(List<ResultsReader.OpenedResults> experiments) {
        List<String> labels = new ArrayList<>();
        for (ResultsReader.OpenedResults e : experiments) {
            labels.add(e.label());
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (labels.get(i).equals(labels.get(j))) {
                    labels.set(j, withParent(experiments.get(j).dir()));
                    if (labels.get(i).equals(experiments.get(i).label())) {
                        labels.set(i, withParent(experiments.get(i).dir()));
                    }
                }
            }
        }
        for (int i = 0; i < labels.size(); i++) { // the same folder twice: number them
            for (int j = i + 1; j < labels.size(); j++) {
                if (labels.get(i).equals(labels.get(j))) {
                    labels.set(j, labels.get(j) + " (" + (j + 1) + ")");
                }
            }
        }
        return labels;
    }

    private static String withParent(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent() == null ? null : abs.getParent().getFileName();
        return (parent == null ? "" : parent + "/") + abs.getFileName();
    }
}
