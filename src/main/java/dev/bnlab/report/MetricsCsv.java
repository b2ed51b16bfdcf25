package dev.bnlab.report;

import dev.bnlab.experiment.RunHistory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code metrics.csv}: one row per run and iteration, with columns run, epoch, iteration, score. */
public final class MetricsCsv {
    public static final String[] HEADER = {"run", "epoch", "iteration", "score"};

    private MetricsCsv() {
    }

    public static void write(Path file, List<RunHistory> histories) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
            for (RunHistory h : histories) {
                float[] scores = h.scores();
                int[] epochEnds = h.epochEnds();
                int epoch = 1;
                for (int i = 0; i < scores.length; i++) {
                    while (epoch <= epochEnds.length && i >= epochEnds[epoch - 1]) {
                        epoch++;
                    }
                    csv.printRecord(h.runName(), epoch, i + 1, Float.toString(scores[i]));
                }
            }
            csv.flush();
        });
    }
}
