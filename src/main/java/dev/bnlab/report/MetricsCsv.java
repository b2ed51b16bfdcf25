package dev.bnlab.report;

import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code metrics.csv} in long ("tidy") form: one row per run and iteration, with columns
 * {@code variant,seed,epoch,iteration,loss}, so pandas' {@code read_csv} or R's {@code read.csv} take it as is.
 * The loss is the minibatch loss DL4J reports for that iteration.
 */
public final class MetricsCsv {
    public static final String[] HEADER = {"variant", "seed", "epoch", "iteration", "loss"};

    private MetricsCsv() {
    }

    public static void write(Path file, ExperimentResult result) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
            for (int r = 0; r < result.runs().size(); r++) {
                RunResult run = result.runs().get(r);
                RunHistory h = result.histories().get(r);
                float[] scores = h.scores();
                int[] epochEnds = h.epochEnds();
                int epoch = 1;
                for (int i = 0; i < scores.length; i++) {
                    while (epoch <= epochEnds.length && i >= epochEnds[epoch - 1]) {
                        epoch++;
                    }
                    csv.printRecord(run.variant(), run.seed(), epoch, i + 1, Float.toString(scores[i]));
                }
            }
            csv.flush();
        });
    }
}
