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
 * The loss is the minibatch loss DL4J reports for that iteration. In a sweep a column named after the swept
 * setting (e.g. {@code learning_rate}) follows the variant.
 */
public final class MetricsCsv {
    public static final String[] HEADER = {"variant", "seed", "epoch", "iteration", "loss"};

    private MetricsCsv() {
    }

    /** The header: in a sweep, a column named after the swept setting (e.g. learning_rate) follows the variant. */
    public static String[] header(String[] header, dev.bnlab.spec.Sweep sweep) {
        if (!sweep.active()) {
            return header;
        }
        java.util.List<String> h = new java.util.ArrayList<>(java.util.List.of(header));
        h.add(1, sweep.key().replace('-', '_'));
        return h.toArray(String[]::new);
    }

    /** The row's leading cells: the variant, in a sweep the run's value, then the seed. */
    public static java.util.List<Object> lead(RunResult run, dev.bnlab.spec.Sweep sweep) {
        java.util.List<Object> cells = new java.util.ArrayList<>();
        cells.add(run.variant());
        if (sweep.active()) {
            cells.add(sweep.valueText(run.run().sweepIndex()));
        }
        cells.add(run.seed());
        return cells;
    }

    public static void write(Path file, ExperimentResult result) throws IOException {
        dev.bnlab.spec.Sweep sweep = result.spec().sweep();
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header(HEADER, sweep)).build());
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
                    java.util.List<Object> row = lead(run, sweep);
                    row.add(epoch);
                    row.add(i + 1);
                    row.add(Float.toString(scores[i]));
                    csv.printRecord(row);
                }
            }
            csv.flush();
        });
    }
}
