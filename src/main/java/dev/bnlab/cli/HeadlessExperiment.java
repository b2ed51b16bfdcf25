package dev.bnlab.cli;

import dev.bnlab.IoErrors;
import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.ExperimentRunner;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.report.ResultsWriter;
import dev.bnlab.report.SummaryJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code --no-gui} job: check the output folder, provide verified MNIST, train every run with console
 * progress, write metrics.csv, summary.json and loss.png, and print the results table.
 */
public final class HeadlessExperiment {
    private final ExperimentConfig config;
    private final Path dataDir;
    private final Path outputDir;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final AtomicReference<ExperimentRunner> runner = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile Thread preparing;

    public HeadlessExperiment(ExperimentConfig config, Path dataDir, Path outputDir, PrintStream out, PrintStream err,
                              boolean interactive) {
        this.config = config;
        this.dataDir = dataDir;
        this.outputDir = outputDir;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** Stops training after the current iteration; the results so far are still written. Any thread. */
    public void stop() {
        synchronized (this) {
            stopRequested = true;
            ExperimentRunner r = runner.get();
            if (r != null) {
                r.stop();
            } else if (preparing != null) {
                preparing.interrupt(); // abandons a download; its staging folder is removed
            }
        }
    }

    public int run() {
        try {
            prepareOutput(outputDir);
        } catch (IOException e) {
            err.println("Error: cannot write results to " + outputDir.toAbsolutePath() + " (" + IoErrors.describe(e)
                    + ").\nChoose another folder with --output DIR.");
            return ExitCodes.OUTPUT;
        }
        MnistData data;
        try {
            preparing = Thread.currentThread();
            if (stopRequested) {
                return stoppedBeforeTraining();
            }
            data = MnistProvisioner.standard(message -> {
                out.println(message);
                out.flush();
            }).provide(dataDir);
        } catch (MnistDataException e) {
            if (stopRequested) {
                return stoppedBeforeTraining();
            }
            err.println("Error: " + e.getMessage());
            return ExitCodes.DATA;
        } finally {
            synchronized (this) {
                preparing = null;
                Thread.interrupted(); // a stop's interrupt is recorded in stopRequested
            }
        }
        out.println("MNIST: 4 files verified (size and SHA-256) in " + data.directory());
        ExperimentRunner experiment = new ExperimentRunner(config, data);
        experiment.subscribe(new ConsoleReporter(out, err, interactive));
        synchronized (this) {
            runner.set(experiment);
            if (stopRequested) {
                experiment.stop();
            }
        }
        ExperimentResult result = experiment.run();
        try {
            ResultsWriter.writeAll(outputDir, result, data);
        } catch (IOException e) {
            err.println("Error: cannot write results to " + outputDir.toAbsolutePath() + " (" + IoErrors.describe(e) + ").");
            printTable(result);
            return ExitCodes.OUTPUT;
        }
        printTable(result);
        out.println("Results: " + outputDir.toAbsolutePath() + " (" + ResultsWriter.METRICS + ", "
                + ResultsWriter.SUMMARY + ", " + ResultsWriter.CHART + ")");
        out.flush();
        return switch (result.status()) {
            case FINISHED -> ExitCodes.OK;
            case STOPPED -> ExitCodes.INTERRUPTED;
            case FAILED -> ExitCodes.FAILED;
        };
    }

    private int stoppedBeforeTraining() {
        err.println("Stopped before training began: nothing was recorded, so no results were written.");
        return ExitCodes.INTERRUPTED;
    }

    /** Creates the folder and proves it writable before any training time is spent. */
    static void prepareOutput(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
        Files.delete(probe);
    }

    private void printTable(ExperimentResult result) {
        out.println();
        out.printf(Locale.ROOT, "Experiment %s after %.1f s%n", result.status().label(), result.seconds());
        int w = Math.max(3, result.runs().stream().mapToInt(r -> r.name().length()).max().orElse(3));
        String format = "%-" + w + "s  %13s  %10s  %13s  %s%n";
        out.printf(Locale.ROOT, format, "run", "test accuracy", "final loss", "training time", "status");
        for (RunResult r : result.runs()) {
            out.printf(Locale.ROOT, format, r.name(),
                    r.evaluated() ? String.format(Locale.ROOT, "%.2f %%", 100 * r.testAccuracy()) : "-",
                    Double.isFinite(r.finalScore()) ? String.format(Locale.ROOT, "%.4f", r.finalScore()) : "-",
                    String.format(Locale.ROOT, "%.1f s", r.trainingSeconds()), r.status().label());
        }
        SummaryJson.accuracyDifference(result).ifPresent(d -> out.printf(Locale.ROOT,
                "Batch Normalization: %+.2f points of test accuracy (the notebook: +0.56, 96.77%% -> 97.33%%)%n", d));
    }
}
