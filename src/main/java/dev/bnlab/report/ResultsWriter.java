package dev.bnlab.report;

import dev.bnlab.data.MnistData;
import dev.bnlab.experiment.ExperimentResult;

import java.io.IOException;
import java.nio.file.Path;

/** Writes an experiment's three result files into one folder: metrics.csv, summary.json and loss.png. */
public final class ResultsWriter {
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String CHART = "loss.png";
    public static final double DEFAULT_SMOOTHING = 0.6;

    private ResultsWriter() {
    }

    public static void writeAll(Path dir, ExperimentResult result, MnistData data) throws IOException {
        MetricsCsv.write(dir.resolve(METRICS), result.histories());
        LossChartRenderer.writePng(LossChart.of(result.config(), result.histories(), result, DEFAULT_SMOOTHING, false),
                dir.resolve(CHART), LossChartRenderer.DEFAULT_WIDTH, LossChartRenderer.DEFAULT_HEIGHT);
        SummaryJson.write(dir.resolve(SUMMARY), result, data.directory(), data.files());
    }
}
