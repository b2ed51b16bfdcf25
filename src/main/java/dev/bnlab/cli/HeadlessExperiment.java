package dev.bnlab.cli;

import dev.bnlab.IoErrors;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.experiment.ExperimentJob;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.report.ResultsWriter;
import dev.bnlab.report.TrainedNetworks;
import dev.bnlab.spec.ExperimentSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * The {@code --no-gui} job: check the output folder, then the shared {@link ExperimentJob} (verified MNIST,
 * every run with console progress), then write the results and print the table and the verdict.
 */
public final class HeadlessExperiment {
    private final ExperimentJob job;
    private final Path outputDir;
    private final PrintStream out;
    private final PrintStream err;

    public HeadlessExperiment(ExperimentSpec spec, Path dataDir, Path outputDir, PrintStream out, PrintStream err,
                              boolean interactive) {
        this.outputDir = outputDir;
        this.out = out;
        this.err = err;
        this.job = new ExperimentJob(spec, dataDir, message -> {
            out.println(message);
            out.flush();
        }).subscribe(new ConsoleReporter(out, err, interactive));
    }

    /** Stops training after the current iteration; the results so far are still written. Any thread. */
    public void stop() {
        job.stop();
    }

    public int run() {
        try {
            prepareOutput(outputDir);
        } catch (IOException e) {
            err.println("Error: cannot write results to " + outputDir.toAbsolutePath() + " (" + IoErrors.describe(e)
                    + ").\nChoose another folder with --output DIR.");
            return ExitCodes.OUTPUT;
        }
        ExperimentResult result;
        try {
            result = job.run();
        } catch (CancellationException e) {
            err.println("Stopped before training began: nothing was recorded, so no results were written.");
            return ExitCodes.INTERRUPTED;
        } catch (MnistDataException e) {
            err.println("Error: " + e.getMessage());
            return ExitCodes.DATA;
        }
        try {
            ResultsWriter.writeAll(outputDir, result, job.data(), TrainedNetworks.of(job.runner()));
        } catch (IOException e) {
            err.println("Error: cannot write results to " + outputDir.toAbsolutePath() + " (" + IoErrors.describe(e) + ").");
            ResultsTable.print(out, result);
            return ExitCodes.OUTPUT;
        }
        ResultsTable.print(out, result);
        out.println("Results: " + outputDir.toAbsolutePath() + " (" + String.join(", ", ResultsWriter.files(result)) + ")");
        out.flush();
        return switch (result.status()) {
            case FINISHED -> ExitCodes.OK;
            case STOPPED -> ExitCodes.INTERRUPTED;
            case FAILED -> ExitCodes.FAILED;
        };
    }

    /** Creates the folder and proves it writable before any training time is spent. */
    static void prepareOutput(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
        Files.delete(probe);
    }
}
