package dev.bnlab.cli;

import dev.bnlab.IoErrors;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.experiment.ExperimentJob;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.report.OutputFolder;
import dev.bnlab.report.ResultsWriter;
import dev.bnlab.report.TrainedNetworks;
import dev.bnlab.spec.ExperimentSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * The {@code --no-gui} job: claim the output folder ({@link OutputFolder}: earlier results are never replaced
 * without --overwrite), then the shared {@link ExperimentJob} (verified MNIST,
 * every run with console progress), then write the results and print the table and the verdict.
 */
public final class HeadlessExperiment {
    private final ExperimentJob job;
    private final Claim output;
    private final PrintStream out;
    private final PrintStream err;

    /** How the job gets its output folder: checked before any training time is spent. */
    @FunctionalInterface
    public interface Claim {
        OutputFolder claim() throws IOException;
    }

    public HeadlessExperiment(ExperimentSpec spec, Path dataDir, Claim output, PrintStream out, PrintStream err,
                              boolean interactive) {
        this.output = output;
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
        OutputFolder folder = claim(output, err);
        if (folder == null) {
            return ExitCodes.OUTPUT;
        }
        try {
            return trainAndWrite(folder);
        } finally {
            folder.release();
        }
    }

    /** The output folder, or null after saying on {@code err} why there is none. */
    static OutputFolder claim(Claim output, PrintStream err) {
        try {
            return output.claim();
        } catch (IOException e) {
            explain(e, err);
            return null;
        }
    }

    /** Says on {@code err} why results cannot go to the folder asked for, and what to do instead. */
    public static void explain(IOException e, PrintStream err) {
        if (e instanceof OutputFolder.OutputFolderTaken) {
            err.println("Error: " + e.getMessage() + ".\n" + OutputFolder.COMMAND_LINE_HINT);
        } else {
            err.println("Error: " + (e instanceof OutputFolder.Unwritable ? e.getMessage()
                    : "cannot write results (" + IoErrors.describe(e) + ")") + ".\nChoose another folder with --output DIR.");
        }
    }

    private int trainAndWrite(OutputFolder folder) {
        Path outputDir = folder.dir();
        ExperimentResult result;
        try {
            result = job.run();
        } catch (CancellationException e) {
            folder.deleteIfEmpty(); // no results: no folder left to mistake for some
            err.println("Stopped before training began: nothing was recorded, so no results were written.");
            return ExitCodes.INTERRUPTED;
        } catch (MnistDataException e) {
            folder.deleteIfEmpty();
            err.println("Error: " + e.getMessage());
            return ExitCodes.DATA;
        }
        try {
            ResultsWriter.writeAll(outputDir, result, job.data(), TrainedNetworks.of(job.runner()));
            folder.removeLeftovers();
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
}
