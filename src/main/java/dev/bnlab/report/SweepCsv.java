package dev.bnlab.report;

import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.spec.Sweep;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sweep.csv}: one row per cell of a sweep (variant × value × seed):
 * {@code variant,<setting>,seed,status,test_accuracy,final_loss,iterations,diverged_at,iterations_to_95}.
 * {@code diverged_at} is the iteration at which a diverged run was stopped (empty otherwise);
 * {@code iterations_to_95} the first probe point at which the probe images' accuracy reached 95 % (empty when
 * never, or with probes off).
 */
public final class SweepCsv {
    public static final String FILE = "sweep.csv";
    public static final double TARGET = 0.95;
    static final String[] HEADER = {"variant", "seed", "status", "test_accuracy", "final_loss", "iterations",
            "diverged_at", "iterations_to_95"};

    private SweepCsv() {
    }

    /** The first probe iteration at which accuracy reached {@code target}, or -1. */
    public static int iterationsTo(List<ProbePoint> points, double target) {
        for (ProbePoint p : points) {
            if (p.accuracy() >= target) {
                return p.iteration();
            }
        }
        return -1;
    }

    public static void write(Path file, ExperimentResult result) throws IOException {
        Sweep sweep = result.spec().sweep();
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(MetricsCsv.header(HEADER, sweep)).build());
            for (int r = 0; r < result.runs().size(); r++) {
                RunResult run = result.runs().get(r);
                List<Object> row = MetricsCsv.lead(run, sweep);
                int reached = iterationsTo(result.histories().get(r).probes(), TARGET);
                row.add(run.status().label());
                row.add(run.evaluated() ? Double.toString(run.testAccuracy()) : "");
                row.add(Double.isFinite(run.finalScore()) ? Double.toString(run.finalScore()) : "");
                row.add(run.iterations());
                row.add(run.status() == RunStatus.DIVERGED ? Integer.toString(run.iterations()) : "");
                row.add(reached < 0 ? "" : Integer.toString(reached));
                csv.printRecord(row);
            }
            csv.flush();
        });
    }
}
